-- Tenancy, contract (see 20250901000100): a NOT VALID check `institution_id is not null`
-- on public.academic_terms. Enforced for new writes at once, no scan; validated in 20250901000200.
-- ACCESS EXCLUSIVE on this table only, until the commit right after. Refuses, with the
-- reason, while the backfill has left this table incomplete.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.assert_tenant_backfill_complete('academic_terms');
alter table public.academic_terms
  add constraint academic_terms_institution_id_not_null check (institution_id is not null) not valid;
