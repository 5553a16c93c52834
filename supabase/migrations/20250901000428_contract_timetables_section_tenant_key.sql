-- Tenancy, contract (see 20250901000400): timetables.section_id → sections becomes the composite key
-- timetables_tenant_section_fkey (institution_id, section_id) → sections (institution_id, id), NOT VALID, in place
-- of BIG DAY's key by id, with its ON DELETE action; where this database has both tables.
-- Re-pointed at sections's new primary key later, validated in 20250901000590.
-- Locks: timetables and sections, no scan, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.swap_to_tenant_key_where_present('timetables', 'section_id', 'sections', 'timetables_tenant_section_fkey');
