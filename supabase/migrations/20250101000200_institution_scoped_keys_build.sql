-- Tenancy, expand step 2: unique (institution_id, id) on the existing tables, built
-- CONCURRENTLY (no write lock, no long lock on a live table). These indexes become the
-- targets of the composite foreign keys that the HPC tables use (institution_id, <fk>) so
-- that a cross-tenant reference cannot exist (docs/architecture.md §4.1). The next
-- migration promotes them to constraints with `add constraint ... unique using index` (a
-- brief lock only).
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
create unique index concurrently if not exists user_profiles_institution_id_id_key
  on public.user_profiles (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists academic_terms_institution_id_id_key
  on public.academic_terms (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists courses_institution_id_id_key
  on public.courses (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists cohorts_institution_id_id_key
  on public.cohorts (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists sections_institution_id_id_key
  on public.sections (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists section_students_institution_id_id_key
  on public.section_students (institution_id, id);
-- squawk-ignore ban-concurrent-index-creation-in-transaction
create unique index concurrently if not exists section_courses_institution_id_id_key
  on public.section_courses (institution_id, id);

reset lock_timeout;
reset statement_timeout;
