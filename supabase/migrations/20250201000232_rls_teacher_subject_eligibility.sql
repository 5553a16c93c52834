-- Row level security, part 2 (see 20250201000200): tenant isolation of
-- public.teacher_subject_eligibility, where this database has the table. Its existing
-- policies (found in the catalog) are replaced: its teachers, admins and office staff read
-- them, its institution admins write them, and the tenant guard keeps each row in its
-- school (links: courses.course_id, user_profiles.teacher_id). ACCESS EXCLUSIVE on this
-- table only, until the commit right after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.scope_school_table('teacher_subject_eligibility', 'teacher subject eligibility', 'staff', array['courses.course_id', 'user_profiles.teacher_id']);
