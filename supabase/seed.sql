-- Demo data for the local stack. Fixed ids so that tokens, tests and the README agree.
-- (The full HPC demo data for three institutions arrives with the HPC data model.)

insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
values
  ('00000000-0000-4000-a000-000000000001', 'authenticated', 'authenticated', 'admin@vidyaniketan.example', now(), '{"provider":"email"}', '{}'),
  ('00000000-0000-4000-a000-000000000002', 'authenticated', 'authenticated', 'meera.iyer@vidyaniketan.example', now(), '{"provider":"email"}', '{}'),
  ('00000000-0000-4000-a000-000000000003', 'authenticated', 'authenticated', 'aarav.sharma@vidyaniketan.example', now(), '{"provider":"email"}', '{}');

insert into public.user_profiles (id, full_name, email, role, employee_id, admission_number, current_standard, section, peer_group, gender, date_of_birth)
values
  ('00000000-0000-4000-a000-000000000001', 'Rajesh Kumar', 'admin@vidyaniketan.example', 'admin', 'VN-E-001', null, null, null, 'staff', 'male', '1978-04-12'),
  ('00000000-0000-4000-a000-000000000002', 'Meera Iyer', 'meera.iyer@vidyaniketan.example', 'teacher', 'VN-E-014', null, null, null, 'staff', 'female', '1986-09-03'),
  ('00000000-0000-4000-a000-000000000003', 'Aarav Sharma', 'aarav.sharma@vidyaniketan.example', 'student', null, 'VN-2019-0042', '4', 'A', 'primary', 'male', '2016-07-21');

insert into public.academic_terms (id, name, start_date, end_date)
values
  ('00000000-0000-4000-b000-000000000001', '2026-27 Term 1', '2026-04-01', '2026-09-30'),
  ('00000000-0000-4000-b000-000000000002', '2026-27 Term 2', '2026-10-01', '2027-03-31');

insert into public.courses (id, title, code)
values ('00000000-0000-4000-c000-000000000001', 'Mathematics', 'MATH-4');

-- cohorts.institution_id is an unchecked uuid in deployed BIG DAY (no institutions table yet).
insert into public.cohorts (id, institution_id, academic_term_id, grade)
values ('00000000-0000-4000-d000-000000000001', '11111111-0000-4000-8000-000000000001', '00000000-0000-4000-b000-000000000001', '4');

insert into public.sections (id, cohort_id, name)
values ('00000000-0000-4000-e000-000000000001', '00000000-0000-4000-d000-000000000001', '4-A');

insert into public.section_students (section_id, student_id)
values ('00000000-0000-4000-e000-000000000001', '00000000-0000-4000-a000-000000000003');

insert into public.section_courses (section_id, course_id, teacher_id, weekly_periods)
values ('00000000-0000-4000-e000-000000000001', '00000000-0000-4000-c000-000000000001', '00000000-0000-4000-a000-000000000002', 6);
