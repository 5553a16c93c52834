-- Tenancy, contract (see 20250901000100): section_courses.section_id → sections becomes the composite key
-- section_courses_tenant_section_fkey (institution_id, section_id) → sections (institution_id, id), NOT VALID, in place of
-- BIG DAY's key by id (private.swap_to_tenant_key says why); validated in 20250901000200.
-- Locks: SHARE ROW EXCLUSIVE on sections and ACCESS EXCLUSIVE on section_courses, no scan, until
-- this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.swap_to_tenant_key('section_courses', 'section_id', 'sections', 'section_courses_tenant_section_fkey');
