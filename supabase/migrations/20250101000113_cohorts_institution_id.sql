-- Tenancy, expand: institution_id on public.cohorts (see 20250101000100_institutions_expand).
--
-- Nullable, no default: a catalog change only, no row is touched. The foreign key is NOT
-- VALID: enforced for rows written from now on; existing rows are checked by the runner's
-- `validate constraint` once the batched backfill has filled them.
-- Locks: ACCESS EXCLUSIVE on public.cohorts (add column) for the milliseconds until this
-- file commits; it is the only existing table this file touches, so nothing else waits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

alter table public.cohorts add column if not exists institution_id uuid;
alter table public.cohorts
  add constraint cohorts_institution_id_fkey
  foreign key (institution_id) references public.institutions (id) not valid;
