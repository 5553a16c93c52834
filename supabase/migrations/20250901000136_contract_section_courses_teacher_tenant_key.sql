-- Tenancy, contract (see 20250901000100): section_courses.teacher_id → user_profiles becomes the composite key
-- section_courses_tenant_teacher_fkey (institution_id, teacher_id) → user_profiles (institution_id, id), NOT VALID, in place of
-- BIG DAY's key by id (private.swap_to_tenant_key says why); validated in 20250901000200.
-- Locks: SHARE ROW EXCLUSIVE on user_profiles and ACCESS EXCLUSIVE on section_courses, no scan, until
-- this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.swap_to_tenant_key('section_courses', 'teacher_id', 'user_profiles', 'section_courses_tenant_teacher_fkey');
