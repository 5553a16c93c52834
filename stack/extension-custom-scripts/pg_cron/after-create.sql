-- Run as the cluster superuser right after `postgres` creates pg_cron (pgextwlist's custom
-- scripts; on hosted Supabase, supautils runs the same file from
-- /etc/postgresql-custom/extension-custom-scripts). These are the rights a hosted project
-- gives `postgres` on pg_cron: use the cron schema and every function in it (schedule,
-- unschedule, alter_job, schedule_in_database), read cron.job (only its own jobs: RLS on
-- username), read and clean up cron.job_run_details; each with grant option, so
-- `postgres` may pass them on. Note: like supautils, pgextwlist runs this again on a
-- `create extension if not exists pg_cron` that finds pg_cron already there.
grant usage on schema cron to postgres with grant option;
grant all on all functions in schema cron to postgres with grant option;

alter default privileges for user supabase_admin in schema cron grant all
    on sequences to postgres with grant option;
alter default privileges for user supabase_admin in schema cron grant all
    on tables to postgres with grant option;
alter default privileges for user supabase_admin in schema cron grant all
    on functions to postgres with grant option;

grant all privileges on all tables in schema cron to postgres with grant option;
revoke all on table cron.job from postgres;
grant select on table cron.job to postgres with grant option;
