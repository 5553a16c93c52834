-- Analytics: the materialized views, their refresh by the scheduled jobs, and
-- their exposure. Contents are checked on the demo data against the same aggregates
-- computed independently from the base tables, plus a few exact demo-data figures.
begin;
\ir support/tests-schema.sql
select plan(68);

-- Demo data names (supabase/seed.sql).
create temporary table t_demo (k text primary key, v uuid) on commit drop;
insert into t_demo values
  ('vidya', '10000000-0000-4000-8000-000000000001'),
  ('sunrise', '10000000-0000-4000-8000-000000000002'),
  ('greenfield', '10000000-0000-4000-8000-000000000003'),
  ('vidya_t1', md5('cycle:1:1')::uuid), ('vidya_t2', md5('cycle:1:2')::uuid),
  ('sunrise_t1', md5('cycle:2:1')::uuid), ('greenfield_t1', md5('cycle:3:1')::uuid),
  ('vidya_4a', md5('section:1:4')::uuid), ('vidya_2a', md5('section:1:2')::uuid),
  ('admin', '00000000-0000-4000-a000-000000000001'), ('meera', '00000000-0000-4000-a000-000000000002'),
  ('aarav', '00000000-0000-4000-a000-000000000003'), ('principal', '00000000-0000-4000-a000-000000000004'),
  ('coordinator', '00000000-0000-4000-a000-000000000005'), ('kavita', '00000000-0000-4000-a000-000000000006'),
  ('anaya', '00000000-0000-4000-a000-000000000009'), ('sunrise_principal', '00000000-0000-4000-a000-000000000011'),
  ('ishaan', '00000000-0000-4000-a000-000000000014'), ('greenfield_principal', '00000000-0000-4000-a000-000000000021');
grant select on t_demo to authenticated, anon;
create function pg_temp.demo(p_k text) returns uuid language sql stable as $$ select v from t_demo where k = p_k $$;

create function pg_temp.result_of(p_sql text) returns text language plpgsql as $$
declare v text;
begin
  execute p_sql into v;
  return v;
end
$$;

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
select is(tests.rows_seen_by(pg_temp.demo('principal'), 'select * from analytics.level_distribution') ->> 'code', '42501',
  'authenticated reading analytics.level_distribution directly: 42501');
select is(tests.rows_seen_by(pg_temp.demo('principal'), 'select * from analytics.student_progress') ->> 'code', '42501',
  'authenticated reading analytics.student_progress directly: 42501');
select is(tests.rows_seen_by(pg_temp.demo('principal'), 'select * from analytics.completion') ->> 'code', '42501',
  'authenticated reading analytics.completion directly: 42501');
select is(tests.rows_seen_by(pg_temp.demo('principal'), 'select * from analytics.institution_overview') ->> 'code', '42501',
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

-- Contents, against the base tables ----------------------------------------------------------
create temporary table t_ld on commit drop as
select e.institution_id, e.cycle_id, a.section_id, e.parameter_id, e.rater_role, e.level_ordinal, count(*)::bigint as ratings
from public.hpc_evaluations as e
join public.hpc_parameter_assignments as a on a.institution_id = e.institution_id and a.id = e.assignment_id
where e.status = 'submitted'
group by 1, 2, 3, 4, 5, 6;
select ok((select count(*) from t_ld) > 0, 'the demo data has submitted ratings');
select set_eq('select * from analytics.level_distribution', 'select * from t_ld',
  'level_distribution equals the submitted ratings grouped from hpc_evaluations × assignments');
select is(
  (select sum(ratings)::bigint from analytics.level_distribution where institution_id = pg_temp.demo('sunrise') and cycle_id = pg_temp.demo('sunrise_t1')),
  4668::bigint, 'Sunrise Term 1: 4,668 submitted ratings (demo data)');
select is(
  (select array_agg(ratings order by level_ordinal) from (
     select level_ordinal, sum(ratings) as ratings from analytics.level_distribution
     where institution_id = pg_temp.demo('vidya') and cycle_id = pg_temp.demo('vidya_t1') and section_id = pg_temp.demo('vidya_4a')
       and rater_role = 'teacher' group by level_ordinal) as x),
  (select array_agg(n order by level_ordinal) from (
     select e.level_ordinal, count(*)::numeric as n from public.hpc_evaluations as e
     join public.section_students as s on s.institution_id = e.institution_id and s.student_id = e.student_id
     where e.institution_id = pg_temp.demo('vidya') and e.cycle_id = pg_temp.demo('vidya_t1') and s.section_id = pg_temp.demo('vidya_4a')
       and e.rater_role = 'teacher' and e.status = 'submitted' group by e.level_ordinal) as y),
  'Vidya Niketan 4-A, Term 1, teacher ratings per level match the section roster''s ratings');

select set_eq(
  'select institution_id, student_id, cycle_id, stage, area_code, ability, teacher_level, self_level, peer_level, parent_level, ratings from analytics.student_progress',
  $$select e.institution_id, e.student_id, e.cycle_id, p.stage, p.area_code, coalesce(p.ability, ''),
           round(avg(e.level_ordinal) filter (where e.rater_role = 'teacher'), 2) as t,
           round(avg(e.level_ordinal) filter (where e.rater_role = 'self'), 2) as s,
           round(avg(e.level_ordinal) filter (where e.rater_role = 'peer'), 2) as p,
           round(avg(e.level_ordinal) filter (where e.rater_role = 'parent'), 2) as g, count(*) as n
    from public.hpc_evaluations as e join public.hpc_parameters as p on p.institution_id = e.institution_id and p.id = e.parameter_id
    where e.status = 'submitted' group by 1, 2, 3, 4, 5, 6$$,
  'student_progress equals the per-student, area and ability averages from hpc_evaluations');
select is(
  (select count(distinct (area_code, ability))::int from analytics.student_progress
   where student_id = pg_temp.demo('aarav') and cycle_id = pg_temp.demo('vidya_t1')),
  (select count(distinct (p.area_code, p.ability))::int from public.hpc_evaluations as e
   join public.hpc_parameters as p on p.institution_id = e.institution_id and p.id = e.parameter_id
   where e.student_id = pg_temp.demo('aarav') and e.cycle_id = pg_temp.demo('vidya_t1') and e.status = 'submitted'),
  'Aarav has one progress row per area and ability rated in Term 1');

select set_eq(
  $$select section_id, rater_role, sum(expected)::bigint as x, sum(submitted)::bigint as y, sum(drafts)::bigint as z
    from analytics.completion where cycle_id = pg_temp.demo('sunrise_t1') group by 1, 2$$,
  $$select a.section_id, r.role,
           sum((select count(*) from public.section_students as s where s.institution_id = a.institution_id and s.section_id = a.section_id))::bigint as x,
           sum((select count(*) from public.hpc_evaluations as e where e.institution_id = a.institution_id and e.assignment_id = a.id
                  and e.rater_role = r.role and e.status = 'submitted'))::bigint as y,
           sum((select count(*) from public.hpc_evaluations as e where e.institution_id = a.institution_id and e.assignment_id = a.id
                  and e.rater_role = r.role and e.status = 'draft'))::bigint as z
    from public.hpc_parameter_assignments as a cross join unnest(a.rater_roles) as r (role)
    where a.cycle_id = pg_temp.demo('sunrise_t1') and a.parameter_id is not null and a.active
    group by 1, 2$$,
  'completion (Sunrise Term 1) per section and rater role: roster × assignments expected, ratings entered, drafts');
select is(
  (select array[sum(expected), sum(submitted), sum(drafts), sum(missing)]::bigint[] from analytics.completion
   where cycle_id = pg_temp.demo('sunrise_t1') and rater_role = 'parent'
     and section_id = (select s.id from public.sections as s where s.institution_id = pg_temp.demo('sunrise') and s.name = '3-A')),
  (select array[n, 0, n, n]::bigint[] from (
     select count(*) as n from public.hpc_evaluations as e
     join public.section_students as s on s.institution_id = e.institution_id and s.student_id = e.student_id
     join public.sections as x on x.institution_id = s.institution_id and x.id = s.section_id
     where e.cycle_id = pg_temp.demo('sunrise_t1') and e.rater_role = 'parent' and x.name = '3-A') as y),
  'Sunrise 3-A parents have entered nothing: every expected parent rating is a draft, all missing (demo data)');
select ok(
  (select bool_and(c.teacher_id = a.teacher_id) from analytics.completion as c
   join public.hpc_parameter_assignments as a on a.institution_id = c.institution_id and a.cycle_id = c.cycle_id
    and a.section_id = c.section_id and a.parameter_id = c.parameter_id
   where c.rater_role = 'teacher'),
  'completion names the assigned teacher who owes the teacher ratings');

select set_eq(
  $$select institution_id, cycle_id, ratings_submitted, ratings_draft, teacher_level_1, teacher_level_2, teacher_level_3
    from analytics.institution_overview$$,
  $$select c.institution_id, c.id,
           count(e.*) filter (where e.status = 'submitted') as a, count(e.*) filter (where e.status = 'draft') as b,
           count(e.*) filter (where e.status = 'submitted' and e.rater_role = 'teacher' and e.level_ordinal = 1) as c,
           count(e.*) filter (where e.status = 'submitted' and e.rater_role = 'teacher' and e.level_ordinal = 2) as d,
           count(e.*) filter (where e.status = 'submitted' and e.rater_role = 'teacher' and e.level_ordinal = 3) as f
    from public.hpc_evaluation_cycles as c
    left join public.hpc_evaluations as e on e.institution_id = c.institution_id and e.cycle_id = c.id
    group by 1, 2$$,
  'institution_overview ratings and teacher level counts per institution and cycle equal hpc_evaluations');
select is(
  (select array[students, sections, ratings_expected, ratings_submitted, ratings_draft]::bigint[]
   from analytics.institution_overview where cycle_id = pg_temp.demo('sunrise_t1')),
  array[(select count(distinct student_id) from public.section_students where institution_id = pg_temp.demo('sunrise')),
        (select count(distinct section_id) from public.section_students where institution_id = pg_temp.demo('sunrise')),
        4812, 4668, 144]::bigint[],
  'Sunrise Term 1 overview: roster, 4,812 expected, 4,668 submitted, 144 drafts (demo data)');
select is(
  (select completion_pct from analytics.institution_overview where cycle_id = pg_temp.demo('sunrise_t1')), 97.0,
  'Sunrise Term 1 completion is 97.0 %');
select is(
  (select array[reports, reports_published]::bigint[] from analytics.institution_overview where cycle_id = pg_temp.demo('vidya_t1')),
  (select array[count(*) filter (where is_current), count(*) filter (where is_current and status = 'published')]::bigint[]
   from public.hpc_reports where cycle_id = pg_temp.demo('vidya_t1')),
  'Vidya Niketan Term 1 report counts equal hpc_reports');

-- A cycle closes: the request job refreshes and snapshots ----------------------------------
-- A teacher rating entered in Vidya Niketan Term 2 (open) is not in the views until a refresh.
insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, assignment_id, rater_role, rater_id, level_ordinal, status)
select a.institution_id, a.cycle_id, pg_temp.demo('aarav'), a.parameter_id, a.id, 'teacher', pg_temp.demo('meera'), 3, 'submitted'
from public.hpc_parameter_assignments as a
where a.institution_id = pg_temp.demo('vidya') and a.cycle_id = pg_temp.demo('vidya_t2') and a.section_id = pg_temp.demo('vidya_4a')
  and a.parameter_id is not null
order by a.id limit 1;
select is((select ratings_submitted from analytics.institution_overview where cycle_id = pg_temp.demo('vidya_t2')), 0::bigint,
  'before the refresh the new Term 2 rating is not in the overview');
select is((select count(*)::int from analytics.refresh_requests where processed_at is null), 0, 'no pending refresh request');
update public.hpc_evaluation_cycles set status = 'closed' where id = pg_temp.demo('vidya_t2');
select is(
  (select array_agg(format('%s:%s', r.reason, r.institution_id)) from analytics.refresh_requests as r
   where r.processed_at is null and r.cycle_id = pg_temp.demo('vidya_t2')),
  array['cycle_closed:10000000-0000-4000-8000-000000000001'], 'closing the cycle enqueues a refresh request');
update public.hpc_evaluation_cycles set status = 'open' where id = pg_temp.demo('vidya_t2');
update public.hpc_evaluation_cycles set status = 'closed' where id = pg_temp.demo('vidya_t2');
select is((select count(*)::int from analytics.refresh_requests where processed_at is null), 2,
  'closed again after a reopen: a second request (both served by one refresh)');
select is(
  (select count(*)::int from public.hpc_analytics
   where cycle_id = pg_temp.demo('vidya_t2') and (metric = 'level_distribution' or (value ->> 'ratings_submitted')::int > 0)),
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
  (select array[ratings_submitted, teacher_level_3]::bigint[] from analytics.institution_overview where cycle_id = pg_temp.demo('vidya_t2')),
  array[1, 1]::bigint[], 'after the job the overview counts the new rating');
select is(
  (select cycle_status from analytics.institution_overview where cycle_id = pg_temp.demo('vidya_t2')), 'closed',
  'and shows the cycle closed');
select is(
  (select sum(ratings)::int from analytics.level_distribution where cycle_id = pg_temp.demo('vidya_t2') and section_id = pg_temp.demo('vidya_4a')),
  1, 'level_distribution has it in 4-A');
select is(
  (select array_agg(format('%s/%s', scope, metric) order by scope, metric) from (
     select distinct scope, metric from public.hpc_analytics where cycle_id = pg_temp.demo('vidya_t2')) as x),
  array['institution/overview', 'section/level_distribution', 'section/rater_completion'],
  'hpc_analytics snapshots of Term 2 written from the views: overview, level distribution, rater completion');
select is(
  (select value -> 'teacher' -> '3' from public.hpc_analytics
   where cycle_id = pg_temp.demo('vidya_t2') and scope = 'section' and metric = 'level_distribution' and section_id = pg_temp.demo('vidya_4a')),
  '1'::jsonb, 'the 4-A snapshot holds the distribution (teacher, level 3: 1)');
select is(
  (select (value ->> 'ratings_submitted')::int from public.hpc_analytics
   where cycle_id = pg_temp.demo('vidya_t2') and scope = 'institution' and metric = 'overview'),
  1, 'the institution snapshot holds the overview');
select is(analytics.write_snapshots(pg_temp.demo('vidya'), pg_temp.demo('vidya_t2')), 0::bigint,
  'writing the same snapshots again changes nothing');

-- Exposure: by institution and role ------------------------------------------------------------
select is(
  (select array_agg(x ->> 'cycle_id' order by x ->> 'cycle_id') from jsonb_array_elements(
     tests.rows_seen_by(pg_temp.demo('principal'), 'select * from public.hpc_analytics_overview()')) as x),
  (select array_agg(id::text order by id::text) from public.hpc_evaluation_cycles where institution_id = pg_temp.demo('vidya')),
  'principal: the overview of every cycle of their institution, nothing else');
select is(
  jsonb_array_length(tests.rows_seen_by(pg_temp.demo('coordinator'), format('select * from public.hpc_analytics_overview(%L)', pg_temp.demo('vidya_t1')))),
  1, 'coordinator: the overview of one cycle');
select is(tests.rows_seen_by(pg_temp.demo('meera'), 'select * from public.hpc_analytics_overview()'), '[]',
  'a teacher gets no institution overview');
select is(tests.rows_seen_by(pg_temp.demo('sunrise_principal'), format('select * from public.hpc_analytics_overview(%L)', pg_temp.demo('vidya_t1'))), '[]',
  'another institution''s principal gets nothing for Vidya Niketan''s cycle');
select is(tests.rows_seen_by(pg_temp.demo('greenfield_principal'), 'select * from public.hpc_analytics_overview()'), '[]',
  'HPC off (Greenfield): nothing');

select is(
  (select array_agg(distinct x ->> 'section_id') from jsonb_array_elements(
     tests.rows_seen_by(pg_temp.demo('meera'), format('select * from public.hpc_analytics_level_distribution(%L)', pg_temp.demo('vidya_t1')))) as x),
  array[pg_temp.demo('vidya_4a')::text], 'teacher: level distributions of their section only');
select is(
  jsonb_array_length(tests.rows_seen_by(pg_temp.demo('meera'), format('select * from public.hpc_analytics_level_distribution(%L)', pg_temp.demo('vidya_t1')))),
  (select count(*)::int from analytics.level_distribution where cycle_id = pg_temp.demo('vidya_t1') and section_id = pg_temp.demo('vidya_4a')),
  'teacher: all of their section''s rows');
select is(
  tests.rows_seen_by(pg_temp.demo('meera'), format('select * from public.hpc_analytics_level_distribution(%L, %L)', pg_temp.demo('vidya_t1'), pg_temp.demo('vidya_2a'))),
  '[]', 'teacher asking for another section: nothing');
select is(
  jsonb_array_length(tests.rows_seen_by(pg_temp.demo('coordinator'), format('select * from public.hpc_analytics_level_distribution(%L)', pg_temp.demo('vidya_t1')))),
  (select count(*)::int from analytics.level_distribution where cycle_id = pg_temp.demo('vidya_t1')),
  'coordinator: every section of the institution');
select is(
  tests.rows_seen_by(pg_temp.demo('aarav'), format('select * from public.hpc_analytics_level_distribution(%L)', pg_temp.demo('vidya_t1'))),
  '[]', 'a student gets no section distributions');

select is(
  (select array_agg(distinct x ->> 'section_id') from jsonb_array_elements(
     tests.rows_seen_by(pg_temp.demo('meera'), format('select * from public.hpc_analytics_completion(%L)', pg_temp.demo('vidya_t1')))) as x),
  array[pg_temp.demo('vidya_4a')::text], 'teacher: completion of their section only');
select is(
  jsonb_array_length(tests.rows_seen_by(pg_temp.demo('admin'), format('select * from public.hpc_analytics_completion(%L)', pg_temp.demo('vidya_t1')))),
  (select count(*)::int from analytics.completion where cycle_id = pg_temp.demo('vidya_t1')),
  'institution admin: completion of every section');
select is(
  tests.rows_seen_by(pg_temp.demo('kavita'), format('select * from public.hpc_analytics_completion(%L)', pg_temp.demo('vidya_t1'))),
  '[]', 'a parent gets no completion dashboard');

select is(
  jsonb_array_length(tests.rows_seen_by(pg_temp.demo('aarav'), format('select * from public.hpc_analytics_student_progress(%L)', pg_temp.demo('aarav')))),
  (select count(*)::int from analytics.student_progress where student_id = pg_temp.demo('aarav')),
  'a student: their own progress');
select is(
  tests.rows_seen_by(pg_temp.demo('aarav'), format('select * from public.hpc_analytics_student_progress(%L)', pg_temp.demo('anaya'))),
  '[]', 'a student: not another student''s progress');
select ok(
  jsonb_array_length(tests.rows_seen_by(pg_temp.demo('kavita'), format('select * from public.hpc_analytics_student_progress(%L)', pg_temp.demo('anaya')))) > 0
  and jsonb_array_length(tests.rows_seen_by(pg_temp.demo('kavita'), format('select * from public.hpc_analytics_student_progress(%L)', pg_temp.demo('aarav')))) > 0,
  'a parent: each of their children''s progress');
select is(
  tests.rows_seen_by(pg_temp.demo('kavita'), format('select * from public.hpc_analytics_student_progress(%L)', pg_temp.demo('ishaan'))),
  '[]', 'a parent: not a child of another family (or institution)');
select is(
  tests.rows_seen_by(pg_temp.demo('meera'), format('select * from public.hpc_analytics_student_progress(%L)', pg_temp.demo('anaya'))),
  '[]', 'a teacher: not a student outside their sections');

select * from finish();
rollback;
