-- The composite (institution_id, id) keys refuse a row of one school that points at a
-- person, cycle, section, parameter or report of another; within one school it is accepted.
begin;
\ir support/tests-schema.sql
select plan(10);

-- Vidya Niketan (institution 1) rows pointing at Sunrise (institution 2) people and cycles.
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
    values ('10000000-0000-4000-8000-000000000001', md5('cycle:1:1')::uuid,
            '00000000-0000-4000-a000-000000000014', md5('parameter:1:PR-MATH-AWA')::uuid,
            'teacher', '00000000-0000-4000-a000-000000000002')$$,
  '23503', null, 'an evaluation cannot name a student of another institution');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
    values ('10000000-0000-4000-8000-000000000001', md5('cycle:2:1')::uuid,
            '00000000-0000-4000-a000-000000000003', md5('parameter:1:PR-MATH-AWA')::uuid,
            'teacher', '00000000-0000-4000-a000-000000000002')$$,
  '23503', null, 'an evaluation cannot belong to a cycle of another institution');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
    values ('10000000-0000-4000-8000-000000000001', md5('cycle:1:1')::uuid,
            '00000000-0000-4000-a000-000000000003', md5('parameter:1:PR-MATH-AWA')::uuid,
            'teacher', '00000000-0000-4000-a000-000000000013')$$,
  '23503', null, 'a teacher of another institution cannot rate');
select throws_ok(
  $$insert into public.hpc_reports (institution_id, cycle_id, student_id, version, is_current)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:1')::uuid, '00000000-0000-4000-a000-000000000003', 1, false)$$,
  '23503', null, 'a report cannot be written for a student of another institution');
select throws_ok(
  $$insert into public.student_guardians (institution_id, student_id, guardian_id, relationship)
    values ('10000000-0000-4000-8000-000000000001', '00000000-0000-4000-a000-000000000003',
            '00000000-0000-4000-a000-000000000015', 'guardian')$$,
  '23503', null, 'a parent of another institution cannot be linked as guardian');
select throws_ok(
  $$insert into public.staff_duties (institution_id, user_id, duty, section_id)
    values ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000013', 'class_teacher', md5('section:1:3')::uuid)$$,
  '23503', null, 'a duty cannot point at a section of another institution');
select throws_ok(
  $$insert into public.hpc_parameter_assignments (institution_id, cycle_id, parameter_id, section_id)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, md5('parameter:1:PR-MATH-AWA')::uuid, md5('section:2:4')::uuid)$$,
  '23503', null, 'an assignment cannot use a parameter of another institution');
select throws_ok(
  $$insert into public.hpc_conversations (institution_id, student_id, report_id, author_id, author_role, subject, body)
    values ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000014',
            md5('report:1:00000000-0000-4000-a000-000000000003')::uuid, '00000000-0000-4000-a000-000000000015', 'parent', 'x', 'y')$$,
  '23503', null, 'a conversation cannot reference a report of another institution');
select throws_ok(
  $$insert into public.section_students (institution_id, section_id, student_id)
    values ('10000000-0000-4000-8000-000000000001', md5('section:2:7')::uuid, '00000000-0000-4000-a000-000000000003')$$,
  '23503', null, 'BIG DAY class structure: a student cannot be placed in a section of another institution');
select lives_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
    values ('10000000-0000-4000-8000-000000000001', md5('cycle:1:2')::uuid,
            '00000000-0000-4000-a000-000000000003', md5('parameter:1:PR-MATH-AWA')::uuid,
            'teacher', '00000000-0000-4000-a000-000000000002')$$,
  'the same evaluation within one institution is accepted');

select * from finish();
rollback;
