-- The rules the HPC tables enforce themselves: derived self-grid levels, level keys,
-- evidence paths, report versions and immutability, cycle status order, approval shapes,
-- no ranks in analytics, role consistency of people, parents without identifiers.
begin;
\ir support/tests-schema.sql
select plan(46);

-- Sunrise (institution 2), Middle stage: Ishaan Verma (7-A), term 2 cycle (open).
create temporary table t_ctx on commit drop as
select '10000000-0000-4000-8000-000000000002'::uuid as inst, md5('cycle:2:2')::uuid as cycle,
       '00000000-0000-4000-a000-000000000014'::uuid as student, md5('parameter:2:MS-MATH-AWA')::uuid as param,
       '00000000-0000-4000-a000-000000000013'::uuid as teacher;

-- Middle-stage self grid: the level is derived from the circled statements -----------------
insert into public.hpc_evaluations (id, institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, statements_circled, status)
select '60000000-0000-4000-8000-000000000001', inst, cycle, student, param, 'self', student, 4, 'submitted' from t_ctx;
select results_eq(
  $$select e.level_ordinal::int, r.label, e.submitted_at is not null from public.hpc_evaluations as e
    join public.hpc_rubrics as r on r.institution_id = e.institution_id and r.id = e.rubric_id
    where e.institution_id = '10000000-0000-4000-8000-000000000002' and e.id = '60000000-0000-4000-8000-000000000001'$$,
  $$values (2, 'Proficient', true)$$,
  '4 circled statements give Proficient (derived), and submitting stamps submitted_at');
update public.hpc_evaluations set statements_circled = 6, level_ordinal = 1
where institution_id = '10000000-0000-4000-8000-000000000002' and id = '60000000-0000-4000-8000-000000000001';
-- Values are read apart from their assertions: a statement that reads one school's rows goes
-- whole to that school's shard on Citus, pgTAP's is() with it. The refused inserts below are
-- VALUES, not INSERT … SELECT from t_ctx: Citus runs the latter through the coordinator,
-- and a constraint a worker refuses comes back as XX000 instead of its own SQLSTATE.
select level_ordinal::int as level from public.hpc_evaluations
where institution_id = '10000000-0000-4000-8000-000000000002' and id = '60000000-0000-4000-8000-000000000001' \gset
select is(:'level'::int, 3, '6 circled statements give Advanced even when another level is typed');
update public.hpc_evaluations set statements_circled = 2
where institution_id = '10000000-0000-4000-8000-000000000002' and id = '60000000-0000-4000-8000-000000000001';
select level_ordinal::int as level from public.hpc_evaluations
where institution_id = '10000000-0000-4000-8000-000000000002' and id = '60000000-0000-4000-8000-000000000001' \gset
select is(:'level'::int, 1, '2 circled statements give Beginner');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, statements_circled)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, '00000000-0000-4000-a000-000000000014', md5('parameter:2:MS-MATH-AWA')::uuid, 'teacher', '00000000-0000-4000-a000-000000000013', 3)$$,
  '23514', null, 'only the self rater circles statements');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, statements_circled)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, '00000000-0000-4000-a000-000000000014', md5('parameter:2:MS-MATH-AWA')::uuid, 'self', '00000000-0000-4000-a000-000000000014', 7)$$,
  '23514', null, 'at most 6 statements can be circled');

-- Typed levels resolve to the parameter's scale; keys and rater rules hold -----------------
insert into public.hpc_evaluations (id, institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
select '60000000-0000-4000-8000-000000000002', inst, cycle, student, param, 'teacher', teacher, 3 from t_ctx;
select r.scale_code || ':' || r.label as level_row from public.hpc_evaluations as e
join public.hpc_rubrics as r on r.institution_id = e.institution_id and r.id = e.rubric_id
where e.institution_id = '10000000-0000-4000-8000-000000000002' and e.id = '60000000-0000-4000-8000-000000000002' \gset
select is(:'level_row'::text, 'middle:Advanced', 'a typed level is linked to the level row of the parameter''s scale');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, '00000000-0000-4000-a000-000000000014', md5('parameter:2:MS-MATH-AWA')::uuid, 'teacher', '00000000-0000-4000-a000-000000000013', 2)$$,
  '23505', null, 'one rating per (cycle, student, parameter, rater role, rater)');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, '00000000-0000-4000-a000-000000000014', md5('parameter:2:MS-MATH-AWA')::uuid, 'parent', '00000000-0000-4000-a000-000000000013', 5)$$,
  '23514', null, 'a level outside the scale is refused');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, rubric_id, level_ordinal)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, '00000000-0000-4000-a000-000000000014', md5('parameter:2:MS-MATH-AWA')::uuid, 'parent', '00000000-0000-4000-a000-000000000015', md5('rubric:2:middle:1')::uuid, 3)$$,
  '23503', null, 'the stored ordinal must be the ordinal of the named level row');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, '00000000-0000-4000-a000-000000000014', md5('parameter:2:MS-MATH-AWA')::uuid, 'self', '00000000-0000-4000-a000-000000000013')$$,
  '23514', null, 'a self rating is by the student');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, '00000000-0000-4000-a000-000000000014', md5('parameter:2:MS-MATH-AWA')::uuid, 'peer', '00000000-0000-4000-a000-000000000014')$$,
  '23514', null, 'a student cannot be their own peer rater');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, status, submitted_at)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, '00000000-0000-4000-a000-000000000014', md5('parameter:2:MS-MATH-AWA')::uuid, 'parent', '00000000-0000-4000-a000-000000000015', 'submitted', now())$$,
  '23514', null, 'a submitted rating has a level');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, evidence_paths)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, '00000000-0000-4000-a000-000000000014', md5('parameter:2:MS-MATH-AWA')::uuid, 'parent', '00000000-0000-4000-a000-000000000015',
           array['10000000-0000-4000-8000-000000000001/00000000-0000-4000-a000-000000000014/photo.jpg'])$$,
  '23514', null, 'evidence must live under <institution_id>/<student_id>/');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, evidence_paths)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, '00000000-0000-4000-a000-000000000014', md5('parameter:2:MS-MATH-AWA')::uuid, 'parent', '00000000-0000-4000-a000-000000000015',
           array['10000000-0000-4000-8000-000000000002/00000000-0000-4000-a000-000000000014/../other/photo.jpg'])$$,
  '23514', null, 'evidence paths cannot climb out with ..');
select lives_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, evidence_paths)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, '00000000-0000-4000-a000-000000000014', md5('parameter:2:MS-MATH-AWA')::uuid, 'parent', '00000000-0000-4000-a000-000000000015',
           array['10000000-0000-4000-8000-000000000002/00000000-0000-4000-a000-000000000014/term-2/kite.jpg'])$$,
  'a parent draft with evidence under the student''s folder is accepted');

-- Reports: one current version, versions chain, published is immutable ---------------------
select throws_ok(
  $$insert into public.hpc_reports (institution_id, cycle_id, student_id, version)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:1')::uuid, '00000000-0000-4000-a000-000000000014', 2)$$,
  '23514', null, 'a second version must name the version it supersedes and why');
select throws_ok(
  $$insert into public.hpc_reports (institution_id, cycle_id, student_id, version, supersedes_id, reopen_reason)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:1')::uuid, '00000000-0000-4000-a000-000000000014', 2,
            md5('report:1:00000000-0000-4000-a000-000000000014')::uuid, 'typo')$$,
  '23505', null, 'only one current version per student and cycle');
select throws_ok(
  $$update public.hpc_reports set content = '{"tampered": true}'
    where institution_id = '10000000-0000-4000-8000-000000000002' and id = md5('report:1:00000000-0000-4000-a000-000000000014')::uuid$$,
  '55000', null, 'a published report cannot be edited');
select throws_ok(
  $$delete from public.hpc_reports
    where institution_id = '10000000-0000-4000-8000-000000000002' and id = md5('report:1:00000000-0000-4000-a000-000000000014')::uuid$$,
  '55000', null, 'a published report cannot be deleted');
select lives_ok(
  $$update public.hpc_reports set is_current = false
    where institution_id = '10000000-0000-4000-8000-000000000002' and id = md5('report:1:00000000-0000-4000-a000-000000000014')::uuid;
    insert into public.hpc_reports (institution_id, cycle_id, student_id, version, supersedes_id, reopen_reason)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:1')::uuid, '00000000-0000-4000-a000-000000000014', 2,
            md5('report:1:00000000-0000-4000-a000-000000000014')::uuid, 'Wrong Skill Education level')$$,
  'a reopen retires the published version and starts version 2');
select throws_ok(
  $$update public.hpc_reports set is_current = true
    where institution_id = '10000000-0000-4000-8000-000000000002' and id = md5('report:1:00000000-0000-4000-a000-000000000014')::uuid$$,
  '55000', null, 'a retired published version cannot become current again');
select results_eq(
  $$with u as (update public.hpc_reports set content = '{"draft": 1}'
               where institution_id = '10000000-0000-4000-8000-000000000002' and student_id = '00000000-0000-4000-a000-000000000014'
                 and version = 2 and lock_version = 0
               returning lock_version)
    select lock_version from u$$,
  $$values (1::bigint)$$,
  'an update with the expected lock_version succeeds and bumps it');
select is_empty(
  $$update public.hpc_reports set content = '{"draft": 2}'
    where institution_id = '10000000-0000-4000-8000-000000000002' and student_id = '00000000-0000-4000-a000-000000000014'
      and version = 2 and lock_version = 0
    returning id$$,
  'a stale lock_version updates nothing (optimistic concurrency)');
select throws_ok(
  $$update public.hpc_reports set status = 'published'
    where institution_id = '10000000-0000-4000-8000-000000000002' and student_id = '00000000-0000-4000-a000-000000000014' and version = 2$$,
  '23514', null, 'published needs published_at and a content hash');
select throws_ok(
  $$update public.hpc_reports set status = 'released'
    where institution_id = '10000000-0000-4000-8000-000000000002' and student_id = '00000000-0000-4000-a000-000000000014' and version = 2$$,
  '22P02', 'invalid input value for enum hpc_report_status: "released"', 'report status is one of the six workflow states');

-- Cycles move forward only ----------------------------------------------------------------
select throws_ok(
  $$update public.hpc_evaluation_cycles set status = 'archived' where institution_id = '10000000-0000-4000-8000-000000000002' and id = md5('cycle:2:2')::uuid$$,
  '23514', null, 'an open cycle cannot jump to archived');
select lives_ok(
  $$update public.hpc_evaluation_cycles set status = 'closed' where institution_id = '10000000-0000-4000-8000-000000000002' and id = md5('cycle:2:2')::uuid;
    update public.hpc_evaluation_cycles set status = 'locked' where institution_id = '10000000-0000-4000-8000-000000000002' and id = md5('cycle:2:2')::uuid$$,
  'open → closed → locked is allowed');
select throws_ok(
  $$update public.hpc_evaluation_cycles set status = 'open' where institution_id = '10000000-0000-4000-8000-000000000002' and id = md5('cycle:2:2')::uuid$$,
  '23514', null, 'a locked cycle cannot reopen');

-- Approval workflow shapes ------------------------------------------------------------------
select throws_ok(
  $$insert into public.hpc_approval_workflows (institution_id, kind, step_order, approver_duty, report_id, round, decision)
    values ('10000000-0000-4000-8000-000000000002', 'chain', 4, 'principal', md5('report:1:00000000-0000-4000-a000-000000000014')::uuid, 1, 'pending')$$,
  '23514', null, 'a chain row carries no report or decision');
select throws_ok(
  $$insert into public.hpc_approval_workflows (institution_id, kind, step_order, approver_duty, report_id, round, decision, decided_by, decided_role, decided_at)
    values ('10000000-0000-4000-8000-000000000002', 'step', 2, 'coordinator', md5('report:1:00000000-0000-4000-a000-000000000014')::uuid, 2,
            'changes_requested', '00000000-0000-4000-a000-000000000012', 'coordinator', now())$$,
  '23514', null, 'asking for changes needs a comment');
select throws_ok(
  $$insert into public.hpc_approval_workflows (institution_id, kind, step_order, approver_duty, report_id, round, decision)
    values ('10000000-0000-4000-8000-000000000002', 'step', 2, 'coordinator', md5('report:1:00000000-0000-4000-a000-000000000014')::uuid, 2, 'approved')$$,
  '23514', null, 'a decision records who decided and when');
select throws_ok(
  $$insert into public.hpc_approval_workflows (institution_id, kind, stage, step_order, approver_duty)
    values ('10000000-0000-4000-8000-000000000002', 'chain', null, 2, 'principal')$$,
  '23505', null, 'a chain has one row per step and version');

-- Analytics never rank ---------------------------------------------------------------------
select throws_ok(
  $$insert into public.hpc_analytics (institution_id, cycle_id, scope, scope_key, metric, value)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:1')::uuid, 'institution', '', 'top_students',
            '{"rank": [1, 2, 3]}')$$,
  '23514', null, 'an aggregate cannot carry ranks');

-- People ----------------------------------------------------------------------------------
insert into auth.users (id, aud, role, email)
values ('60000000-0000-4000-8000-000000000010', 'authenticated', 'authenticated', 'sunil.verma@parents.sunrise.example');
select lives_ok(
  $$insert into public.user_profiles (id, institution_id, full_name, email, role)
    values ('60000000-0000-4000-8000-000000000010', '10000000-0000-4000-8000-000000000002', 'Sunil Verma', 'sunil.verma@parents.sunrise.example', 'parent')$$,
  'a parent account needs neither admission number nor employee id');
select throws_ok(
  $$insert into public.user_profiles (institution_id, full_name, email, role)
    values ('10000000-0000-4000-8000-000000000002', 'No Id', 'no.id@sunrise.example', 'teacher')$$,
  '23514', null, 'a teacher still needs an employee id');
select throws_ok(
  $$insert into public.user_profiles (institution_id, full_name, email, role, employee_id)
    values ('10000000-0000-4000-8000-000000000002', 'Head', 'head@sunrise.example', 'principal', 'SR-E-999')$$,
  '23514', null, 'roles stay student, teacher, admin, staff, parent (principal is a duty)');
select lives_ok(
  $$insert into public.student_guardians (institution_id, student_id, guardian_id, relationship)
    values ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000014', '60000000-0000-4000-8000-000000000010', 'father')$$,
  'a second guardian can be linked');
select throws_ok(
  $$insert into public.student_guardians (institution_id, student_id, guardian_id, relationship, is_primary)
    values ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000014', '00000000-0000-4000-a000-000000000013', 'guardian', false)$$,
  '23514', null, 'a guardian must be a parent account');
select throws_ok(
  $$update public.student_guardians set is_primary = true
    where institution_id = '10000000-0000-4000-8000-000000000002' and guardian_id = '60000000-0000-4000-8000-000000000010'$$,
  '23505', null, 'a student has one primary guardian');
select throws_ok(
  $$insert into public.staff_duties (institution_id, user_id, duty)
    values ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000013', 'class_teacher')$$,
  '23514', null, 'a class teacher duty names a section');
select throws_ok(
  $$insert into public.staff_duties (institution_id, user_id, duty)
    values ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000015', 'principal')$$,
  '23514', null, 'a parent cannot hold a staff duty');
select throws_ok(
  $$insert into public.staff_duties (institution_id, user_id, duty, section_id)
    values ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000012', 'class_teacher', md5('section:2:7')::uuid)$$,
  '23505', null, 'a section has one active class teacher');

-- Reflections and conversations ------------------------------------------------------------
select throws_ok(
  $$insert into public.hpc_reflections (institution_id, student_id, cycle_id, kind, author_id, author_role)
    values ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000014', md5('cycle:2:2')::uuid,
            'ambition_review', '00000000-0000-4000-a000-000000000014', 'self')$$,
  '23514', null, 'an Ambition Card review names its goal');
select throws_ok(
  $$insert into public.hpc_reflections (institution_id, student_id, cycle_id, kind, author_id, author_role)
    values ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000014', md5('cycle:2:2')::uuid,
            'parent_partnership', '00000000-0000-4000-a000-000000000014', 'self')$$,
  '23514', null, 'the Partnership card is written by a parent');
insert into public.hpc_conversations (id, institution_id, student_id, author_id, author_role, subject, body)
values ('60000000-0000-4000-8000-000000000020', '10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000014',
        '00000000-0000-4000-a000-000000000015', 'parent', 'Sports day', 'Will there be a relay for grade 7?');
select thread_id from public.hpc_conversations
where institution_id = '10000000-0000-4000-8000-000000000002' and id = '60000000-0000-4000-8000-000000000020' \gset
select is(:'thread_id'::uuid, '60000000-0000-4000-8000-000000000020'::uuid, 'a message without a thread starts one');
select throws_ok(
  $$insert into public.hpc_conversations (institution_id, thread_id, student_id, author_id, author_role, subject, body)
    values ('10000000-0000-4000-8000-000000000002', '60000000-0000-4000-8000-000000000020', '00000000-0000-4000-a000-000000000014',
            '00000000-0000-4000-a000-000000000013', 'teacher', 'Re: Sports day', 'Yes')$$,
  '23514', null, 'only the thread root has a subject');

select * from finish();
rollback;
