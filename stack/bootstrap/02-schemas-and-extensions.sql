-- Schemas Supabase creates before any user migration, and the extensions a new hosted
-- project has enabled.

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

-- Enabled on a new hosted project: pgcrypto, uuid-ossp, pg_stat_statements (pg_graphql and
-- supabase_vault too, which this machine does not have). Everything else, pg_cron included,
-- is only available: a migration that uses it creates it, as on hosted, and `postgres` may
-- do so for the extensions hosted allows it (stack/privileged-extensions.ts), so a missing
-- `create extension` fails here first. pgTAP is the one local addition: the test tool
-- (`supabase test db` provides it the same way); no migration may rely on it.
create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pg_stat_statements with schema extensions;
create extension if not exists pgtap with schema extensions;
grant execute on all functions in schema extensions to postgres, anon, authenticated, service_role;

-- PostgREST exposes these schemas; Supabase's security lints read this setting.
do $$ begin
  execute format('alter database %I set pgrst.db_schemas = %L', current_database(), 'public, graphql_public');
end $$;
