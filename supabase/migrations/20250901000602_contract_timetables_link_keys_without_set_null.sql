-- Tenancy, contract (see 20250901000600): the keys of public.timetables to public.user_profiles that
-- null a timetable's author and publisher when the profile goes become NO ACTION; the trigger
-- clear_links_to_removed_profile clears the link first. NOT VALID, validated in 20250901000604.
-- Locks: ACCESS EXCLUSIVE on timetables and user_profiles (a key dropped), no scan, until
-- this file commits. Skipped where this database lacks the table.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.drop_set_null_from_link_key('timetables', 'timetables_tenant_generated_by_fkey');
select private.drop_set_null_from_link_key('timetables', 'timetables_tenant_published_by_fkey');
