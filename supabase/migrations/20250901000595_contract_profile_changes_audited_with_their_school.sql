-- Tenancy, contract: a profile's changes are logged in the audit log with their school.
--
-- BIG DAY logs every insert, update and delete of user_profiles into audit_logs through its
-- trigger audit_user_profiles_changes (public.log_user_changes): whole rows, in a table with no
-- school that no API role may read (20250201000217). Once every profile has its school, every
-- write of a profile is logged in public.audit_events instead: who changed which columns of
-- which profile, when, in which school, without the personal data itself (the 'person' mode of
-- private.audit_row_change, as the tenant entries of people were before). audit_events holds
-- each school's log and is distributed with the school on a Citus cluster, where BIG DAY's
-- trigger could not run at all: it fires on a shard of user_profiles and writes audit_logs, a
-- table on the coordinator (docs/scale-out.md §11). Its side effect goes with it:
-- audit_logs.user_id references auth.users, so a profile whose id was not a sign-in account
-- could not be written, even by the service role.
--
-- audit_logs keeps the entries it has. The tenant-only entries of new profiles and of school
-- moves (20250101000800) are part of the new entries, so those two triggers go too.
-- CREATE TRIGGER takes SHARE ROW EXCLUSIVE and DROP TRIGGER ACCESS EXCLUSIVE on user_profiles,
-- both until the commit right after: lock_timeout keeps a busy table from queueing behind it.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create trigger audit_row_change
  after insert or update or delete on public.user_profiles
  for each row execute function private.audit_row_change('person', 'public.user_profiles', 'id');

drop trigger if exists audit_tenant_of_new_row on public.user_profiles;
drop trigger if exists audit_tenant_move on public.user_profiles;
drop trigger if exists audit_user_profiles_changes on public.user_profiles;
-- restrict (the default, spelled out): a trigger of BIG DAY's that still used the function
-- elsewhere stops this migration, naming it, instead of going silently.
drop function if exists public.log_user_changes() restrict;
