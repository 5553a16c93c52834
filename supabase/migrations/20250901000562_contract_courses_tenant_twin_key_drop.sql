-- Tenancy, contract (see 20250901000400): unique (institution_id, id) on public.courses goes: the
-- primary key is the same columns, and every key that pointed at it now points at the primary
-- key (20250901000500..540); dropping it refuses while one still does. ACCESS EXCLUSIVE on
-- this table only, catalog only, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.drop_tenant_twin_key('courses');
