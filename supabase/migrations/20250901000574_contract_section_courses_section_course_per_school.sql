-- Tenancy, contract (see 20250901000400): BIG DAY's unique key over section_courses (section_id, course_id) becomes one per
-- school, section_courses_institution_section_course_key (institution_id, section_id, course_id). Why per school:
-- docs/scale-out.md "Keys". ACCESS EXCLUSIVE on this table only, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.swap_to_tenant_unique_key('section_courses', array['section_id', 'course_id'], 'section_courses_institution_section_course_key');
