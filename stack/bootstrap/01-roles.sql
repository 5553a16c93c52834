-- Platform roles as a hosted Supabase project has them (domain/supabase-platform.md).
-- Runs as the cluster superuser `supabase_admin`; idempotent so every start may re-apply it.

do $$
declare
  r record;
begin
  for r in
    select * from (values
      ('anon',                   'nologin noinherit'),
      ('authenticated',          'nologin noinherit'),
      ('service_role',           'nologin noinherit bypassrls'),
      ('authenticator',          'login noinherit'),
      ('supabase_auth_admin',    'login noinherit createrole'),
      ('supabase_storage_admin', 'login noinherit createrole'),
      ('supabase_realtime_admin','nologin noinherit'),
      ('postgres',               'login createdb createrole bypassrls replication')
    ) as t(name, attrs)
  loop
    if not exists (select 1 from pg_roles where rolname = r.name) then
      execute format('create role %I %s', r.name, r.attrs);
    else
      execute format('alter role %I %s', r.name, r.attrs);
    end if;
  end loop;
end
$$;

-- Since 2023 the API roles inherit (Supabase changed them from NOINHERIT).
alter role anon inherit;
alter role authenticated inherit;
alter role service_role inherit;

-- On a hosted project `postgres` is not a superuser; migrations run as it.
alter role postgres nosuperuser;
alter role postgres password 'postgres';
alter role authenticator password 'postgres';
alter role supabase_auth_admin password 'postgres';
alter role supabase_storage_admin password 'postgres';

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres with admin option;
-- Lets `postgres` create policies on storage.objects and read every statistic, as on hosted.
grant supabase_storage_admin to postgres;
grant pg_read_all_stats, pg_signal_backend, pg_monitor to postgres;
-- Hosted supautils lets `postgres` set its privileged settings, session_replication_role among
-- them (the migration's backfill runs in replica mode, past the application's row triggers).
grant set on parameter session_replication_role to postgres;
-- ... and PostgREST's in-database settings on authenticator (pgrst.*), which Supabase documents
-- for hosted projects (`alter role authenticator set pgrst.… ; notify pgrst, 'reload config'`);
-- the migrations set the pre-request function this way.
grant set on parameter pgrst.db_pre_request to postgres;

alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';

-- Extensions live in `extensions`; every role finds them there.
alter role postgres set search_path = "$user", public, extensions;
do $$ begin
  execute format('alter database %I set search_path = "$user", public, extensions', current_database());
end $$;
