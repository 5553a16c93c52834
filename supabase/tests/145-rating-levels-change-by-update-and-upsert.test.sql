-- Writes through the API as a frontend makes them (role authenticated with the user's
-- claims, as PostgREST does): a rating entered without institution_id belongs to the
-- caller's school, and its level (with its level row) changes by update and by upsert.
begin;
\ir support/tests-schema.sql
select plan(11);
\ir support/sunrise-rating-context.sql

create function pg_temp.rating() returns table (level bigint, label text, rubric_ordinal bigint, inst uuid)
language sql as $$
  select e.level_ordinal, r.label, r.ordinal, e.institution_id
  from public.hpc_evaluations as e
  left join public.hpc_rubrics as r on r.institution_id = e.institution_id and r.id = e.rubric_id
  where e.id = '61000000-0000-4000-8000-000000000001'
$$;

-- A rating entered without institution_id: the caller's school -----------------------------
select is(tests.run_as((select teacher from t_ctx), $$
  insert into public.hpc_evaluations (id, cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
  select '61000000-0000-4000-8000-000000000001', open_cycle, student, param, 'teacher', teacher, 2 from t_ctx$$),
  'rows 1', 'a teacher enters a rating without institution_id');
select results_eq($$select level, label, rubric_ordinal, inst from pg_temp.rating()$$,
  $$values (2::bigint, 'Proficient', 2::bigint, '10000000-0000-4000-8000-000000000002'::uuid)$$,
  'it belongs to the teacher''s school, at the level row of ordinal 2');

-- The level changes by update and by upsert ---------------------------------------------------
select is(tests.run_as((select teacher from t_ctx), $$
  update public.hpc_evaluations set level_ordinal = 3 where id = '61000000-0000-4000-8000-000000000001'$$),
  'rows 1', 'update({ level_ordinal: 3 }) on a rated row succeeds');
select results_eq($$select level, label, rubric_ordinal from pg_temp.rating()$$,
  $$values (3::bigint, 'Advanced', 3::bigint)$$, 'and the level row follows the new ordinal');
select is(tests.run_as((select teacher from t_ctx), $$
  insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal, observation)
  select open_cycle, student, param, 'teacher', teacher, 1, 'Needs support with sources.' from t_ctx
  on conflict (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
  do update set level_ordinal = excluded.level_ordinal, observation = excluded.observation$$),
  'rows 1', 'an upsert on the natural key changes the level');
select results_eq($$select level, label, rubric_ordinal from pg_temp.rating()$$,
  $$values (1::bigint, 'Beginner', 1::bigint)$$, 'the upserted level has its level row');
select is((select count(*)::int from public.hpc_evaluations
           where institution_id = (select inst from t_ctx) and cycle_id = (select open_cycle from t_ctx)
             and student_id = (select student from t_ctx) and parameter_id = (select param from t_ctx)),
  1, 'still one rating');
select is(tests.run_as((select teacher from t_ctx), $$
  update public.hpc_evaluations
  set rubric_id = (select r.id from public.hpc_rubrics as r
                   where r.institution_id = '10000000-0000-4000-8000-000000000002' and r.scale_code = 'middle'
                     and r.parameter_id is null and r.ordinal = 2)
  where id = '61000000-0000-4000-8000-000000000001'$$),
  'rows 1', 'naming another level row by rubric_id');
select results_eq($$select level, rubric_ordinal from pg_temp.rating()$$,
  $$values (2::bigint, 2::bigint)$$, 'gives its ordinal');
select is(tests.run_as((select teacher from t_ctx), $$
  update public.hpc_evaluations set level_ordinal = null where id = '61000000-0000-4000-8000-000000000001'$$),
  'rows 1', 'clearing the level');
select results_eq($$select level, label from pg_temp.rating()$$,
  $$values (null::bigint, null::text)$$, 'clears its level row');

select * from finish();
rollback;
