-- Writes through the API as a frontend makes them (role authenticated with the user's
-- claims, as PostgREST does): a rating entered without institution_id belongs to the
-- caller's school, and its level (with its level row) changes by update and by upsert.
--
-- Every write is the teacher's, and so is every read after the first: on Citus a transaction
-- can neither compute a caller's context (the owner's read) nor read as the owner once a user
-- wrote the school's shards ("cannot perform query on placements that were modified in this
-- transaction by a different user"). She is authenticated once, and her rows are read as she
-- sees them (she reads every rating of her students). The values the statements need are read
-- first (\gset) and written as VALUES: an insert … select from a temporary table goes to the
-- shards as COPY, which Citus refuses under RLS.
begin;
\ir support/tests-schema.sql
select plan(11);
\ir support/sunrise-rating-context.sql
select inst, open_cycle, teacher, student, param from t_ctx \gset
-- The middle scale's level row of ordinal 2, named by id below.
select r.id as proficient from public.hpc_rubrics as r
where r.institution_id = '10000000-0000-4000-8000-000000000002' and r.scale_code = 'middle'
  and r.parameter_id is null and r.ordinal = 2 \gset

-- PL/pgSQL: Citus plans no query on a distributed table inside a SQL function.
create function pg_temp.rating() returns table (level bigint, label text, rubric_ordinal bigint, inst uuid)
language plpgsql stable as $$
begin
  return query
  select e.level_ordinal::bigint, r.label, r.ordinal::bigint, e.institution_id
  from public.hpc_evaluations as e
  left join public.hpc_rubrics as r on r.institution_id = e.institution_id and r.id = e.rubric_id
  where e.id = '61000000-0000-4000-8000-000000000001';
end $$;

select tests.authenticate_as(:'teacher');

-- A rating entered without institution_id: the caller's school -----------------------------
select is(tests.run(format($$
  insert into public.hpc_evaluations (id, cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
  values ('61000000-0000-4000-8000-000000000001', %L, %L, %L, 'teacher', %L, 2)$$,
  :'open_cycle', :'student', :'param', :'teacher')),
  'rows 1', 'a teacher enters a rating without institution_id');
select results_eq($$select level, label, rubric_ordinal, inst from pg_temp.rating()$$,
  $$values (2::bigint, 'Proficient', 2::bigint, '10000000-0000-4000-8000-000000000002'::uuid)$$,
  'it belongs to the teacher''s school, at the level row of ordinal 2');

-- The level changes by update and by upsert ---------------------------------------------------
select is(tests.run($$
  update public.hpc_evaluations set level_ordinal = 3 where id = '61000000-0000-4000-8000-000000000001'$$),
  'rows 1', 'update({ level_ordinal: 3 }) on a rated row succeeds');
select results_eq($$select level, label, rubric_ordinal from pg_temp.rating()$$,
  $$values (3::bigint, 'Advanced', 3::bigint)$$, 'and the level row follows the new ordinal');
select is(tests.run(format($$
  insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal, observation)
  values (%L, %L, %L, 'teacher', %L, 1, 'Needs support with sources.')
  on conflict (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
  do update set level_ordinal = excluded.level_ordinal, observation = excluded.observation$$,
  :'open_cycle', :'student', :'param', :'teacher')),
  'rows 1', 'an upsert on the natural key changes the level');
select results_eq($$select level, label, rubric_ordinal from pg_temp.rating()$$,
  $$values (1::bigint, 'Beginner', 1::bigint)$$, 'the upserted level has its level row');
select count(*)::int as ratings from public.hpc_evaluations
where institution_id = :'inst' and cycle_id = :'open_cycle' and student_id = :'student' and parameter_id = :'param' \gset
select is(:ratings, 1, 'still one rating');
select is(tests.run(format($$
  update public.hpc_evaluations set rubric_id = %L where id = '61000000-0000-4000-8000-000000000001'$$, :'proficient')),
  'rows 1', 'naming another level row by rubric_id');
select results_eq($$select level, rubric_ordinal from pg_temp.rating()$$,
  $$values (2::bigint, 2::bigint)$$, 'gives its ordinal');
select is(tests.run($$
  update public.hpc_evaluations set level_ordinal = null where id = '61000000-0000-4000-8000-000000000001'$$),
  'rows 1', 'clearing the level');
select results_eq($$select level, label from pg_temp.rating()$$,
  $$values (null::bigint, null::text)$$, 'clears its level row');

select * from finish();
rollback;
