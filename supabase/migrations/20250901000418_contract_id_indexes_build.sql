-- Tenancy, contract (see 20250901000400): a plain index on (id) on the class structure and
-- people, <table>_id_idx, built CONCURRENTLY (no write lock). Their primary keys become
-- (institution_id, id) in 20250901000440..446 and the keys on id go; every lookup by id alone
-- keeps this index: the request context (private.set_request_context finds the caller by
-- auth.uid()), the tenant and role triggers' link checks, PostgREST's id=eq. filters, and
-- profiles found from auth.users. private.promote_tenant_primary_key refuses to drop a key on
-- id until such an index exists. Not unique: (institution_id, id) is the key; ids are uuids,
-- so the index is as selective as the old key.
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
