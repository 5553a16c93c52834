-- Tenancy, contract (see 20250901000400): timetables.published_by → user_profiles becomes the composite key
-- timetables_tenant_published_by_fkey (institution_id, published_by) → user_profiles (institution_id, id), NOT VALID, in place
-- of BIG DAY's key by id, with its ON DELETE action; where this database has both tables.
-- Re-pointed at user_profiles's new primary key later, validated in 20250901000590.
-- Locks: timetables and user_profiles, no scan, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.swap_to_tenant_key_where_present('timetables', 'published_by', 'user_profiles', 'timetables_tenant_published_by_fkey');
