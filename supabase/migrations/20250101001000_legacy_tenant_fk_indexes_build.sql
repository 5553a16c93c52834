-- Tenancy, expand step 4: indexes for the composite (institution_id, <fk>) foreign keys that
-- the next migration adds beside BIG DAY's single-column class-structure keys. Built
-- CONCURRENTLY (no write lock); the Supabase CLI runs a file of only such statements
-- outside a transaction, so `set` is session-wide here and reset at the end.
-- If a build fails it leaves an INVALID index: drop it (drop index concurrently) and re-run.
-- squawk (assume_in_transaction) flags each CONCURRENTLY build; the ignores below say the
-- CLI runs this file without a transaction, which is the whole point of the file.
-- A concurrent build waits (SHARE UPDATE EXCLUSIVE, then for older transactions to end)
-- without blocking reads or writes, so it may wait long; a short lock_timeout would only
-- leave an INVALID index behind on a busy database.
set lock_timeout = '10min';
set statement_timeout = '0';

-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists cohorts_institution_term_idx
  on public.cohorts (institution_id, academic_term_id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists sections_institution_cohort_idx
  on public.sections (institution_id, cohort_id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists section_students_institution_section_idx
  on public.section_students (institution_id, section_id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists section_students_institution_student_idx
  on public.section_students (institution_id, student_id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists section_courses_institution_section_idx
  on public.section_courses (institution_id, section_id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists section_courses_institution_course_idx
  on public.section_courses (institution_id, course_id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists section_courses_institution_teacher_idx
  on public.section_courses (institution_id, teacher_id);

reset lock_timeout;
reset statement_timeout;
