-- Tenancy, contract (see 20250901000400): the indexes of the new keys of the class structure and
-- people, built CONCURRENTLY (no write lock): unique (institution_id, id) as <table>_tenant_pkey,
-- made the primary key by 20250901000440..446, the per-school unique keys that replace
-- BIG DAY's database-wide ones in 20250901000570..574, and a plain index on (id).
--
-- This file holds only CREATE INDEX CONCURRENTLY, so the Supabase CLI runs it outside a
-- transaction; `set` (not `set local`) is therefore session-wide and reset at the end.
-- If a build fails it leaves an INVALID index: drop it (drop index concurrently) and re-run.
-- squawk (assume_in_transaction) flags each CONCURRENTLY build; the ignores below say the
-- CLI runs this file without a transaction, which is the whole point of the file.
-- A concurrent build waits (SHARE UPDATE EXCLUSIVE, then for older transactions to end)
-- without blocking reads or writes, so it may wait long; a short lock_timeout would only
-- leave an INVALID index behind on a busy database.
set lock_timeout = '10min';
set statement_timeout = '0';

-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists user_profiles_tenant_pkey
  on public.user_profiles (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists academic_terms_tenant_pkey
  on public.academic_terms (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists courses_tenant_pkey
  on public.courses (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists cohorts_tenant_pkey
  on public.cohorts (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists sections_tenant_pkey
  on public.sections (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists section_students_tenant_pkey
  on public.section_students (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists section_courses_tenant_pkey
  on public.section_courses (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists user_profiles_institution_email_key
  on public.user_profiles (institution_id, email);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists user_profiles_institution_admission_number_key
  on public.user_profiles (institution_id, admission_number);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists user_profiles_institution_employee_id_key
  on public.user_profiles (institution_id, employee_id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists section_students_institution_section_student_key
  on public.section_students (institution_id, section_id, student_id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists section_courses_institution_section_course_key
  on public.section_courses (institution_id, section_id, course_id);

-- A plain index on (id), <table>_id_idx, beside each new key (institution_id, id): once the
-- keys on id go (20250901000440..446), every lookup by id alone keeps it: the request context
-- (private.set_request_context finds the caller by auth.uid()), the tenant and role triggers'
-- link checks, PostgREST's id=eq. filters, and profiles found from auth.users.
-- private.promote_tenant_primary_key refuses to drop a key on id until such an index exists.
-- Not unique: (institution_id, id) is the key; ids are uuids, so it is as selective as the
-- old key.
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists user_profiles_id_idx
  on public.user_profiles (id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists academic_terms_id_idx
  on public.academic_terms (id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists courses_id_idx
  on public.courses (id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists cohorts_id_idx
  on public.cohorts (id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists sections_id_idx
  on public.sections (id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists section_students_id_idx
  on public.section_students (id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists section_courses_id_idx
  on public.section_courses (id);

reset lock_timeout;
reset statement_timeout;
