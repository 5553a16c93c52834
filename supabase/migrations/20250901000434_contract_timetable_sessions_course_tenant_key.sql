-- Tenancy, contract (see 20250901000400): timetable_sessions.course_id → courses becomes the composite key
-- timetable_sessions_tenant_course_fkey (institution_id, course_id) → courses (institution_id, id), NOT VALID, in place
-- of BIG DAY's key by id, with its ON DELETE action; where this database has both tables.
-- Re-pointed at courses's new primary key later, validated in 20250901000590.
-- Locks: timetable_sessions and courses, no scan, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.swap_to_tenant_key_where_present('timetable_sessions', 'course_id', 'courses', 'timetable_sessions_tenant_course_fkey');
