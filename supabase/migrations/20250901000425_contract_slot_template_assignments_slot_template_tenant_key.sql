-- Tenancy, contract (see 20250901000400): slot_template_assignments.slot_template_id → slot_templates becomes the composite key
-- slot_template_assignments_tenant_slot_template_fkey (institution_id, slot_template_id) → slot_templates (institution_id, id), NOT VALID, in place
-- of BIG DAY's key by id, with its ON DELETE action; where this database has both tables.
-- Re-pointed at slot_templates's new primary key later, validated in 20250901000590.
-- Locks: slot_template_assignments and slot_templates, no scan, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.swap_to_tenant_key_where_present('slot_template_assignments', 'slot_template_id', 'slot_templates', 'slot_template_assignments_tenant_slot_template_fkey');
