-- Tenancy, contract (see 20250901000400): BIG DAY's unique key over user_permissions (user_id, permission, resource) becomes one per
-- school, user_permissions_institution_user_permission_resource_key (institution_id, user_id, permission, resource). Why per school:
-- docs/scale-out.md "Keys". ACCESS EXCLUSIVE on this table only, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.swap_to_tenant_unique_key('user_permissions', array['user_id', 'permission', 'resource'], 'user_permissions_institution_user_permission_resource_key');
