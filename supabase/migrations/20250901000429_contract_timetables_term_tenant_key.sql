-- Tenancy, contract (see 20250901000400): timetables.academic_term_id → academic_terms becomes the composite key
-- timetables_tenant_term_fkey (institution_id, academic_term_id) → academic_terms (institution_id, id), NOT VALID, in place
-- of BIG DAY's key by id, with its ON DELETE action; where this database has both tables.
-- Re-pointed at academic_terms's new primary key later, validated in 20250901000590.
-- Locks: timetables and academic_terms, no scan, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.swap_to_tenant_key_where_present('timetables', 'academic_term_id', 'academic_terms', 'timetables_tenant_term_fkey');
