-- A cycle closing enqueues a refresh request; the request job refreshes every view once and
-- writes the hpc_analytics snapshots, so the dashboards show the cycle's last ratings.
begin;
\ir support/tests-schema.sql
select plan(15);
\ir support/analytics-demo-names.sql

create temporary table t_log_before on commit drop as select coalesce(max(id), 0) as id from analytics.refresh_log;
create function pg_temp.result_of(p_sql text) returns text language plpgsql as $$
declare v text;
begin
  execute p_sql into v;
  return v;
end
$$;

-- A cycle closes: the request job refreshes and snapshots ----------------------------------
-- A teacher rating entered in Vidya Niketan Term 2 (open) is not in the views until a refresh.
insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, assignment_id, rater_role, rater_id, level_ordinal, status)
select a.institution_id, a.cycle_id, tests.demo('aarav'), a.parameter_id, a.id, 'teacher', tests.demo('meera'), 3, 'submitted'
from public.hpc_parameter_assignments as a
where a.institution_id = tests.demo('vidya') and a.cycle_id = tests.demo('vidya_t2') and a.section_id = tests.demo('vidya_4a')
  and a.parameter_id is not null
order by a.id limit 1;
select is((select ratings_submitted from analytics.institution_overview where cycle_id = tests.demo('vidya_t2')), 0::bigint,
  'before the refresh the new Term 2 rating is not in the overview');
select is((select count(*)::int from analytics.refresh_requests where processed_at is null), 0, 'no pending refresh request');
update public.hpc_evaluation_cycles set status = 'closed' where id = tests.demo('vidya_t2');
select is(
  (select array_agg(format('%s:%s', r.reason, r.institution_id)) from analytics.refresh_requests as r
   where r.processed_at is null and r.cycle_id = tests.demo('vidya_t2')),
  array['cycle_closed:10000000-0000-4000-8000-000000000001'], 'closing the cycle enqueues a refresh request');
update public.hpc_evaluation_cycles set status = 'open' where id = tests.demo('vidya_t2');
update public.hpc_evaluation_cycles set status = 'closed' where id = tests.demo('vidya_t2');
select is((select count(*)::int from analytics.refresh_requests where processed_at is null), 2,
  'closed again after a reopen: a second request (both served by one refresh)');
select is(
  (select count(*)::int from public.hpc_analytics
   where cycle_id = tests.demo('vidya_t2') and (metric = 'level_distribution' or (value ->> 'ratings_submitted')::int > 0)),
  0, 'the Term 2 snapshots written at start hold no submitted rating yet (overview and completion only)');
select is(pg_temp.result_of((select j.command from cron.job as j where j.jobname = 'analytics-refresh-requests')), '2',
  'the request job''s command serves both requests');
select is((select count(*)::int from analytics.refresh_requests where processed_at is null), 0, 'no request left pending');
select is(
  (select array_agg(format('%s:%s:%s', l.view_name, l.mode, l.triggered_by) order by l.view_name) from analytics.refresh_log as l
   where l.id > (select id from t_log_before) and l.triggered_by = 'cycle_closed'),
  array['completion:concurrently:cycle_closed', 'institution_overview:concurrently:cycle_closed',
        'level_distribution:concurrently:cycle_closed', 'student_progress:concurrently:cycle_closed'],
  'every view refreshed once, logged as triggered by the cycle closing');
select is(
  (select array[ratings_submitted, teacher_level_3]::bigint[] from analytics.institution_overview where cycle_id = tests.demo('vidya_t2')),
  array[1, 1]::bigint[], 'after the job the overview counts the new rating');
select is(
  (select cycle_status from analytics.institution_overview where cycle_id = tests.demo('vidya_t2')), 'closed',
  'and shows the cycle closed');
select is(
  (select sum(ratings)::int from analytics.level_distribution where cycle_id = tests.demo('vidya_t2') and section_id = tests.demo('vidya_4a')),
  1, 'level_distribution has it in 4-A');
select is(
  (select array_agg(format('%s/%s', scope, metric) order by scope, metric) from (
     select distinct scope, metric from public.hpc_analytics where cycle_id = tests.demo('vidya_t2')) as x),
  array['institution/overview', 'section/level_distribution', 'section/rater_completion'],
  'hpc_analytics snapshots of Term 2 written from the views: overview, level distribution, rater completion');
select is(
  (select value -> 'teacher' -> '3' from public.hpc_analytics
   where cycle_id = tests.demo('vidya_t2') and scope = 'section' and metric = 'level_distribution' and section_id = tests.demo('vidya_4a')),
  '1'::jsonb, 'the 4-A snapshot holds the distribution (teacher, level 3: 1)');
select is(
  (select (value ->> 'ratings_submitted')::int from public.hpc_analytics
   where cycle_id = tests.demo('vidya_t2') and scope = 'institution' and metric = 'overview'),
  1, 'the institution snapshot holds the overview');
select is(analytics.write_snapshots(tests.demo('vidya'), tests.demo('vidya_t2')), 0::bigint,
  'writing the same snapshots again changes nothing');

select * from finish();
rollback;
