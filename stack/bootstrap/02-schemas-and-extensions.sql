-- Schemas Supabase creates before any user migration, and the extensions it ships.

create schema if not exists extensions;
create schema if not exists auth authorization supabase_auth_admin;
create schema if not exists storage authorization supabase_storage_admin;
create schema if not exists graphql_public;

grant usage on schema public, extensions, auth, storage, graphql_public
  to postgres, anon, authenticated, service_role, supabase_auth_admin, supabase_storage_admin;
grant all on schema public to postgres, anon, authenticated, service_role;
grant create on schema extensions to postgres;
do $$ begin
  execute format('grant create on database %I to postgres', current_database());
end $$;
alter schema public owner to postgres;

create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pg_stat_statements with schema extensions;
create extension if not exists pgtap with schema extensions;
-- As on Supabase: pg_cron in pg_catalog, its tables in its own `cron` schema. pg_cron
-- lives in one database per cluster (cron.database_name); other databases of the cluster
-- (legacy copies made by the migration tests) go without it.
do $$
begin
  if current_database() = current_setting('cron.database_name') then
    create extension if not exists pg_cron with schema pg_catalog;
    grant usage on schema cron to postgres;
    grant all on all tables in schema cron to postgres;
    grant all on all sequences in schema cron to postgres;
    grant execute on all functions in schema cron to postgres;
  end if;
end
$$;
grant execute on all functions in schema extensions to postgres, anon, authenticated, service_role;

-- PostgREST exposes these schemas; Supabase's security lints read this setting.
do $$ begin
  execute format('alter database %I set pgrst.db_schemas = %L', current_database(), 'public, graphql_public');
end $$;
