-- Tenancy, contract (see 20250901000400): unique (institution_id, id) on public.allocation_settings, where this
-- database has the table, as allocation_settings_tenant_pkey: the target of the composite keys that point
-- at it, then its primary key. Built in this file's transaction (private.build_tenant_index
-- says why): SHARE on this table only while they build (reads go on, its writers wait).
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.build_tenant_index('allocation_settings', 'allocation_settings_tenant_pkey', array['institution_id', 'id'], true);
-- A plain index on (id) beside it: lookups by id alone (PostgREST's id=eq. filters, the tenant
-- triggers' link checks) keep it once the key on id goes, and private.promote_tenant_primary_key
-- refuses to drop that key until it exists. Not unique: the key is the constraint.
select private.build_tenant_index('allocation_settings', 'allocation_settings_id_idx', array['id'], false);
