-- Every HPC table the frontend upserts has a natural unique key that PostgREST's on_conflict
-- can name (docs/api.md lists them). PostgREST's upsert is `insert ... on conflict (columns)`,
-- which Postgres can only match to a unique index on exactly those columns and without a
-- predicate; the Partnership card's key was a partial index (where kind =
-- 'parent_partnership'), so its upsert failed with 42P10.
--
-- hpc_reflections gets one key for every kind of reflection:
--   (institution_id, cycle_id, student_id, author_id, kind, entry_key), nulls not distinct,
-- where entry_key is a generated column: the goal reviewed for an ambition_review, the row's
-- own id for an ambition_goal (a student sets several goals a year), null otherwise. So:
-- one All About Me, one self-reflection and one Partnership card per author, student and
-- cycle; one review per goal and cycle; any number of goals. The demo data already holds to
-- it. The partial index is dropped: the new key covers it.
--
-- The other keys exist already (institution_id leads every key: the tables are distributed
-- by it later, and hpc_evaluations is partitioned by it, so a key without it cannot exist):
--   hpc_evaluations   (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
--   hpc_parameter_assignments (institution_id, cycle_id, section_id, parameter_id, course_id,
--                      student_id, peer_reviewer_id), nulls not distinct
--   hpc_parameters    (institution_id, code, version)
--   hpc_rubrics       (institution_id, scale_code, parameter_id, version, ordinal), nulls not distinct
--   hpc_evaluation_cycles (institution_id, academic_term_id, name)
set local lock_timeout = '50ms';
set local statement_timeout = '60s';

-- hpc_reflections is an HPC table created by 20250101000900: at this point of a rollout it
-- holds at most the rows written since, so the rewrite and the index build are short.
alter table public.hpc_reflections
  -- squawk-ignore adding-field-with-default
  add column entry_key uuid generated always as (case kind when 'ambition_goal' then id else goal_id end) stored;
comment on column public.hpc_reflections.entry_key is
  'Generated: the goal an ambition_review reviews, the row''s own id for an ambition_goal, else null. Part of the upsert key.';

alter table public.hpc_reflections
  -- squawk-ignore constraint-missing-not-valid, disallowed-unique-constraint
  add constraint hpc_reflections_entry_key unique nulls not distinct
    (institution_id, cycle_id, student_id, author_id, kind, entry_key);

-- squawk-ignore require-concurrent-index-deletion
drop index public.hpc_reflections_one_partnership_key;
