-- Tenancy, contract (see 20250901000400): timetable_sessions.teacher_id → user_profiles becomes the composite key
-- timetable_sessions_tenant_teacher_fkey (institution_id, teacher_id) → user_profiles (institution_id, id), NOT VALID, in place
-- of BIG DAY's key by id, with its ON DELETE action; where this database has both tables.
-- Re-pointed at user_profiles's new primary key later, validated in 20250901000590.
-- Locks: timetable_sessions and user_profiles, no scan, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.swap_to_tenant_key_where_present('timetable_sessions', 'teacher_id', 'user_profiles', 'timetable_sessions_tenant_teacher_fkey');
