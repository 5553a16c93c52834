-- The report fixture: two institutions with HPC on, a Middle-stage class (grade 7, two
-- sections), every staff duty, students, a parent, ratings that leave gaps on purpose.
-- Every id and unique text carries the token a5a5a5a5 so that the vitest suite can load the
-- same fixture again under a fresh token (tests/functions/support/fixture.ts).
--
-- ids: a5a5a5a5-0005-4000-80TT-0000000000NN, TT = 01 institutions, 02 users, 03 terms /
-- cohorts / sections / courses, 04 cycles, 05 parameters.
insert into public.institutions (id, name, slug) values
  ('a5a5a5a5-0005-4000-8001-000000000001', 'Vidya Niketan (test a5a5a5a5)', 'vn-a5a5a5a5'),
  ('a5a5a5a5-0005-4000-8001-000000000002', 'Other School (test a5a5a5a5)', 'other-a5a5a5a5');
insert into public.institution_feature_flags (institution_id, feature, enabled) values
  ('a5a5a5a5-0005-4000-8001-000000000001', 'hpc', true),
  ('a5a5a5a5-0005-4000-8001-000000000002', 'hpc', true);

insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
select u.id::uuid, 'authenticated', 'authenticated', u.email, now(), '{"provider":"email"}', '{}'
from (values
  ('a5a5a5a5-0005-4000-8002-000000000001', 'principal.a5a5a5a5@t5.example'),
  ('a5a5a5a5-0005-4000-8002-000000000002', 'coordinator.a5a5a5a5@t5.example'),
  ('a5a5a5a5-0005-4000-8002-000000000003', 'classteacher.a5a5a5a5@t5.example'),
  ('a5a5a5a5-0005-4000-8002-000000000004', 'subjectteacher.a5a5a5a5@t5.example'),
  ('a5a5a5a5-0005-4000-8002-000000000005', 'classteacher2.a5a5a5a5@t5.example'),
  ('a5a5a5a5-0005-4000-8002-000000000006', 'admin.a5a5a5a5@t5.example'),
  ('a5a5a5a5-0005-4000-8002-000000000007', 'ananya.a5a5a5a5@t5.example'),
  ('a5a5a5a5-0005-4000-8002-000000000008', 'kabir.a5a5a5a5@t5.example'),
  ('a5a5a5a5-0005-4000-8002-000000000009', 'diya.a5a5a5a5@t5.example'),
  ('a5a5a5a5-0005-4000-8002-000000000010', 'parent.a5a5a5a5@t5.example'),
  ('a5a5a5a5-0005-4000-8002-000000000011', 'teacher.a5a5a5a5@t5.example'),
  ('a5a5a5a5-0005-4000-8002-000000000021', 'principal2.a5a5a5a5@t5.example')
) as u (id, email);

insert into public.user_profiles
  (id, institution_id, full_name, email, role, employee_id, admission_number, current_standard, section, peer_group, gender, date_of_birth)
values
  ('a5a5a5a5-0005-4000-8002-000000000001', 'a5a5a5a5-0005-4000-8001-000000000001', 'Sunita Rao', 'principal.a5a5a5a5@t5.example', 'teacher', 'E-a5a5a5a5-01', null, null, null, 'staff', 'female', '1972-01-05'),
  ('a5a5a5a5-0005-4000-8002-000000000002', 'a5a5a5a5-0005-4000-8001-000000000001', 'Arjun Mehta', 'coordinator.a5a5a5a5@t5.example', 'teacher', 'E-a5a5a5a5-02', null, null, null, 'staff', 'male', '1980-03-11'),
  ('a5a5a5a5-0005-4000-8002-000000000003', 'a5a5a5a5-0005-4000-8001-000000000001', 'Meera Iyer', 'classteacher.a5a5a5a5@t5.example', 'teacher', 'E-a5a5a5a5-03', null, null, null, 'staff', 'female', '1986-09-03'),
  ('a5a5a5a5-0005-4000-8002-000000000004', 'a5a5a5a5-0005-4000-8001-000000000001', 'Farhan Ali', 'subjectteacher.a5a5a5a5@t5.example', 'teacher', 'E-a5a5a5a5-04', null, null, null, 'staff', 'male', '1990-06-20'),
  ('a5a5a5a5-0005-4000-8002-000000000005', 'a5a5a5a5-0005-4000-8001-000000000001', 'Lakshmi Nair', 'classteacher2.a5a5a5a5@t5.example', 'teacher', 'E-a5a5a5a5-05', null, null, null, 'staff', 'female', '1984-12-01'),
  ('a5a5a5a5-0005-4000-8002-000000000006', 'a5a5a5a5-0005-4000-8001-000000000001', 'Rajesh Kumar', 'admin.a5a5a5a5@t5.example', 'admin', 'E-a5a5a5a5-06', null, null, null, 'staff', 'male', '1978-04-12'),
  ('a5a5a5a5-0005-4000-8002-000000000007', 'a5a5a5a5-0005-4000-8001-000000000001', 'Ananya Gupta', 'ananya.a5a5a5a5@t5.example', 'student', null, 'A-a5a5a5a5-07', '7', 'A', 'secondary', 'female', '2013-08-14'),
  ('a5a5a5a5-0005-4000-8002-000000000008', 'a5a5a5a5-0005-4000-8001-000000000001', 'Kabir Singh', 'kabir.a5a5a5a5@t5.example', 'student', null, 'A-a5a5a5a5-08', '7', 'A', 'secondary', 'male', '2013-02-02'),
  ('a5a5a5a5-0005-4000-8002-000000000009', 'a5a5a5a5-0005-4000-8001-000000000001', 'Diya Patel', 'diya.a5a5a5a5@t5.example', 'student', null, 'A-a5a5a5a5-09', '7', 'B', 'secondary', 'female', '2013-05-30'),
  ('a5a5a5a5-0005-4000-8002-000000000010', 'a5a5a5a5-0005-4000-8001-000000000001', 'Pooja Gupta', 'parent.a5a5a5a5@t5.example', 'parent', null, null, null, null, null, 'female', '1982-10-10'),
  ('a5a5a5a5-0005-4000-8002-000000000011', 'a5a5a5a5-0005-4000-8001-000000000001', 'Vikram Joshi', 'teacher.a5a5a5a5@t5.example', 'teacher', 'E-a5a5a5a5-11', null, null, null, 'staff', 'male', '1988-07-07'),
  ('a5a5a5a5-0005-4000-8002-000000000021', 'a5a5a5a5-0005-4000-8001-000000000002', 'Other Principal', 'principal2.a5a5a5a5@t5.example', 'teacher', 'E-a5a5a5a5-21', null, null, null, 'staff', 'male', '1970-02-02');

insert into public.student_guardians (institution_id, student_id, guardian_id, relationship, is_primary) values
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8002-000000000007', 'a5a5a5a5-0005-4000-8002-000000000010', 'mother', true);

insert into public.academic_terms (id, institution_id, name, start_date, end_date) values
  ('a5a5a5a5-0005-4000-8003-000000000001', 'a5a5a5a5-0005-4000-8001-000000000001', '2026-27 Term 1 (a5a5a5a5)', '2026-04-01', '2026-09-30'),
  ('a5a5a5a5-0005-4000-8003-000000000002', 'a5a5a5a5-0005-4000-8001-000000000001', '2026-27 Term 2 (a5a5a5a5)', '2026-10-01', '2027-03-31'),
  ('a5a5a5a5-0005-4000-8003-000000000003', 'a5a5a5a5-0005-4000-8001-000000000002', '2026-27 Term 1 (a5a5a5a5 other)', '2026-04-01', '2026-09-30');
insert into public.courses (id, institution_id, title, code) values
  ('a5a5a5a5-0005-4000-8003-000000000011', 'a5a5a5a5-0005-4000-8001-000000000001', 'Mathematics', 'MATH-7-a5a5a5a5');
insert into public.cohorts (id, institution_id, academic_term_id, grade, stream) values
  ('a5a5a5a5-0005-4000-8003-000000000021', 'a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8003-000000000001', '7', 'General');
insert into public.sections (id, institution_id, cohort_id, name) values
  ('a5a5a5a5-0005-4000-8003-000000000031', 'a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8003-000000000021', '7-A'),
  ('a5a5a5a5-0005-4000-8003-000000000032', 'a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8003-000000000021', '7-B');
insert into public.section_students (institution_id, section_id, student_id) values
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8003-000000000031', 'a5a5a5a5-0005-4000-8002-000000000007'),
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8003-000000000031', 'a5a5a5a5-0005-4000-8002-000000000008'),
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8003-000000000032', 'a5a5a5a5-0005-4000-8002-000000000009');

insert into public.staff_duties (institution_id, user_id, duty, section_id, course_id, stage) values
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8002-000000000001', 'principal', null, null, null),
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8002-000000000002', 'coordinator', null, null, 'middle'),
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8002-000000000003', 'class_teacher', 'a5a5a5a5-0005-4000-8003-000000000031', null, null),
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8002-000000000004', 'subject_teacher', 'a5a5a5a5-0005-4000-8003-000000000031', 'a5a5a5a5-0005-4000-8003-000000000011', null),
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8002-000000000005', 'class_teacher', 'a5a5a5a5-0005-4000-8003-000000000032', null, null),
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8002-000000000006', 'institution_admin', null, null, null),
  ('a5a5a5a5-0005-4000-8001-000000000002', 'a5a5a5a5-0005-4000-8002-000000000021', 'principal', null, null, null);

insert into public.hpc_evaluation_cycles (id, institution_id, academic_term_id, name, term_number, opens_on, closes_on, status) values
  ('a5a5a5a5-0005-4000-8004-000000000001', 'a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8003-000000000001', 'Term 1 HPC', 1, '2026-08-01', '2026-09-15', 'open'),
  ('a5a5a5a5-0005-4000-8004-000000000002', 'a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8003-000000000002', 'Term 2 HPC', 2, '2027-02-01', '2027-03-15', 'planned'),
  ('a5a5a5a5-0005-4000-8004-000000000003', 'a5a5a5a5-0005-4000-8001-000000000002', 'a5a5a5a5-0005-4000-8003-000000000003', 'Term 1 HPC', 1, '2026-08-01', '2026-09-15', 'open');

insert into public.hpc_parameters (id, institution_id, stage, grade_band, grades, area, area_code, ability, code, name, scale_code, sort_order) values
  ('a5a5a5a5-0005-4000-8005-000000000001', 'a5a5a5a5-0005-4000-8001-000000000001', 'middle', '6-8', '{6,7,8}', 'Language R1 (English)', 'LANG-R1', 'awareness', 'M-LR1-AW', 'Reads and understands a range of texts', 'three-level', 10),
  ('a5a5a5a5-0005-4000-8005-000000000002', 'a5a5a5a5-0005-4000-8001-000000000001', 'middle', '6-8', '{6,7,8}', 'Language R1 (English)', 'LANG-R1', 'sensitivity', 'M-LR1-SE', 'Listens to and respects other voices', 'three-level', 20),
  ('a5a5a5a5-0005-4000-8005-000000000003', 'a5a5a5a5-0005-4000-8001-000000000001', 'middle', '6-8', '{6,7,8}', 'Mathematics', 'MATH', 'creativity', 'M-MATH-CR', 'Finds more than one way to solve a problem', 'three-level', 30);
insert into public.hpc_rubrics (institution_id, stage, scale_code, ordinal, label, descriptor, icon, self_statements_min, self_statements_max) values
  ('a5a5a5a5-0005-4000-8001-000000000001', 'middle', 'three-level', 1, 'Beginner', 'with a lot of support', 'stream', 0, 2),
  ('a5a5a5a5-0005-4000-8001-000000000001', 'middle', 'three-level', 2, 'Proficient', 'with some support', 'mountain', 3, 4),
  ('a5a5a5a5-0005-4000-8001-000000000001', 'middle', 'three-level', 3, 'Advanced', 'on their own', 'sky', 5, 6);

insert into public.hpc_parameter_assignments (institution_id, cycle_id, parameter_id, section_id, course_id, teacher_id)
select 'a5a5a5a5-0005-4000-8001-000000000001', c.id, p.id::uuid, s.id::uuid, null, 'a5a5a5a5-0005-4000-8002-000000000004'
from (values ('a5a5a5a5-0005-4000-8005-000000000001'), ('a5a5a5a5-0005-4000-8005-000000000002'), ('a5a5a5a5-0005-4000-8005-000000000003')) as p (id)
cross join (values ('a5a5a5a5-0005-4000-8003-000000000031'), ('a5a5a5a5-0005-4000-8003-000000000032')) as s (id)
cross join (values ('a5a5a5a5-0005-4000-8004-000000000001'::uuid), ('a5a5a5a5-0005-4000-8004-000000000002'::uuid)) as c (id);
-- Kabir reviews Ananya (peer)
insert into public.hpc_parameter_assignments (institution_id, cycle_id, parameter_id, section_id, rater_roles, student_id, peer_reviewer_id) values
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8004-000000000001', null, 'a5a5a5a5-0005-4000-8003-000000000031', '{peer}',
   'a5a5a5a5-0005-4000-8002-000000000007', 'a5a5a5a5-0005-4000-8002-000000000008');

-- Ananya, Term 1: M-LR1-AW teacher Advanced, self 1 statement (Beginner: a gap of two),
-- parent Proficient, peer missing; M-LR1-SE complete; M-MATH-CR teacher only.
insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal, statements_circled, observation, status, submitted_at)
select 'a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8004-000000000001', 'a5a5a5a5-0005-4000-8002-000000000007',
       e.parameter_id::uuid, e.rater_role, e.rater_id::uuid, e.level_ordinal, e.statements, e.observation, 'submitted', '2026-09-01 10:00+05:30'
from (values
  ('a5a5a5a5-0005-4000-8005-000000000001', 'teacher', 'a5a5a5a5-0005-4000-8002-000000000004', 3, null::bigint, 'Reads fluently and summarises chapters in her own words.'),
  ('a5a5a5a5-0005-4000-8005-000000000001', 'self', 'a5a5a5a5-0005-4000-8002-000000000007', null, 1, null),
  ('a5a5a5a5-0005-4000-8005-000000000001', 'parent', 'a5a5a5a5-0005-4000-8002-000000000010', 2, null, null),
  ('a5a5a5a5-0005-4000-8005-000000000002', 'teacher', 'a5a5a5a5-0005-4000-8002-000000000004', 2, null, 'Waits for her turn and builds on classmates'' ideas.'),
  ('a5a5a5a5-0005-4000-8005-000000000002', 'self', 'a5a5a5a5-0005-4000-8002-000000000007', null, 4, null),
  ('a5a5a5a5-0005-4000-8005-000000000002', 'peer', 'a5a5a5a5-0005-4000-8002-000000000008', 2, null, null),
  ('a5a5a5a5-0005-4000-8005-000000000002', 'parent', 'a5a5a5a5-0005-4000-8002-000000000010', 2, null, null),
  ('a5a5a5a5-0005-4000-8005-000000000003', 'teacher', 'a5a5a5a5-0005-4000-8002-000000000004', 1, null, null)
) as e (parameter_id, rater_role, rater_id, level_ordinal, statements, observation);

insert into public.report_narratives (institution_id, cycle_id, student_id, author_id, summary, strengths, barriers) values
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8004-000000000001', 'a5a5a5a5-0005-4000-8002-000000000007',
   'a5a5a5a5-0005-4000-8002-000000000003', 'Ananya is a curious reader who asks thoughtful questions. अनन्या पढ़ने में रुचि रखती है।',
   'Reading, collaboration', 'Hesitates to try new methods in mathematics');
insert into public.hpc_achievements (institution_id, student_id, cycle_id, title, category, level, achieved_on) values
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8002-000000000007', 'a5a5a5a5-0005-4000-8004-000000000001',
   'Inter-school quiz, second place', 'academic', 'inter_school', '2026-08-20');
insert into public.hpc_reflections (institution_id, student_id, cycle_id, kind, author_id, author_role, content, body, status, submitted_at) values
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8002-000000000007', 'a5a5a5a5-0005-4000-8004-000000000001', 'all_about_me',
   'a5a5a5a5-0005-4000-8002-000000000007', 'self', '{"mother_tongue": "Hindi", "interests": ["reading", "badminton"], "i_want_to_be": "astronomer"}', null, 'submitted', '2026-08-05'),
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8002-000000000007', 'a5a5a5a5-0005-4000-8004-000000000001', 'ambition_goal',
   'a5a5a5a5-0005-4000-8002-000000000007', 'self', '{}', 'Read one book every month', 'submitted', '2026-08-05'),
  ('a5a5a5a5-0005-4000-8001-000000000001', 'a5a5a5a5-0005-4000-8002-000000000007', 'a5a5a5a5-0005-4000-8004-000000000001', 'parent_partnership',
   'a5a5a5a5-0005-4000-8002-000000000010', 'parent', '{"homework": "regular", "screen_time": "about an hour"}', 'She enjoys reading aloud to her brother.', 'submitted', '2026-09-02');
