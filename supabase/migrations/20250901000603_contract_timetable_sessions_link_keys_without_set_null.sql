-- Tenancy, contract (see 20250901000600): the keys of public.timetable_sessions to public.user_profiles that
-- null a session's teacher when the profile goes become NO ACTION; the trigger
-- clear_links_to_removed_profile clears the link first. NOT VALID, validated in 20250901000604.
-- Locks: ACCESS EXCLUSIVE on timetable_sessions and user_profiles (a key dropped), no scan, until
-- this file commits. Skipped where this database lacks the table.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.drop_set_null_from_link_key('timetable_sessions', 'timetable_sessions_tenant_teacher_fkey');
