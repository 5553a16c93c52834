-- Row level security, part 2 (see 20250201000200): tenant isolation of
-- public.user_permissions, where this database has the table. Its existing policies (found
-- in the catalog) are replaced: its institution admins and the person read them, its
-- institution admins write them, and the tenant guard keeps each row in its school (links:
-- user_profiles.user_id). ACCESS EXCLUSIVE on this table only, until the commit right
-- after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- A person also reads their own permissions (BIG DAY's screens check them).
select private.scope_school_table('user_permissions', 'user permissions', 'admins', array['user_profiles.user_id'], 'user_id');
