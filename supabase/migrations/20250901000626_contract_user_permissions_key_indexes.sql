-- Tenancy, contract (see 20250901000400 and 20250901000620): unique (institution_id, id) on
-- public.user_permissions, where this database has the table, as user_permissions_tenant_pkey, and a plain index
-- on (id) beside it for lookups by id alone, which private.promote_tenant_primary_key wants
-- before the key on id goes. Built in this file's transaction (private.build_tenant_index
-- says why): SHARE on this table only while they build (reads go on, its writers wait).
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.build_tenant_index('user_permissions', 'user_permissions_tenant_pkey', array['institution_id', 'id'], true);
select private.build_tenant_index('user_permissions', 'user_permissions_id_idx', array['id'], false);
