-- The Partnership card and the other reflections upsert on their natural key: one card per
-- parent and cycle with the latest content, several Ambition goals, one self-reflection.
begin;
\ir support/tests-schema.sql
select plan(5);
\ir support/sunrise-rating-context.sql

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
