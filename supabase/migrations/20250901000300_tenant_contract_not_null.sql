-- Tenancy, contract step 3 of 4: institution_id NOT NULL on the existing BIG DAY tables.
-- Each table has a validated CHECK (institution_id is not null) (20250901000200), so
-- SET NOT NULL skips its full-table scan (PostgreSQL 12+): a brief ACCESS EXCLUSIVE lock per
-- table, catalog work only. The checks are then redundant and dropped.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.assert_tenant_backfill_complete();

-- squawk reads SET NOT NULL as a full scan under ACCESS EXCLUSIVE; here the validated check
-- makes it catalog-only, hence the inline ignores.
-- squawk-ignore adding-not-nullable-field
alter table public.user_profiles alter column institution_id set not null;
-- squawk-ignore adding-not-nullable-field
alter table public.academic_terms alter column institution_id set not null;
-- squawk-ignore adding-not-nullable-field
alter table public.courses alter column institution_id set not null;
-- squawk-ignore adding-not-nullable-field
alter table public.cohorts alter column institution_id set not null;
-- squawk-ignore adding-not-nullable-field
alter table public.sections alter column institution_id set not null;
-- squawk-ignore adding-not-nullable-field
alter table public.section_students alter column institution_id set not null;
-- squawk-ignore adding-not-nullable-field
alter table public.section_courses alter column institution_id set not null;

alter table public.user_profiles drop constraint user_profiles_institution_id_not_null;
alter table public.academic_terms drop constraint academic_terms_institution_id_not_null;
alter table public.courses drop constraint courses_institution_id_not_null;
alter table public.cohorts drop constraint cohorts_institution_id_not_null;
alter table public.sections drop constraint sections_institution_id_not_null;
alter table public.section_students drop constraint section_students_institution_id_not_null;
alter table public.section_courses drop constraint section_courses_institution_id_not_null;

-- BIG DAY screens written before the HPC do not send institution_id. From now on the column
-- is required, so for a signed-in user it defaults to the user's own institution (a
-- catalog-only change): those screens keep working, and cannot write into another school.
alter table public.user_profiles alter column institution_id set default private.current_institution_id();
alter table public.academic_terms alter column institution_id set default private.current_institution_id();
alter table public.courses alter column institution_id set default private.current_institution_id();
alter table public.cohorts alter column institution_id set default private.current_institution_id();
alter table public.sections alter column institution_id set default private.current_institution_id();
alter table public.section_students alter column institution_id set default private.current_institution_id();
alter table public.section_courses alter column institution_id set default private.current_institution_id();
