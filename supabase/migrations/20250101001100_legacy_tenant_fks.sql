-- Tenancy, expand step 5: tenant-aware twins of BIG DAY's class-structure foreign keys.
--
-- cohorts → academic_terms, sections → cohorts, section_students → sections / user_profiles
-- and section_courses → sections / courses / user_profiles reference by id only, so a
-- section of one school could point at a cohort of another. Each gets a composite twin
-- (institution_id, <fk>) → (institution_id, id), added NOT VALID: no scan, enforced from now
-- on for every row whose institution_id is set (MATCH SIMPLE: rows still without one pass).
-- The migration runner validates them after the backfill (VALIDATE CONSTRAINT, SHARE UPDATE
-- EXCLUSIVE only); then the single-column originals can be dropped (contract), which is
-- what a distribution by institution_id (Citus) needs. Indexes: 20250101001000.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

alter table public.cohorts
  add constraint cohorts_tenant_term_fkey foreign key (institution_id, academic_term_id)
  references public.academic_terms (institution_id, id) not valid;
alter table public.sections
  add constraint sections_tenant_cohort_fkey foreign key (institution_id, cohort_id)
  references public.cohorts (institution_id, id) on delete cascade not valid;
alter table public.section_students
  add constraint section_students_tenant_section_fkey foreign key (institution_id, section_id)
  references public.sections (institution_id, id) on delete cascade not valid;
alter table public.section_students
  add constraint section_students_tenant_student_fkey foreign key (institution_id, student_id)
  references public.user_profiles (institution_id, id) on delete cascade not valid;
alter table public.section_courses
  add constraint section_courses_tenant_section_fkey foreign key (institution_id, section_id)
  references public.sections (institution_id, id) on delete cascade not valid;
alter table public.section_courses
  add constraint section_courses_tenant_course_fkey foreign key (institution_id, course_id)
  references public.courses (institution_id, id) not valid;
alter table public.section_courses
  add constraint section_courses_tenant_teacher_fkey foreign key (institution_id, teacher_id)
  references public.user_profiles (institution_id, id) not valid;
