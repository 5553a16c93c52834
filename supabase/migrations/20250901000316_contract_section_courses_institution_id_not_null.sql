-- Tenancy, contract (see 20250901000100): institution_id NOT NULL on public.section_courses.
-- The validated check (20250901000200) lets SET NOT NULL skip its full-table scan
-- (PostgreSQL 12+), so this is catalog work under a brief ACCESS EXCLUSIVE lock on this
-- table only; the check is then redundant and dropped. BIG DAY screens written before the
-- HPC do not send institution_id: for a signed-in user it defaults to the user's own
-- institution (catalog only), so those screens keep working and cannot write into another
-- school.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.assert_tenant_backfill_complete('section_courses');
-- squawk reads SET NOT NULL as a full scan under ACCESS EXCLUSIVE; here the validated check
-- makes it catalog-only.
-- squawk-ignore adding-not-nullable-field
alter table public.section_courses alter column institution_id set not null;
alter table public.section_courses drop constraint section_courses_institution_id_not_null;
alter table public.section_courses alter column institution_id set default private.current_institution_id();
