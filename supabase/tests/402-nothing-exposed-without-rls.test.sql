-- Catalog guards: fail when anything reachable through the API lacks row level security or
-- policies, or when a security definer function lacks a fixed search_path. They read the
-- catalog, so they cover tables and functions added later by any migration.
begin;
\ir support/tests-schema.sql
select plan(4);

-- Every table, partition, view or materialized view in an exposed schema.
create temp view exposed as
select c.oid, n.nspname, c.relname, c.relkind, c.relrowsecurity, c.relispartition,
       exists (select 1 from pg_policy p where p.polrelid = c.oid) as has_policy,
       (has_table_privilege('anon', c.oid, 'select,insert,update,delete')
        or has_table_privilege('authenticated', c.oid, 'select,insert,update,delete')) as api_reachable
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any (string_to_array(replace(current_setting('pgrst.db_schemas'), ' ', ''), ','))
  and c.relkind in ('r', 'p', 'v', 'm', 'f');

select is(
  array(select nspname || '.' || relname from exposed where relkind in ('r', 'p') and not relrowsecurity order by 1),
  '{}'::text[], 'every table and partition in an exposed schema has row level security enabled');

select is(
  array(select nspname || '.' || relname from exposed
        where relkind in ('r', 'p') and api_reachable and not has_policy order by 1),
  '{}'::text[], 'every table the API roles hold privileges on has policies');

select is(
  array(select nspname || '.' || relname from exposed where relkind in ('v', 'm', 'f') and api_reachable
          and not coalesce((select 'security_invoker=true' = any (c.reloptions) from pg_class c where c.oid = exposed.oid), false)
        order by 1),
  '{}'::text[], 'no view, materialized view or foreign table in an exposed schema is reachable by the API unless it is security_invoker');

select is(
  array(
    select p.oid::regprocedure::text
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    where p.prosecdef
      and n.nspname not in ('pg_catalog', 'information_schema')
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
      and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) as c where c like 'search_path=%')
    order by 1),
  '{}'::text[], 'every security definer function has a fixed search_path');

select * from finish();
rollback;
