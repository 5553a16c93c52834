-- The local platform bootstrap behaves like a hosted Supabase database: roles and their
-- attributes, the auth claim readers, RLS bypass for service_role, nothing for anon.
begin;
\ir support/tests-schema.sql
select plan(27);

-- Roles
select ok(not rolsuper, 'postgres is not a superuser (as on hosted Supabase)') from pg_roles where rolname = 'postgres';
select ok(rolbypassrls and rolcreaterole and rolcreatedb, 'postgres has BYPASSRLS, CREATEROLE, CREATEDB') from pg_roles where rolname = 'postgres';
select ok(rolbypassrls, 'service_role bypasses RLS') from pg_roles where rolname = 'service_role';
-- The API roles cannot log in, as on hosted Supabase; on a Citus coordinator they must, since
-- Citus connects to the workers as the caller's role, and pg_hba keeps those logins to the
-- cluster's own connections (docs/scale-out.md §7).
select ok(not rolbypassrls and rolcanlogin = exists (select 1 from pg_extension where extname = 'citus'),
  'anon logs in only on a Citus cluster and does not bypass RLS') from pg_roles where rolname = 'anon';
select ok(not rolbypassrls and rolcanlogin = exists (select 1 from pg_extension where extname = 'citus'),
  'authenticated logs in only on a Citus cluster and does not bypass RLS') from pg_roles where rolname = 'authenticated';
select ok(rolcanlogin and not rolinherit, 'authenticator logs in and does not inherit') from pg_roles where rolname = 'authenticator';
select ok(pg_has_role('authenticator', 'anon', 'member') and pg_has_role('authenticator', 'authenticated', 'member')
  and pg_has_role('authenticator', 'service_role', 'member'), 'authenticator can switch to the three API roles');
select is((select setting from pg_db_role_setting s join pg_roles r on r.oid = s.setrole, unnest(s.setconfig) setting
           where r.rolname = 'anon' and setting like 'statement_timeout=%'), 'statement_timeout=3s', 'anon has a 3s statement timeout');

-- Schemas and extensions
select has_schema('auth');
select has_schema('storage');
select has_schema('extensions');
select is((select extnamespace::regnamespace::text from pg_extension where extname = 'pgcrypto'), 'extensions', 'pgcrypto lives in extensions');
select is((select extnamespace::regnamespace::text from pg_extension where extname = 'pg_cron'), 'pg_catalog',
  'pg_cron is installed in pg_catalog (by the migrations, as on hosted)');
select isnt((select extname from pg_extension where extname = 'pg_stat_statements'), null, 'pg_stat_statements is installed');
select is(current_setting('pgrst.db_schemas'), 'public, graphql_public', 'PostgREST exposes public and graphql_public');
-- An extension's own event triggers (Citus adds one) are not the platform's.
select set_eq($$select e.evtname::text, e.evtevent::text from pg_event_trigger as e where e.evtenabled <> 'D'
               and not exists (select 1 from pg_depend as d where d.classid = 'pg_event_trigger'::regclass
                               and d.objid = e.oid and d.deptype = 'e')$$,
  $$values ('pgrst_ddl_watch', 'ddl_command_end'), ('pgrst_drop_watch', 'sql_drop')$$,
  'DDL tells PostgREST to reload its schema cache, through the event triggers hosted installs');

-- Claim readers with claims unset
select is(auth.uid(), null, 'auth.uid() is null without claims');
select is(auth.role(), null, 'auth.role() is null without claims');
select is(auth.jwt(), null, 'auth.jwt() is null without claims');

-- ... and set the way PostgREST sets them (Meera Iyer's token)
select tests.set_claims_of('00000000-0000-4000-a000-000000000002');
select is(auth.uid(), '00000000-0000-4000-a000-000000000002'::uuid, 'auth.uid() reads sub');
select is(auth.role(), 'authenticated', 'auth.role() reads the role claim');
select is(auth.email(), 'meera.iyer@vidyaniketan.example', 'auth.email() reads the email claim');
select is(auth.jwt() -> 'app_metadata' ->> 'provider', 'email', 'auth.jwt() returns every claim');

-- RLS semantics: a table with RLS and no policy
create table public.bootstrap_probe (id int primary key);
insert into public.bootstrap_probe values (1), (2);
alter table public.bootstrap_probe enable row level security;
-- Older projects grant new tables to the API roles by default; the HPC migrations revoke
-- anon's default (see 20250201000200), so the probe grants anon explicitly.
grant select on public.bootstrap_probe to anon;
select ok(has_table_privilege('authenticated', 'public.bootstrap_probe', 'select'), 'default privileges grant new tables to authenticated');

select tests.authenticate_as_anon();
select is((select count(*)::int from public.bootstrap_probe), 0, 'anon sees nothing in a table with RLS and no policy');
select tests.clear_authentication();

select tests.authenticate_as('00000000-0000-4000-a000-000000000002');
select is((select count(*)::int from public.bootstrap_probe), 0, 'authenticated sees nothing either');
select tests.clear_authentication();

select tests.authenticate_as_service_role();
select is((select count(*)::int from public.bootstrap_probe), 2, 'service_role bypasses RLS');
select tests.clear_authentication();

select * from finish();
rollback;
