-- The Partnership card and the other reflections upsert on their natural key: one card per
-- parent and cycle with the latest content, several Ambition goals, one self-reflection.
--
-- On Citus a transaction can neither compute another caller's context (the owner's read) nor
-- read as the owner once a user wrote the school's shards ("cannot perform query on placements
-- that were modified in this transaction by a different user"). So the parent and the student
-- act in a transaction each, authenticated once, rolled back, and the parent reads her card as
-- she sees it; their outcomes are read there and asserted after it, so that pgTAP's count of
-- tests and failures (rows in a temporary table) is not rolled back with it. The values the
-- statements need are read first (\gset) and written as VALUES: an insert … select from a
-- temporary table goes to the shards as COPY, which Citus refuses under RLS.
begin;
\ir support/sunrise-rating-context.sql
select open_cycle, student, parent from t_ctx \gset
rollback;

select plan(5);

-- Reflections upsert on their natural key -----------------------------------------------------
begin;
\ir support/tests-schema.sql
select tests.authenticate_as(:'parent');
select tests.run(format($$
  insert into public.hpc_reflections (cycle_id, student_id, kind, author_id, author_role, content)
  values (%L, %L, 'parent_partnership', %L, 'parent', '{"homework": "daily"}')
  on conflict (institution_id, cycle_id, student_id, author_id, kind, entry_key)
  do update set content = excluded.content$$, :'open_cycle', :'student', :'parent')) as card \gset
select tests.run(format($$
  insert into public.hpc_reflections (cycle_id, student_id, kind, author_id, author_role, content)
  values (%L, %L, 'parent_partnership', %L, 'parent', '{"homework": "most days"}')
  on conflict (institution_id, cycle_id, student_id, author_id, kind, entry_key)
  do update set content = excluded.content$$, :'open_cycle', :'student', :'parent')) as card_again \gset
select format('(%s, %L)', count(*), min(content ->> 'homework')) as cards from public.hpc_reflections
where cycle_id = md5('cycle:2:2')::uuid and kind = 'parent_partnership'
  and author_id = '00000000-0000-4000-a000-000000000015' \gset
rollback;

begin;
\ir support/tests-schema.sql
select tests.authenticate_as(:'student');
select tests.run(format($$
  insert into public.hpc_reflections (cycle_id, student_id, kind, author_id, author_role, body)
  values (%1$L, %2$L, 'ambition_goal', %2$L, 'self', 'Read 12 books'),
         (%1$L, %2$L, 'ambition_goal', %2$L, 'self', 'Learn to swim')$$, :'open_cycle', :'student')) as goals \gset
select tests.run(format($$
  insert into public.hpc_reflections (cycle_id, student_id, kind, author_id, author_role, body)
  values (%1$L, %2$L, 'self_reflection', %2$L, 'self', 'v1'),
         (%1$L, %2$L, 'self_reflection', %2$L, 'self', 'v2')$$, :'open_cycle', :'student')) as reflections \gset
rollback;

select is(:'card'::text, 'rows 1', 'a parent upserts the Partnership card');
select is(:'card_again'::text, 'rows 1', 'and upserts it again');
select results_eq('values ' || :'cards', $$values (1, 'most days')$$, 'one card, with the latest content');
select is(:'goals'::text, 'rows 2', 'a student sets two Ambition Card goals in one cycle');
select matches(:'reflections'::text,
  -- on Citus the key's name is its shard's
  case when exists (select 1 from pg_extension where extname = 'citus')
       then '^23505: duplicate key value violates unique constraint "hpc_reflections_entry_key_[0-9]+"$'
       else '^23505: duplicate key value violates unique constraint "hpc_reflections_entry_key"$' end,
  'but one self-reflection per cycle');

select * from finish();
