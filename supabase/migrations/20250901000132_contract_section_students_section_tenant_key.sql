-- Tenancy, contract (see 20250901000100): section_students.section_id → sections becomes the composite key
-- section_students_tenant_section_fkey (institution_id, section_id) → sections (institution_id, id), NOT VALID, in place of
-- BIG DAY's key by id (private.swap_to_tenant_key says why); validated in 20250901000200.
-- Locks: SHARE ROW EXCLUSIVE on sections and ACCESS EXCLUSIVE on section_students, no scan, until
-- this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.swap_to_tenant_key('section_students', 'section_id', 'sections', 'section_students_tenant_section_fkey');
