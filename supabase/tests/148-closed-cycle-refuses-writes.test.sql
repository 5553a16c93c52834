-- A closed cycle refuses writes with an error naming the cycle (HP422 through PostgREST's
-- PGRST), for ratings and reflections alike, while rows of others stay invisible.
--
-- On Citus a transaction cannot compute another caller's context (the owner's read) once a
-- user wrote, even in vain, the school's shards ("cannot perform query on placements that were
-- modified in this transaction by a different user"). So each caller acts in a transaction of
-- their own, authenticated once, rolled back; their outcomes are read there and asserted after
-- it, so that pgTAP's count of tests and failures (rows in a temporary table) is not rolled
-- back with it. The values the statements need are read first (\gset) and written as VALUES:
-- an insert … select from a temporary table goes to the shards as COPY, which Citus refuses
-- under RLS.
begin;
\ir support/sunrise-rating-context.sql
select inst, closed_cycle, teacher, student, parent from t_ctx \gset
rollback;
select p.id as sen_param from public.hpc_parameters as p
where p.institution_id = :'inst' and p.code = 'MS-LR1-SEN' \gset
-- The first draft rating of the closed cycle, and its rater.
select e.id as draft, e.rater_id as draft_rater from public.hpc_evaluations as e
where e.cycle_id = md5('cycle:2:1')::uuid and e.status = 'draft' order by e.id limit 1 \gset

select plan(6);

-- A closed cycle refuses writes with an error ------------------------------------------------
begin;
\ir support/tests-schema.sql
select tests.authenticate_as(:'teacher');
select tests.run($$
  update public.hpc_evaluations set level_ordinal = 3
  where cycle_id = md5('cycle:2:1')::uuid and rater_id = '00000000-0000-4000-a000-000000000013'
    and student_id = '00000000-0000-4000-a000-000000000014'$$) as own_rating \gset
select tests.run($$
  update public.hpc_evaluations set observation = 'x'
  where cycle_id = md5('cycle:2:1')::uuid and rater_role = 'self' and student_id = '00000000-0000-4000-a000-000000000014'$$) as others_rating \gset
select tests.run(format($$
  insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
  values (%L, %L, %L, 'teacher', %L, 2)
  on conflict (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id) do update set level_ordinal = 2$$,
  :'closed_cycle', :'student', :'sen_param', :'teacher')) as upsert \gset
rollback;

begin;
\ir support/tests-schema.sql
select tests.authenticate_as(:'draft_rater');
select tests.run(format($$
  delete from public.hpc_evaluations where id = %L$$, :'draft')) as withdrawal \gset
rollback;

begin;
\ir support/tests-schema.sql
select tests.authenticate_as(:'parent');
select tests.run($$
  update public.hpc_reflections set body = 'Changed my mind' where cycle_id = md5('cycle:2:1')::uuid$$) as reflection \gset
rollback;

select is(:'own_rating'::text,
  'HP422: The evaluation cycle "Term 1 2026-27" is closed: its ratings can no longer be changed.',
  'changing one''s own rating in a closed cycle: HP422 naming the cycle');
select is(:'others_rating'::text, 'rows 0', 'another rater''s rating stays out of reach (no error, nothing changed)');
select matches(:'upsert'::text, '^HP422: ', 'an upsert into a closed cycle: HP422');
select matches(:'withdrawal'::text, '^HP422: ', 'withdrawing a draft rating of a closed cycle: HP422');
select is(:'reflection'::text,
  'HP422: The evaluation cycle "Term 1 2026-27" is closed: its reflections can no longer be changed.',
  'a parent editing last term''s Partnership card: HP422');
select throws_ok($$select private.raise_api_error('HP422', 'closed')$$, 'PGRST',
  '{"code" : "HP422", "message" : "closed", "details" : null, "hint" : null}',
  'the error is PostgREST''s PGRST with our code in its body');

select * from finish();
