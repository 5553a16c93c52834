-- Row level security, part 2 (see 20250201000200): tenant isolation of
-- public.slot_templates, where this database has the table. Its existing policies (found
-- in the catalog) are replaced: its teachers, admins and office staff read them, its
-- institution admins write them, and the tenant guard keeps each row in its school. ACCESS
-- EXCLUSIVE on this table only, until the commit right after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.scope_school_table('slot_templates', 'slot templates', 'staff', '{}');
