-- The schema as a JSON document: every object schema rollback compares, in the schemas a
-- migration can touch (platform schemas such as auth, storage, cron, extensions and the
-- runner's own hpc_migration are left out: they are not the HPC's to change).
with excluded(nspname) as (
  values ('pg_catalog'), ('information_schema'), ('pg_toast'), ('auth'), ('storage'), ('extensions'),
         ('cron'), ('supabase_migrations'), ('hpc_migration'), ('graphql'), ('graphql_public'),
         ('realtime'), ('_realtime'), ('vault'), ('pgsodium'), ('pgsodium_masks'), ('net'),
         ('supabase_functions'), ('pgbouncer'), ('pgtle'), ('_analytics')
), ns as (
  select n.oid, n.nspname from pg_namespace as n
  where n.nspname not in (select nspname from excluded) and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%'
), rels as (
  select c.oid, ns.nspname, c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity, c.relispartition,
         format('%I.%I', ns.nspname, c.relname) as qname
  from pg_class as c join ns on ns.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
    -- Sequences owned by a column go with their table.
    and not (c.relkind = 'S' and exists (select 1 from pg_depend as d where d.objid = c.oid and d.deptype in ('a', 'i')))
)
select jsonb_build_object(
  -- Whether the Supabase CLI's history exists: where it did not, the push made it, and a
  -- rollback takes it away again.
  'history_table', to_regclass('supabase_migrations.schema_migrations') is not null,
  'schemas', (select coalesce(jsonb_agg(nspname order by nspname), '[]') from ns),
  'extensions', (select coalesce(jsonb_agg(extname order by extname), '[]') from pg_extension),
  'relations', (select coalesce(jsonb_agg(jsonb_build_object(
      'name', qname, 'kind', relkind, 'rls', relrowsecurity, 'force_rls', relforcerowsecurity, 'partition', relispartition,
      'grants', (select coalesce(jsonb_agg(jsonb_build_object('grantee', case when a.grantee = 0 then 'public' else pg_get_userbyid(a.grantee) end,
                        'privilege', a.privilege_type, 'grantable', a.is_grantable) order by a.grantee, a.privilege_type), '[]')
                 from aclexplode(coalesce((select relacl from pg_class where oid = rels.oid), acldefault('r', (select relowner from pg_class where oid = rels.oid)))) as a)
    ) order by qname), '[]') from rels),
  'columns', (select coalesce(jsonb_agg(jsonb_build_object(
      'table', r.qname, 'column', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'not_null', a.attnotnull,
      'default', pg_get_expr(d.adbin, d.adrelid)) order by r.qname, a.attnum), '[]')
    from rels as r join pg_attribute as a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
    left join pg_attrdef as d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where r.relkind in ('r', 'p')),
  'default_acls', (select coalesce(jsonb_agg(jsonb_build_object(
      'role', pg_get_userbyid(d.defaclrole), 'schema', n.nspname, 'objtype', d.defaclobjtype,
      'grantee', case when g.grantee = 0 then 'public' else pg_get_userbyid(g.grantee) end, 'privilege', g.privilege_type)
      order by d.defaclrole, n.nspname, d.defaclobjtype, g.grantee, g.privilege_type), '[]')
    from pg_default_acl as d left join pg_namespace as n on n.oid = d.defaclnamespace
    cross join lateral aclexplode(d.defaclacl) as g
    -- in every schema (no schema), or in one the HPC may change: not e.g. the ones the
    -- platform gives postgres in `cron` when pg_cron is created
    where n.oid is null or n.oid in (select oid from ns)),
  'column_grants', (select coalesce(jsonb_agg(jsonb_build_object(
      'table', r.qname, 'column', a.attname, 'grantee', case when g.grantee = 0 then 'public' else pg_get_userbyid(g.grantee) end,
      'privilege', g.privilege_type) order by r.qname, a.attname, g.grantee, g.privilege_type), '[]')
    from rels as r join pg_attribute as a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped and a.attacl is not null
    cross join lateral aclexplode(a.attacl) as g),
  'constraints', (select coalesce(jsonb_agg(jsonb_build_object(
      'table', r.qname, 'name', co.conname, 'type', co.contype, 'def', pg_get_constraintdef(co.oid), 'validated', co.convalidated)
      order by r.qname, co.conname), '[]')
    from rels as r join pg_constraint as co on co.conrelid = r.oid where co.conparentid = 0),
  'indexes', (select coalesce(jsonb_agg(jsonb_build_object(
      'table', r.qname, 'name', format('%I.%I', r.nspname, ic.relname), 'def', pg_get_indexdef(i.indexrelid))
      order by r.qname, ic.relname), '[]')
    from rels as r join pg_index as i on i.indrelid = r.oid join pg_class as ic on ic.oid = i.indexrelid
    where not exists (select 1 from pg_constraint as co where co.conindid = i.indexrelid and co.conrelid = r.oid)
      and not r.relispartition),
  'triggers', (select coalesce(jsonb_agg(jsonb_build_object(
      'table', r.qname, 'name', t.tgname, 'def', pg_get_triggerdef(t.oid)) order by r.qname, t.tgname), '[]')
    from rels as r join pg_trigger as t on t.tgrelid = r.oid where not t.tgisinternal and t.tgparentid = 0),
  'policies', (select coalesce(jsonb_agg(jsonb_build_object(
      'table', format('%I.%I', p.schemaname, p.tablename), 'name', p.policyname, 'permissive', p.permissive,
      'roles', p.roles, 'cmd', p.cmd, 'qual', p.qual, 'with_check', p.with_check) order by p.schemaname, p.tablename, p.policyname), '[]')
    from pg_policies as p where p.schemaname in (select nspname from ns)),
  'functions', (select coalesce(jsonb_agg(jsonb_build_object(
      'signature', p.oid::regprocedure::text, 'kind', p.prokind, 'def', case when p.prokind in ('f', 'p') then pg_get_functiondef(p.oid) end,
      'grants', (select coalesce(jsonb_agg(jsonb_build_object('grantee', case when a.grantee = 0 then 'public' else pg_get_userbyid(a.grantee) end,
                        'privilege', a.privilege_type) order by a.grantee, a.privilege_type), '[]')
                 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) as a)
    ) order by p.oid::regprocedure::text), '[]')
    from pg_proc as p join ns on ns.oid = p.pronamespace
    where not exists (select 1 from pg_depend as d where d.objid = p.oid and d.deptype = 'e')),
  'types', (select coalesce(jsonb_agg(format('%I.%I', ns.nspname, t.typname) order by ns.nspname, t.typname), '[]')
    from pg_type as t join ns on ns.oid = t.typnamespace
    where t.typtype in ('e', 'd', 'c', 'r', 'm') and (t.typrelid = 0 or (select relkind from pg_class where oid = t.typrelid) = 'c')
      and not exists (select 1 from pg_depend as d where d.objid = t.oid and d.deptype = 'e')),
  'publication_tables', (select coalesce(jsonb_agg(jsonb_build_object('publication', pubname, 'table', format('%I.%I', schemaname, tablename))
      order by pubname, schemaname, tablename), '[]') from pg_publication_tables)
) as catalog
