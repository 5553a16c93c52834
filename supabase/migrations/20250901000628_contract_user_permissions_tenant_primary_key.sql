-- Tenancy, contract (see 20250901000400 and 20250901000620): the primary key of
-- public.user_permissions becomes (institution_id, id), from the index user_permissions_tenant_pkey; the key
-- by id goes (no foreign key depends on it). Catalog only: ACCESS EXCLUSIVE on this table
-- only, until this file commits. Skipped where this database lacks the table.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.promote_tenant_primary_key('user_permissions');
