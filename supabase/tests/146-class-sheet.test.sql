-- A teacher's class sheet in one call (public.hpc_save_class_sheet): every cell checked, all
-- written or none, problems answered with their position, idempotent on retry; only the
-- teacher to whom the parameters are assigned may save, in an open cycle of their own school.
--
-- Two test transactions, both rolled back. On Citus a transaction reaches a school's shards
-- over one connection per database user, and a shard written over one may not be read over
-- another ("modified in this transaction by a different user", 25001): the saves are written
-- by the save function's owner (postgres), the sheet is read as `authenticated`. So the saves
-- are tested first; then her whole sheet is saved by the same function and committed, the
-- sheet is read in a second transaction, and the committed ratings are removed with their
-- audit entries (an erasure's deletion, hpc.erasure, the one way the append-only log lets
-- rows go), leaving the data as it was. The plan, the school's values and the sheet live in
-- the session (temporary tables) across the transactions; the `tests` schema is made in each
-- test transaction and rolled back with it.
select plan(41);

-- Sunrise (institution 2): Priya Menon (13) is class teacher of 7-A and rates its students on
-- the parameters assigned to her in Term 2 (open); Term 1 is closed. Ishaan Verma (14) is in
-- 7-A, Neha Verma (15) is his mother, Harpreet Kaur (11) the principal, Joseph D'Souza (12) a
-- coordinator. Greenfield (3) has HPC off; Suresh Patil (22) teaches there.
create temporary table t_ctx as
select '10000000-0000-4000-8000-000000000002'::uuid as inst,
       md5('cycle:2:2')::uuid as open_cycle, md5('cycle:2:1')::uuid as closed_cycle,
       '00000000-0000-4000-a000-000000000013'::uuid as teacher,
       (select a.section_id from public.hpc_parameter_assignments as a
        where a.cycle_id = md5('cycle:2:2')::uuid and a.teacher_id = '00000000-0000-4000-a000-000000000013'
        group by a.section_id order by count(*) desc limit 1) as section;
create temporary table t_sheet as
select s.student_id, a.parameter_id, p.code, p.ability,
       row_number() over (order by s.student_id, a.parameter_id) as n
from t_ctx as x
join public.hpc_parameter_assignments as a
  on a.institution_id = x.inst and a.cycle_id = x.open_cycle and a.section_id = x.section
 and a.teacher_id = x.teacher and a.active and 'teacher' = any (a.rater_roles)
join public.hpc_parameters as p on p.institution_id = a.institution_id and p.id = a.parameter_id
join public.section_students as s on s.institution_id = x.inst and s.section_id = x.section;
grant select on t_ctx, t_sheet to authenticated, anon, service_role;

\ir support/tap-across-transactions.sql

-- The committed sheet's ratings and audit entries, removed: those of an earlier run that
-- stopped before its clean-up, and at the end this run's. The fixture's audit entries name it
-- as their actor role (the role claim of its transaction); its ratings are those entries' rows.
create temporary table t_fixture as
select '10000000-0000-4000-8000-000000000002'::uuid as inst, 'pgtap-146-class-sheet-fixture'::text as actor_role;
create function pg_temp.remove_fixture() returns void language plpgsql as $$
declare
  v_inst uuid := (select inst from t_fixture);
  v_role text := (select actor_role from t_fixture);
begin
  -- An erasure's deletes: not audited themselves, and allowed on the audit log.
  set local hpc.erasure = on;
  delete from public.hpc_evaluations as e
  where e.institution_id = v_inst
    and e.id in (select (a.record_key ->> 'id')::uuid from public.audit_events as a
                 where a.institution_id = v_inst and a.actor_role = v_role and a.table_name = 'hpc_evaluations');
  delete from public.audit_events as a where a.institution_id = v_inst and a.actor_role = v_role;
end $$;
begin;
select pg_temp.remove_fixture() \gset
commit;

begin;
\ir support/tests-schema.sql

-- Calls the function as a user (null: without a user, the anon key) and returns its result
-- as jsonb, or the error body {code, message, details} (our code from the PGRST error).
create function pg_temp.save_sheet(p_user uuid, p_cycle uuid, p_cells jsonb, p_dry_run boolean default false,
  p_section uuid default null)
returns jsonb language plpgsql as $$
declare
  v_result jsonb;
begin
  if p_user is null then
    perform tests.authenticate_as_anon();
  else
    perform tests.authenticate_as(p_user);
  end if;
  select to_jsonb(r) into v_result
  from public.hpc_save_class_sheet(p_cycle, coalesce(p_section, (select section from t_ctx)), p_cells, p_dry_run) as r;
  perform tests.clear_authentication();
  return v_result;
exception when others then
  return tests.api_error(sqlstate, sqlerrm);
end $$;
-- The whole sheet as cells, with the given fields.
create function pg_temp.whole_sheet(p_fields jsonb) returns jsonb language sql as $$
  select jsonb_agg(jsonb_build_object('student_id', student_id, 'parameter_id', parameter_id) || p_fields order by n)
  from t_sheet
$$;
create function pg_temp.teacher_ratings() returns table (student_id uuid, parameter_id uuid, level bigint, observation text,
  status text, has_rubric boolean, submitted boolean)
language sql as $$
  select e.student_id, e.parameter_id, e.level_ordinal, e.observation, e.status::text, e.rubric_id is not null,
         e.submitted_at is not null
  from public.hpc_evaluations as e, t_ctx as x
  where e.institution_id = x.inst and e.cycle_id = x.open_cycle and e.rater_role = 'teacher' and e.rater_id = x.teacher
$$;
create function pg_temp.cell(p_n bigint) returns jsonb language sql as $$
  select jsonb_build_object('student_id', student_id, 'parameter_id', parameter_id) from t_sheet where n = p_n
$$;
create temporary table t_before on commit drop as
select (select count(*) from public.hpc_evaluations as e, t_ctx as x
        where e.institution_id = x.inst and not (e.rater_id = x.teacher and e.cycle_id = x.open_cycle)) as others,
       (select md5(string_agg(e::text, '' order by e.id)) from public.hpc_evaluations as e, t_ctx as x
        where e.institution_id = x.inst and not (e.rater_id = x.teacher and e.cycle_id = x.open_cycle)) as others_hash;

select cmp_ok((select count(*) from t_sheet), '>=', 200::bigint, 'the demo class sheet has at least 200 cells');
select is((select count(*) from pg_temp.teacher_ratings()), 0::bigint, 'no teacher rating of hers in Term 2 yet');

-- Dry run, then the real save -------------------------------------------------------------
select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx),
    pg_temp.whole_sheet('{"level_ordinal": 2, "observation": "Works well with others."}'), true) - 'problems',
  jsonb_build_object('cells', (select count(*) from t_sheet), 'inserted', (select count(*) from t_sheet),
                     'updated', 0, 'unchanged', 0, 'dry_run', true),
  'a dry run counts every cell as a new rating');
select is((select count(*) from pg_temp.teacher_ratings()), 0::bigint, 'a dry run writes nothing');

select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx),
    pg_temp.whole_sheet('{"level_ordinal": 2, "observation": "Works well with others."}')),
  jsonb_build_object('cells', (select count(*) from t_sheet), 'inserted', (select count(*) from t_sheet),
                     'updated', 0, 'unchanged', 0, 'dry_run', false, 'problems', '[]'::jsonb),
  'the teacher saves her whole sheet in one call');
select results_eq($$select count(*), count(*) filter (where level = 2 and has_rubric and status = 'draft'
                      and observation = 'Works well with others.') from pg_temp.teacher_ratings()$$,
  $$select count(*), count(*) from t_sheet$$,
  'every cell is stored as a draft at level 2 with its level row and observation');
select is((select count(*) from public.audit_events as a, t_ctx as x
           where a.table_name = 'hpc_evaluations' and a.operation = 'INSERT' and a.actor_id = x.teacher
             and a.transaction_id = txid_current()),
  (select count(*) from t_sheet), 'each new rating is in the audit log under the teacher');

-- Idempotent on retry ----------------------------------------------------------------------
create temporary table t_audit on commit drop as select count(*) as n from public.audit_events where transaction_id = txid_current();
select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx),
    pg_temp.whole_sheet('{"level_ordinal": 2, "observation": "Works well with others."}')) - 'problems',
  jsonb_build_object('cells', (select count(*) from t_sheet), 'inserted', 0, 'updated', 0,
                     'unchanged', (select count(*) from t_sheet), 'dry_run', false),
  'sending the same sheet again changes nothing');
select is((select count(*) from public.audit_events where transaction_id = txid_current()), (select n from t_audit),
  'a retry writes no audit entry');

-- A field left out keeps its value; null clears it ------------------------------------------
select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx),
    jsonb_build_array(pg_temp.cell(1) || '{"level_ordinal": 3}', pg_temp.cell(2) || '{"observation": null}')) - 'problems',
  '{"cells": 2, "inserted": 0, "updated": 2, "unchanged": 0, "dry_run": false}'::jsonb,
  'two cells changed: one level, one observation cleared');
select results_eq($$select m.level, m.observation, m.has_rubric from pg_temp.teacher_ratings() as m join t_sheet as s using (student_id, parameter_id)
                    where s.n in (1, 2) order by s.n$$,
  $$values (3::bigint, 'Works well with others.'::text, true), (2, null, true)$$,
  'the level changed with its level row and the observation kept; the other observation cleared, its level kept');
select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx),
    jsonb_build_array(pg_temp.cell(3) || '{"status": "submitted", "rater_role": "teacher"}')) ->> 'updated', '1',
  'a rating is submitted with rater_role "teacher" named');
select results_eq($$select m.status, m.submitted from pg_temp.teacher_ratings() as m join t_sheet as s using (student_id, parameter_id) where s.n = 3$$,
  $$values ('submitted'::text, true)$$, 'it is submitted, with its time');

-- Problems: every one, with its position; nothing written ---------------------------------
select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx), jsonb_build_array(
    pg_temp.cell(4) || '{"level_ordinal": 1}',
    pg_temp.cell(5) || '{"level_ordinal": 9}',
    pg_temp.cell(6) || '{"grade": "A"}',
    pg_temp.cell(4) || '{"level_ordinal": 3}',
    '"not a cell"'::jsonb,
    pg_temp.cell(7) || '{"rater_role": "self", "status": "final"}',
    jsonb_build_object('student_id', '00000000-0000-4000-a000-000000000011', 'parameter_id', (select parameter_id from t_sheet where n = 1)),
    jsonb_build_object('student_id', (select student_id from t_sheet where n = 1), 'parameter_id', 'P1'),
    pg_temp.cell(8) || '{"level_ordinal": "two", "observation": 5}',
    pg_temp.cell(9) || '{"status": "submitted", "level_ordinal": null}',
    pg_temp.cell(10) || '{"ability": "juggling"}')) - 'message',
  jsonb_build_object('code', 'HP422', 'details', jsonb_build_array(
    jsonb_build_object('cell', 1, 'field', 'level_ordinal', 'message',
      format('Level 9 is not on the scale "%s" of parameter %s (levels 1, 2, 3).',
             (select p.scale_code from public.hpc_parameters as p, t_sheet as s where p.id = s.parameter_id and s.n = 5),
             (select code from t_sheet where n = 5))),
    jsonb_build_object('cell', 2, 'field', 'grade', 'message',
      'Unknown field: a cell has student_id, parameter_id, level_ordinal, observation, status, rater_role and ability.'),
    jsonb_build_object('cell', 3, 'field', null, 'message', 'The same student and parameter as cell 0.'),
    jsonb_build_object('cell', 4, 'field', null, 'message', 'A cell must be a JSON object.'),
    jsonb_build_object('cell', 5, 'field', 'rater_role', 'message',
      'A class sheet holds your own ratings as teacher: rater_role is "teacher" or left out.'),
    jsonb_build_object('cell', 5, 'field', 'status', 'message', 'status must be "draft" or "submitted".'),
    jsonb_build_object('cell', 6, 'field', 'student_id', 'message', 'This student is not in the section.'),
    jsonb_build_object('cell', 7, 'field', 'parameter_id', 'message', 'parameter_id must be a parameter''s id (a UUID).'),
    jsonb_build_object('cell', 8, 'field', 'level_ordinal', 'message',
      'level_ordinal must be a whole number (a level of the scale) or null.'),
    jsonb_build_object('cell', 8, 'field', 'observation', 'message', 'observation must be text or null.'),
    jsonb_build_object('cell', 9, 'field', 'status', 'message', 'A submitted rating needs a level.'),
    jsonb_build_object('cell', 10, 'field', 'ability', 'message',
      format('Parameter %s assesses the ability "%s", not "juggling".', (select code from t_sheet where n = 10),
             coalesce((select ability from t_sheet where n = 10), 'none'))))::text),
  'every problem of the sheet is answered with its cell and field (HP422)');
select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx),
    jsonb_build_array(pg_temp.cell(4) || '{"level_ordinal": 1}', pg_temp.cell(5) || '{"level_ordinal": 9}')) ->> 'message',
  '1 of 2 cells cannot be saved; nothing was saved.', 'the message counts the cells that cannot be saved');
select is((select m.level from pg_temp.teacher_ratings() as m join t_sheet as s using (student_id, parameter_id) where s.n = 4), 2::bigint,
  'the valid cell of a refused sheet was not written');
select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx),
    jsonb_build_array(pg_temp.cell(4) || '{"level_ordinal": 1}', pg_temp.cell(5) || '{"level_ordinal": 9}'), true) -> 'problems',
  jsonb_build_array(jsonb_build_object('cell', 1, 'field', 'level_ordinal', 'message',
      format('Level 9 is not on the scale "%s" of parameter %s (levels 1, 2, 3).',
             (select p.scale_code from public.hpc_parameters as p, t_sheet as s where p.id = s.parameter_id and s.n = 5),
             (select code from t_sheet where n = 5)))),
  'a dry run answers the problems without raising');
-- A parameter not on her sheet, read first: on Citus a pg_temp helper inside a query on the
-- tables is sent to a shard, where it does not exist.
select p.id as unassigned_param from public.hpc_parameters as p, t_ctx as x
where p.institution_id = x.inst and p.id not in (select parameter_id from t_sheet) limit 1 \gset
select is((pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx),
    (pg_temp.cell(1) || jsonb_build_object('parameter_id', :'unassigned_param'::uuid)) || '[]'::jsonb) ->> 'details')::jsonb,
  '[{"cell": 0, "field": "parameter_id", "message": "This parameter is not assigned to you for this section in this cycle."}]'::jsonb,
  'a parameter not assigned to her in this section is refused');

-- The call itself ----------------------------------------------------------------------------
select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx), '{"cells": []}') - 'details',
  '{"code": "HP400", "message": "p_cells must be a JSON array of cells."}'::jsonb, 'cells must be an array (HP400)');
select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx),
    (select jsonb_agg(pg_temp.cell(1)) from generate_series(1, 5001))) ->> 'code',
  'HP400', 'more than 5,000 cells in one call is refused (HP400)');
select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx), '[]') - 'problems',
  '{"cells": 0, "inserted": 0, "updated": 0, "unchanged": 0, "dry_run": false}'::jsonb, 'an empty sheet saves nothing');
select is(pg_temp.save_sheet((select teacher from t_ctx), (select closed_cycle from t_ctx), pg_temp.whole_sheet('{"level_ordinal": 1}')) - 'details',
  jsonb_build_object('code', 'HP422', 'message',
    (select format('The evaluation cycle "%s" is %s: its ratings can no longer be changed.', c.name, c.status)
     from public.hpc_evaluation_cycles as c, t_ctx as x where c.id = x.closed_cycle)),
  'a closed cycle refuses the sheet, naming the cycle (HP422)');
select is(pg_temp.save_sheet((select teacher from t_ctx), md5('cycle:1:2')::uuid, pg_temp.whole_sheet('{"level_ordinal": 1}')) ->> 'code',
  'HP404', 'another school''s cycle is unknown to her (HP404)');
select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx), pg_temp.whole_sheet('{"level_ordinal": 1}'), false,
    (select s.section_id from public.section_students as s where s.student_id = '00000000-0000-4000-a000-000000000003')) ->> 'code',
  'HP404', 'another school''s section is unknown to her (HP404)');
-- A section of her school where she rates nothing, read first by values (on Citus a join of a
-- temporary table into both tables' subqueries is not planned).
select x.inst as school, x.teacher as priya from t_ctx as x \gset
select s.id as idle_section from public.sections as s
where s.institution_id = :'school' and s.id not in (
  select a.section_id from public.hpc_parameter_assignments as a
  where a.institution_id = :'school' and a.teacher_id = :'priya') limit 1 \gset
select is(pg_temp.save_sheet((select teacher from t_ctx), (select open_cycle from t_ctx), pg_temp.whole_sheet('{"level_ordinal": 1}'), false,
    :'idle_section'::uuid) - 'details',
  '{"code": "HP403", "message": "You rate no parameter of this section in this cycle."}'::jsonb,
  'a section where she rates nothing is refused (HP403)');

-- Who may save ---------------------------------------------------------------------------------
select is(pg_temp.save_sheet('00000000-0000-4000-a000-000000000014', (select open_cycle from t_ctx), pg_temp.whole_sheet('{"level_ordinal": 1}')) ->> 'code',
  'HP403', 'a student of the section cannot save the sheet');
select is(pg_temp.save_sheet('00000000-0000-4000-a000-000000000015', (select open_cycle from t_ctx), pg_temp.whole_sheet('{"level_ordinal": 1}')) ->> 'code',
  'HP403', 'a parent cannot save the sheet');
select is(pg_temp.save_sheet('00000000-0000-4000-a000-000000000011', (select open_cycle from t_ctx), pg_temp.whole_sheet('{"level_ordinal": 1}')) ->> 'code',
  'HP403', 'the principal cannot save a teacher''s sheet');
select is(pg_temp.save_sheet('00000000-0000-4000-a000-000000000012', (select open_cycle from t_ctx), pg_temp.whole_sheet('{"level_ordinal": 1}')) ->> 'code',
  'HP403', 'a coordinator without these parameters cannot save the sheet');
select is(pg_temp.save_sheet('00000000-0000-4000-a000-000000000001', (select open_cycle from t_ctx), pg_temp.whole_sheet('{"level_ordinal": 1}')) ->> 'code',
  'HP404', 'another school''s admin does not find the cycle');
select is(pg_temp.save_sheet('00000000-0000-4000-a000-000000000022', md5('cycle:3:2')::uuid, '[]') ->> 'code',
  'HPOFF', 'a teacher of a school with HPC off is refused (HPOFF)');
select is(pg_temp.save_sheet(null, (select open_cycle from t_ctx), pg_temp.whole_sheet('{"level_ordinal": 1}')) ->> 'code',
  '42501', 'anon may not call it');
select ok(not has_function_privilege('service_role', 'public.hpc_save_class_sheet(uuid, uuid, jsonb, boolean)', 'execute'),
  'service_role may not call it (a sheet is always a signed-in teacher''s)');
select results_eq($$select count(*), count(*) filter (where level = 2) from pg_temp.teacher_ratings()$$,
  $$select count(*), count(*) - 1 from t_sheet$$, 'none of the refused calls changed her ratings');
select results_eq($$select count(*), md5(string_agg(e::text, '' order by e.id)) from public.hpc_evaluations as e, t_ctx as x
                    where e.institution_id = x.inst and not (e.rater_id = x.teacher and e.cycle_id = x.open_cycle)$$,
  $$select others, others_hash from t_before$$, 'no rating of anyone else was touched');

-- Another teacher's rating of the same cell stays theirs -------------------------------------
select is((select count(*) from public.hpc_evaluations as e, t_ctx as x, t_sheet as s
           where e.institution_id = x.inst and e.cycle_id = x.open_cycle and e.student_id = s.student_id
             and e.parameter_id = s.parameter_id and e.rater_role = 'teacher' and e.rater_id <> x.teacher), 0::bigint,
  'the sheet''s cells are hers alone in the demo data');
select is((select count(*) from public.hpc_evaluations as e, t_ctx as x
           where e.institution_id = x.inst and e.cycle_id = x.open_cycle and e.rater_role <> 'teacher'
             and e.rater_id = x.teacher), 0::bigint, 'she never rates as anything but teacher through the sheet');
select is((select count(distinct e.institution_id) from public.hpc_evaluations as e, t_ctx as x
           where e.rater_id = x.teacher), 1::bigint, 'all her ratings are in her school');
:tap_keep \gset
rollback;
:tap_restore \gset

-- Her sheet saved and committed: the whole sheet at level 2 with an observation, as her first
-- save above, by the same function under her id (claims whose role names the fixture).
begin;
set local request.jwt.claims = '{"sub": "00000000-0000-4000-a000-000000000013", "role": "pgtap-146-class-sheet-fixture"}';
do $$
declare
  v jsonb;
begin
  select private.hpc_save_class_sheet(x.open_cycle, x.section,
           (select jsonb_agg(jsonb_build_object('student_id', s.student_id, 'parameter_id', s.parameter_id,
                                                'level_ordinal', 2, 'observation', 'Works well with others.') order by s.n)
            from t_sheet as s), false)
    into v
  from t_ctx as x;
  if (v ->> 'inserted')::bigint is distinct from (select count(*) from t_sheet) then
    raise exception 'the fixture sheet was not saved whole: %', v;
  end if;
end $$;
commit;

begin;
\ir support/tests-schema.sql

-- Reading the sheet ---------------------------------------------------------------------------
-- What a user's sheet shows, counted: parameters, students, ratings and the cycle's status.
create function pg_temp.sheet_seen_by(p_user uuid, p_cycle uuid) returns jsonb language plpgsql as $$
declare
  v jsonb;
begin
  perform tests.authenticate_as(p_user);
  v := public.hpc_class_sheet(p_cycle, (select section from t_ctx));
  perform tests.clear_authentication();
  return jsonb_build_object('parameters', jsonb_array_length(v -> 'parameters'), 'students', jsonb_array_length(v -> 'students'),
                            'cells', jsonb_array_length(v -> 'cells'), 'cycle', v #>> '{cycle,status}');
exception when others then
  return tests.api_error(sqlstate, sqlerrm) - 'message' - 'details';
end $$;
select is(pg_temp.sheet_seen_by((select teacher from t_ctx), (select open_cycle from t_ctx)),
  jsonb_build_object('parameters', (select count(distinct parameter_id) from t_sheet), 'students', (select count(distinct student_id) from t_sheet),
                     'cells', (select count(*) from t_sheet), 'cycle', 'open'),
  'the teacher reads her sheet: her parameters, the section''s students, her ratings');
select is(pg_temp.sheet_seen_by('00000000-0000-4000-a000-000000000014', (select open_cycle from t_ctx)) - 'students',
  '{"parameters": 0, "cells": 0, "cycle": "open"}'::jsonb, 'a student of the section reads no parameter and no rating');
select is(pg_temp.sheet_seen_by('00000000-0000-4000-a000-000000000002', (select open_cycle from t_ctx)),
  '{"code": "HP404"}'::jsonb, 'a teacher of another school finds no such sheet (HP404)');
:tap_keep \gset
rollback;
:tap_restore \gset

-- The committed sheet removed: the data is as it was before the file ran.
begin;
select pg_temp.remove_fixture() \gset
commit;

select * from finish();
