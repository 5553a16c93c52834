-- The analytics materialized views: four, each refreshable concurrently, owned by postgres,
-- in a schema no API role may use; dashboards reach them only through the four security
-- definer functions, and nothing in them ranks students.
begin;
\ir support/tests-schema.sql
select plan(13);
\ir support/analytics-demo-names.sql

-- Structure -------------------------------------------------------------------------------
select has_schema('analytics', 'schema analytics exists');
select ok(current_setting('pgrst.db_schemas') !~ 'analytics', 'analytics is not an API schema (pgrst.db_schemas)');
select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class as c
   where c.relnamespace = 'analytics'::regnamespace and c.relkind = 'm'),
  array['completion', 'institution_overview', 'level_distribution', 'student_progress'],
  'four materialized views in analytics');
select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class as c
   where c.relnamespace = 'analytics'::regnamespace and c.relkind = 'm'
     and exists (select 1 from pg_index as i where i.indrelid = c.oid and i.indisunique and i.indpred is null
                 and i.indexprs is null)),
  array['completion', 'institution_overview', 'level_distribution', 'student_progress'],
  'each has a unique index on plain columns without a predicate (REFRESH CONCURRENTLY works)');
select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class as c
   where c.relnamespace = 'analytics'::regnamespace and c.relkind = 'm' and c.relowner <> 'postgres'::regrole),
  null, 'postgres owns the views (the refresh function runs as postgres)');

-- Privileges: no API role reads them ------------------------------------------------------
select ok(not has_schema_privilege('anon', 'analytics', 'usage') and not has_schema_privilege('authenticated', 'analytics', 'usage'),
  'anon and authenticated have no USAGE on schema analytics');
select is(
  (select array_agg(format('%s:%s', r.rolname, c.relname) order by 1) from pg_class as c
   cross join pg_roles as r
   where c.relnamespace = 'analytics'::regnamespace and c.relkind in ('m', 'r', 'v')
     and r.rolname in ('anon', 'authenticated')
     and has_table_privilege(r.rolname, c.oid, 'select, insert, update, delete, truncate, references, trigger')),
  null, 'no privilege on any analytics relation for anon or authenticated');
select is(tests.rows_seen_by(tests.demo('principal'), 'select * from analytics.level_distribution') ->> 'code', '42501',
  'authenticated reading analytics.level_distribution directly: 42501');
select is(tests.rows_seen_by(tests.demo('principal'), 'select * from analytics.student_progress') ->> 'code', '42501',
  'authenticated reading analytics.student_progress directly: 42501');
select is(tests.rows_seen_by(tests.demo('principal'), 'select * from analytics.completion') ->> 'code', '42501',
  'authenticated reading analytics.completion directly: 42501');
select is(tests.rows_seen_by(tests.demo('principal'), 'select * from analytics.institution_overview') ->> 'code', '42501',
  'authenticated reading analytics.institution_overview directly: 42501');
select is(
  (select array_agg(p.proname::text order by p.proname) from pg_proc as p
   where p.pronamespace = 'public'::regnamespace and p.proname like 'hpc\_analytics\_%'
     and p.prosecdef and 'search_path=""' = any (p.proconfig)
     and has_function_privilege('authenticated', p.oid, 'execute') and not has_function_privilege('anon', p.oid, 'execute')),
  array['hpc_analytics_completion', 'hpc_analytics_level_distribution', 'hpc_analytics_overview', 'hpc_analytics_student_progress'],
  'the four exposure functions: security definer, search_path empty, authenticated may execute, anon may not');
select is(
  (select array_agg(x order by x) from (
     select a.attrelid::regclass::text || '.' || a.attname as x from pg_attribute as a join pg_class as c on c.oid = a.attrelid
     where c.relnamespace = 'analytics'::regnamespace and a.attnum > 0 and a.attname ~* 'rank|percentile|position'
     union all
     select p.proname || '.' || n from pg_proc as p cross join unnest(p.proargnames) as n
     where p.pronamespace = 'public'::regnamespace and p.proname like 'hpc\_analytics\_%' and n ~* 'rank|percentile|position') as r),
  null, 'no ranks: no rank, percentile or position column in the views or the functions');

select * from finish();
rollback;
