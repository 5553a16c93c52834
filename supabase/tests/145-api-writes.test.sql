-- Writes through the API as a frontend makes them (role authenticated with the user's
-- claims, as PostgREST does): a rating's level changes by update and by upsert, institution_id
-- defaults to the caller's school with a clear refusal of another school's, closed cycles
-- refuse writes with an error (rows of others stay invisible), the Partnership card and the
-- other reflections upsert on their natural key.
begin;
\ir support/tests-schema.sql
select plan(27);

-- Sunrise (institution 2): Priya Menon (13) teaches 7-A and rates Ishaan Verma (14) on
-- MS-LR1-AWA in Term 2 (open); Neha Verma (15) is Ishaan's mother. Term 1 is closed.
create temporary table t_ctx on commit drop as
select '10000000-0000-4000-8000-000000000002'::uuid as inst,
       '10000000-0000-4000-8000-000000000001'::uuid as other_inst,
       md5('cycle:2:2')::uuid as open_cycle, md5('cycle:2:1')::uuid as closed_cycle,
       '00000000-0000-4000-a000-000000000013'::uuid as teacher,
       '00000000-0000-4000-a000-000000000014'::uuid as student,
       '00000000-0000-4000-a000-000000000015'::uuid as parent,
       (select p.id from public.hpc_parameters as p
        where p.institution_id = '10000000-0000-4000-8000-000000000002' and p.code = 'MS-LR1-AWA') as param;
grant select on t_ctx to authenticated, service_role;

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

-- institution_id: another school's is refused, plainly ------------------------------------
select matches(tests.run_as((select teacher from t_ctx), $$
  insert into public.hpc_achievements (institution_id, student_id, title, category)
  select other_inst, student, 'Quiz winner', 'academic' from t_ctx$$),
  '^42501: A new hpc_achievements row names another institution than yours', 'a row naming another school: 42501 that says so');
select is(tests.run_as((select teacher from t_ctx), $$
  insert into public.hpc_achievements (student_id, title, category)
  select student, 'Quiz winner', 'academic' from t_ctx$$),
  'rows 1', 'an achievement without institution_id');
select is((select institution_id from public.hpc_achievements where title = 'Quiz winner'),
  '10000000-0000-4000-8000-000000000002'::uuid, 'belongs to the teacher''s school');
select matches(tests.run_as_service_role($$
  insert into public.hpc_achievements (student_id, title, category)
  select student, 'Service quiz', 'academic' from t_ctx$$),
  '^23502: A new hpc_achievements row needs institution_id', 'service_role without institution_id is told to send it');
select matches(tests.run_as((select teacher from t_ctx), $$
  update public.hpc_achievements set institution_id = '10000000-0000-4000-8000-000000000001' where title = 'Quiz winner'$$),
  '^42501: ', 'a row never moves to another school');

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

-- Reflections upsert on their natural key -----------------------------------------------------
select is(tests.run_as((select parent from t_ctx), $$
  insert into public.hpc_reflections (cycle_id, student_id, kind, author_id, author_role, content)
  select open_cycle, student, 'parent_partnership', parent, 'parent', '{"homework": "daily"}' from t_ctx
  on conflict (institution_id, cycle_id, student_id, author_id, kind, entry_key)
  do update set content = excluded.content$$),
  'rows 1', 'a parent upserts the Partnership card');
select is(tests.run_as((select parent from t_ctx), $$
  insert into public.hpc_reflections (cycle_id, student_id, kind, author_id, author_role, content)
  select open_cycle, student, 'parent_partnership', parent, 'parent', '{"homework": "most days"}' from t_ctx
  on conflict (institution_id, cycle_id, student_id, author_id, kind, entry_key)
  do update set content = excluded.content$$),
  'rows 1', 'and upserts it again');
select results_eq($$select count(*)::int, min(content ->> 'homework') from public.hpc_reflections
                    where cycle_id = md5('cycle:2:2')::uuid and kind = 'parent_partnership'
                      and author_id = '00000000-0000-4000-a000-000000000015'$$,
  $$values (1, 'most days')$$, 'one card, with the latest content');
select is(tests.run_as((select student from t_ctx), $$
  insert into public.hpc_reflections (cycle_id, student_id, kind, author_id, author_role, body)
  select open_cycle, student, 'ambition_goal', student, 'self', g from t_ctx, unnest(array['Read 12 books', 'Learn to swim']) as g$$),
  'rows 2', 'a student sets two Ambition Card goals in one cycle');
select is(tests.run_as((select student from t_ctx), $$
  insert into public.hpc_reflections (cycle_id, student_id, kind, author_id, author_role, body)
  select open_cycle, student, 'self_reflection', student, 'self', 'v' || n from t_ctx, generate_series(1, 2) as n$$),
  '23505: duplicate key value violates unique constraint "hpc_reflections_entry_key"',
  'but one self-reflection per cycle');

select * from finish();
rollback;
