-- Row level security, part 2 (see 20250201000200): tenant isolation of
-- public.system_reports, where this database has the table. Its existing policies (found
-- in the catalog) are replaced: its institution admins read them, its institution admins
-- write them, and the tenant guard keeps each row in its school. ACCESS EXCLUSIVE on this
-- table only, until the commit right after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.scope_school_table('system_reports', 'system reports', 'admins', '{}');
-- Rows without institution_id are BIG DAY's platform reports (generated over every school
-- by its service-role function): no API role sees them.
