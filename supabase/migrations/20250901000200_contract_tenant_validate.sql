-- Tenancy, contract step 2: validate the NOT VALID checks (from 20250901000110..116) and
-- the institution_id foreign keys (from 20250101000110..116). VALIDATE CONSTRAINT scans the
-- table under SHARE UPDATE EXCLUSIVE only: the application keeps reading and writing.
-- Refuses, with the reason, if the backfill is incomplete.
set local lock_timeout = '50ms';
set local statement_timeout = '15min';

select private.assert_tenant_backfill_complete();

alter table public.user_profiles validate constraint user_profiles_institution_id_not_null;
alter table public.academic_terms validate constraint academic_terms_institution_id_not_null;
alter table public.courses validate constraint courses_institution_id_not_null;
alter table public.cohorts validate constraint cohorts_institution_id_not_null;
alter table public.sections validate constraint sections_institution_id_not_null;
alter table public.section_students validate constraint section_students_institution_id_not_null;
alter table public.section_courses validate constraint section_courses_institution_id_not_null;

alter table public.user_profiles validate constraint user_profiles_institution_id_fkey;
alter table public.academic_terms validate constraint academic_terms_institution_id_fkey;
alter table public.courses validate constraint courses_institution_id_fkey;
alter table public.cohorts validate constraint cohorts_institution_id_fkey;
alter table public.sections validate constraint sections_institution_id_fkey;
alter table public.section_students validate constraint section_students_institution_id_fkey;
alter table public.section_courses validate constraint section_courses_institution_id_fkey;

-- The composite (institution_id, fk) keys of the class structure (20250901000130..136).
alter table public.cohorts validate constraint cohorts_tenant_term_fkey;
alter table public.sections validate constraint sections_tenant_cohort_fkey;
alter table public.section_students validate constraint section_students_tenant_section_fkey;
alter table public.section_students validate constraint section_students_tenant_student_fkey;
alter table public.section_courses validate constraint section_courses_tenant_section_fkey;
alter table public.section_courses validate constraint section_courses_tenant_course_fkey;
alter table public.section_courses validate constraint section_courses_tenant_teacher_fkey;
