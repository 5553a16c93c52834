-- The refresh schedule: one pg_cron job per configured view (plus the request job), kept in
-- step with analytics.refresh_schedules; the jobs' own commands refresh each view
-- concurrently and log when, how long and how many rows.
begin;
\ir support/tests-schema.sql
select plan(9);
\ir support/analytics-demo-names.sql

-- The schedule: config table ↔ pg_cron ------------------------------------------------------
select is(
  (select array_agg(format('%s|%s|%s', j.jobname, j.schedule, j.username) order by j.jobname)
   from cron.job as j where j.jobname like 'analytics-%'),
  array['analytics-refresh-completion|*/5 * * * *|postgres',
        'analytics-refresh-institution_overview|*/10 * * * *|postgres',
        'analytics-refresh-level_distribution|*/15 * * * *|postgres',
        'analytics-refresh-requests|* * * * *|postgres',
        'analytics-refresh-student_progress|17 * * * *|postgres'],
  'one pg_cron job per configured view plus the every-minute request job, run as postgres');
select is(
  (select count(*)::int from cron.job as j join analytics.refresh_schedules as s on j.jobname = 'analytics-refresh-' || s.view_name
   where j.schedule = s.schedule and j.command = format('select count(*) from analytics.refresh(%L, ''schedule'')', s.view_name)
     and j.database = current_database() and j.active),
  4, 'each view''s job runs analytics.refresh(<view>, ''schedule'') on the configured schedule');
update analytics.refresh_schedules set schedule = '*/2 * * * *' where view_name = 'completion';
select is((select schedule from cron.job where jobname = 'analytics-refresh-completion'), '*/2 * * * *',
  'changing a schedule row reschedules its job');
update analytics.refresh_schedules set enabled = false where view_name = 'student_progress';
select ok(not exists (select 1 from cron.job where jobname = 'analytics-refresh-student_progress'),
  'disabling a row unschedules its job');
update analytics.refresh_schedules set enabled = true where view_name = 'student_progress';
select ok(exists (select 1 from cron.job where jobname = 'analytics-refresh-student_progress' and schedule = '17 * * * *'),
  're-enabling schedules it again');
select throws_ok($$update analytics.refresh_schedules set schedule = 'every so often' where view_name = 'completion'$$,
  '23514', null, 'a malformed schedule is refused');

-- Refresh by the scheduled jobs' own commands ---------------------------------------------
create temporary table t_log_before on commit drop as select coalesce(max(id), 0) as id from analytics.refresh_log;
do $$
declare v_cmd text;
begin
  for v_cmd in select j.command from cron.job as j where j.jobname like 'analytics-refresh-%' and j.jobname <> 'analytics-refresh-requests' loop
    execute v_cmd;
  end loop;
end
$$;
select is(
  (select array_agg(format('%s:%s:%s', l.view_name, l.mode, l.triggered_by) order by l.view_name) from analytics.refresh_log as l
   where l.id > (select id from t_log_before) and l.triggered_by = 'schedule'),
  array['completion:concurrently:schedule', 'institution_overview:concurrently:schedule',
        'level_distribution:concurrently:schedule', 'student_progress:concurrently:schedule'],
  'running the four jobs'' commands refreshes each view concurrently and logs it as a scheduled refresh');
select ok(
  (select bool_and(l.finished_at >= l.started_at and l.duration_ms >= 0 and l.error is null) from analytics.refresh_log as l where l.id > (select id from t_log_before) and l.triggered_by = 'schedule'),
  'each log row has when and how long, and no error');
select is(
  (select array_agg(l.row_count order by l.view_name) from analytics.refresh_log as l where l.id > (select id from t_log_before) and l.triggered_by = 'schedule'),
  array[(select count(*) from analytics.completion), (select count(*) from analytics.institution_overview),
        (select count(*) from analytics.level_distribution), (select count(*) from analytics.student_progress)],
  'each log row records the view''s row count after the refresh');

select * from finish();
rollback;
