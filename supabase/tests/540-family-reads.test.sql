-- What a parent's and a student's pages read: "the card" after a reopen (the latest published
-- version, hpc_published_reports) and their class teacher (hpc_class_teachers()).
begin;
\ir support/tests-schema.sql
select plan(9);

-- Kavita Sharma (06) is the mother of Aarav (03, 4-A) and Anaya (09, 2-A). Anaya's Term 1
-- card was published, then reopened: version 2 is a draft.
select is(tests.rows_seen_by('00000000-0000-4000-a000-000000000006',
  $$select id from public.hpc_reports where student_id = '00000000-0000-4000-a000-000000000009' and is_current$$),
  '[]'::jsonb, 'after a reopen the current version is a draft the parent cannot see');
select is(tests.rows_seen_by('00000000-0000-4000-a000-000000000006',
  $$select version, status from public.hpc_published_reports where student_id = '00000000-0000-4000-a000-000000000009'$$),
  '[{"status": "published", "version": 1}]'::jsonb, 'hpc_published_reports gives her the published version');
select is(tests.rows_seen_by('00000000-0000-4000-a000-000000000004',
  $$select version from public.hpc_published_reports where student_id = '00000000-0000-4000-a000-000000000009'$$),
  '[{"version": 1}]'::jsonb, 'the principal gets the same card there (the draft stays in hpc_reports)');
select is(tests.rows_seen_by('00000000-0000-4000-a000-000000000006',
  $$select distinct student_id from public.hpc_published_reports$$),
  '[{"student_id": "00000000-0000-4000-a000-000000000009"}]'::jsonb,
  'only her children''s published cards (Aarav''s is still in review)');
select is(tests.rows_seen_by('00000000-0000-4000-a000-000000000015',
  $$select count(*) as n from public.hpc_published_reports where student_id = '00000000-0000-4000-a000-000000000009'$$),
  '[{"n": 0}]'::jsonb, 'another school''s parent sees none of it');

select is(tests.rows_seen_by('00000000-0000-4000-a000-000000000006',
  $$select student_name, class_teacher_name from public.hpc_class_teachers()$$),
  '[{"student_name": "Aarav Sharma", "class_teacher_name": "Meera Iyer"},
    {"student_name": "Anaya Sharma", "class_teacher_name": "Lakshmi Narayanan"}]'::jsonb,
  'a parent finds each child''s class teacher');
select is(tests.rows_seen_by('00000000-0000-4000-a000-000000000003',
  $$select student_name, class_teacher_name from public.hpc_class_teachers()$$),
  '[{"student_name": "Aarav Sharma", "class_teacher_name": "Meera Iyer"}]'::jsonb,
  'a student finds their own');
select is(
  (select array_agg(p.parameter_name::text order by p.ordinal_position) from information_schema.parameters as p
   join information_schema.routines as r on r.specific_schema = p.specific_schema and r.specific_name = p.specific_name
   where r.routine_schema = 'public' and r.routine_name = 'hpc_class_teachers' and p.parameter_mode = 'OUT'),
  array['student_id', 'student_name', 'section_id', 'section_name', 'class_teacher_id', 'class_teacher_name'],
  'names only: no e-mail, phone or other profile data');
select is(tests.rows_seen_by('00000000-0000-4000-a000-000000000024',
  $$select * from public.hpc_class_teachers()$$),
  '[]'::jsonb, 'nothing where the HPC is off');

select * from finish();
rollback;
