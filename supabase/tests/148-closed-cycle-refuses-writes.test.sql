-- A closed cycle refuses writes with an error naming the cycle (HP422 through PostgREST's
-- PGRST), for ratings and reflections alike, while rows of others stay invisible.
begin;
\ir support/tests-schema.sql
select plan(6);
\ir support/sunrise-rating-context.sql

-- A closed cycle refuses writes with an error ------------------------------------------------
select is(tests.run_as((select teacher from t_ctx), $$
  update public.hpc_evaluations set level_ordinal = 3
  where cycle_id = md5('cycle:2:1')::uuid and rater_id = '00000000-0000-4000-a000-000000000013'
    and student_id = '00000000-0000-4000-a000-000000000014'$$),
  'HP422: The evaluation cycle "Term 1 2026-27" is closed: its ratings can no longer be changed.',
  'changing one''s own rating in a closed cycle: HP422 naming the cycle');
select is(tests.run_as((select teacher from t_ctx), $$
  update public.hpc_evaluations set observation = 'x'
  where cycle_id = md5('cycle:2:1')::uuid and rater_role = 'self' and student_id = '00000000-0000-4000-a000-000000000014'$$),
  'rows 0', 'another rater''s rating stays out of reach (no error, nothing changed)');
select matches(tests.run_as((select teacher from t_ctx), $$
  insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
  select closed_cycle, student, (select p.id from public.hpc_parameters as p
                                 where p.institution_id = t_ctx.inst and p.code = 'MS-LR1-SEN'), 'teacher', teacher, 2
  from t_ctx
  on conflict (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id) do update set level_ordinal = 2$$),
  '^HP422: ', 'an upsert into a closed cycle: HP422');
select matches(tests.run_as((select e.rater_id from public.hpc_evaluations as e
                                where e.cycle_id = md5('cycle:2:1')::uuid and e.status = 'draft' order by e.id limit 1), $$
  delete from public.hpc_evaluations
  where id = (select e.id from public.hpc_evaluations as e
              where e.cycle_id = md5('cycle:2:1')::uuid and e.status = 'draft' order by e.id limit 1)$$),
  '^HP422: ', 'withdrawing a draft rating of a closed cycle: HP422');
select is(tests.run_as((select parent from t_ctx), $$
  update public.hpc_reflections set body = 'Changed my mind' where cycle_id = md5('cycle:2:1')::uuid$$),
  'HP422: The evaluation cycle "Term 1 2026-27" is closed: its reflections can no longer be changed.',
  'a parent editing last term''s Partnership card: HP422');
select throws_ok($$select private.raise_api_error('HP422', 'closed')$$, 'PGRST',
  '{"code" : "HP422", "message" : "closed", "details" : null, "hint" : null}',
  'the error is PostgREST''s PGRST with our code in its body');

select * from finish();
rollback;
