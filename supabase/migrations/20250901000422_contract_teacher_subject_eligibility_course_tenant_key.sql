-- Tenancy, contract (see 20250901000400): teacher_subject_eligibility.course_id → courses becomes the composite key
-- teacher_subject_eligibility_tenant_course_fkey (institution_id, course_id) → courses (institution_id, id), NOT VALID, in place
-- of BIG DAY's key by id, with its ON DELETE action; where this database has both tables.
-- Re-pointed at courses's new primary key later, validated in 20250901000590.
-- Locks: teacher_subject_eligibility and courses, no scan, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.swap_to_tenant_key_where_present('teacher_subject_eligibility', 'course_id', 'courses', 'teacher_subject_eligibility_tenant_course_fkey');
