-- Batches: progress committed per chunk and resumed from the cursor; a whole-cycle batch
-- needs a leader; pg_cron resumes batches nobody drives, as their requester, and cancels
-- them with the reason when HPC is switched off.
begin;
\ir support/tests-schema.sql
select plan(9);
\ir reports/fixture.sql
\ir reports/actions.sql

-- Ananya's card exists and matches her data, so that the section batch finds it unchanged.
do $$ begin perform pg_temp.generate_card(pg_temp.person(3), pg_temp.person(7)); end $$;

-- batches: section 7-A by its class teacher, one student per chunk
create temp table t_job on commit drop as select pg_temp.batch_start(pg_temp.person(3), 'generate', pg_temp.section(31)) as j;
select is((select (j ->> 'total')::int from t_job), 2, 'section batch: total = 2 students');
select is((select (r ->> 'processed', r ->> 'status', r ->> 'done')::text
           from (select pg_temp.batch_run(pg_temp.person(3), (select (j ->> 'job_id')::uuid from t_job), 1) as r) x),
  '(1,running,false)', 'first chunk: 1 processed, still running (progress committed per chunk)');
select is((select (r ->> 'processed', r ->> 'status', r ->> 'succeeded', r ->> 'unchanged')::text
           from (select pg_temp.batch_run(pg_temp.person(3), (select (j ->> 'job_id')::uuid from t_job), 10) as r) x),
  '(2,completed,1,1)', 'resumed from the cursor: completed, Kabir created, Ananya unchanged');
select throws_ok($$ select pg_temp.batch_start(pg_temp.person(3), 'generate', null) $$, 'HP403', null,
  'a whole-cycle batch needs a coordinator, principal or admin');
select is((select (r ->> 'total', r ->> 'kind')::text from (select pg_temp.batch_start(pg_temp.person(2), 'generate', null) as r) x),
  '(3,generate)', 'the coordinator starts a whole-cycle batch of 3 students');

-- pg_cron resumes batches nobody drives, on behalf of their requester (the cycle batch
-- above was never run: set it aside first)
update public.report_jobs set status = 'cancelled' where status in ('queued', 'running');
create temp table t_stale on commit drop as select pg_temp.batch_start(pg_temp.person(5), 'generate', pg_temp.section(32)) as j;
select is(private.hpc_resume_stale_jobs(interval '-1 second'), 1::bigint, 'a stale batch is resumed by the cron function');
select is((select (status, processed, succeeded)::text from public.report_jobs where id = (select (j ->> 'job_id')::uuid from t_stale)),
  '(completed,1,1)', 'it ran to the end as its requester');
select is((select actor_id from public.audit_events where table_name = 'hpc_reports' and operation = 'INSERT'
           and new_values ->> 'student_id' = pg_temp.person(9)::text), pg_temp.person(5), 'the cards are audited with the requester as actor');
create temp table t_stale2 on commit drop as select pg_temp.batch_start(pg_temp.person(5), 'generate', pg_temp.section(32)) as j;
update public.institution_feature_flags set enabled = false where institution_id = pg_temp.school(1);
select private.hpc_resume_stale_jobs(interval '-1 second');
select is((select (status, errors -> 0 ->> 'code')::text from public.report_jobs where id = (select (j ->> 'job_id')::uuid from t_stale2)),
  '(cancelled,HPOFF)', 'with HPC switched off the stale batch is cancelled with the reason');
update public.institution_feature_flags set enabled = true where institution_id = pg_temp.school(1);

select * from finish();
rollback;
