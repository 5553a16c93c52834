-- Demo data for the local stack (issue 3 §8). Deterministic: fixed ids for the demo users,
-- md5-derived ids for everything generated, no random(). Loads in a few seconds.
--
-- Three institutions (a pilot rollout of the HPC):
--   Vidya Niketan Primary School        grades 1–5 (Foundational + Preparatory)  HPC on
--   Sunrise Public School               grades 1–8 (up to Middle)                HPC on
--   Greenfield Senior Secondary School  grades 1–12                              HPC off
-- One academic year 2026-27 of two terms; HPC cycle Term 1 closed (all four raters'
-- evaluations in, reports in every workflow state), Term 2 open.
--
-- Demo users (auth.users + user_profiles, same id and e-mail; `npm start` prints a token
-- for each). Everyone else (bulk students, parents, teachers) has a profile but no login.
--   ...0001 Rajesh Kumar        admin   Vidya Niketan  institution_admin
--   ...0002 Meera Iyer          teacher Vidya Niketan  class teacher 4-A
--   ...0003 Aarav Sharma        student Vidya Niketan  grade 4-A
--   ...0004 Sunita Deshpande    admin   Vidya Niketan  principal
--   ...0005 Farhan Qureshi      teacher Vidya Niketan  coordinator (all stages)
--   ...0006 Kavita Sharma       parent  Vidya Niketan  mother of Aarav (4-A) and Anaya (2-A)
--   ...0007 Lakshmi Narayanan   teacher Vidya Niketan  class teacher 2-A
--   ...0009 Anaya Sharma        student Vidya Niketan  grade 2-A
--   ...0011 Harpreet Kaur       admin   Sunrise        principal
--   ...0012 Joseph D'Souza      teacher Sunrise        coordinator (middle stage; grade 2's class teacher
--                                                     coordinates Foundational and Preparatory)
--   ...0013 Priya Menon         teacher Sunrise        class teacher 7-A, maths 6-A and 8-A
--   ...0014 Ishaan Verma        student Sunrise        grade 7-A
--   ...0015 Neha Verma          parent  Sunrise        mother of Ishaan
--   ...0016 Vikram Rao          admin   Sunrise        institution_admin
--   ...0021 Anjali Banerjee     admin   Greenfield     principal
--   ...0022 Suresh Patil        teacher Greenfield     class teacher 10-A
--   ...0023 Diya Reddy          student Greenfield     grade 10-A
--   ...0024 Ramesh Reddy        parent  Greenfield     father of Diya
--   ...0025 Mohammed Asif       admin   Greenfield     institution_admin
--   ...0026 Kavya Krishnan      teacher Greenfield     coordinator (secondary stage)
-- (ids are 00000000-0000-4000-a000-0000000000NN)

-- ---------------------------------------------------------------------------------------
-- Institutions and the HPC flag
-- ---------------------------------------------------------------------------------------
insert into public.institutions (id, name, slug, settings) values
  ('10000000-0000-4000-8000-000000000001', 'Vidya Niketan Primary School', 'vidya-niketan-primary',
   '{"board": "CBSE", "city": "Pune", "state": "Maharashtra", "stages": ["foundational", "preparatory"], "grades": ["1", "2", "3", "4", "5"], "languages": ["en", "hi", "mr"], "email_domain": "vidyaniketan.example"}'),
  ('10000000-0000-4000-8000-000000000002', 'Sunrise Public School', 'sunrise-public-school',
   '{"board": "CBSE", "city": "Bengaluru", "state": "Karnataka", "stages": ["foundational", "preparatory", "middle"], "grades": ["1", "2", "3", "4", "5", "6", "7", "8"], "languages": ["en", "hi", "kn"], "email_domain": "sunrise.example"}'),
  ('10000000-0000-4000-8000-000000000003', 'Greenfield Senior Secondary School', 'greenfield-senior-secondary',
   '{"board": "CBSE", "city": "Lucknow", "state": "Uttar Pradesh", "stages": ["foundational", "preparatory", "middle", "secondary"], "grades": ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"], "languages": ["en", "hi"], "email_domain": "greenfield.example"}');

insert into public.institution_feature_flags (institution_id, feature, enabled, pilot_cohort, note) values
  ('10000000-0000-4000-8000-000000000001', 'hpc', true, 'pilot-2026-term1', 'Pilot school, HPC from Term 1 2026-27'),
  ('10000000-0000-4000-8000-000000000002', 'hpc', true, 'pilot-2026-term1', 'Pilot school, HPC from Term 1 2026-27'),
  ('10000000-0000-4000-8000-000000000003', 'hpc', false, 'wave-2', 'Second wave; switched off after a trial in 10-A');

-- Seed-only scratch tables (dropped at the end).
create temporary table seed_institution (no int primary key, id uuid not null, prefix text not null, domain text not null,
  max_grade int not null, students_per_section int not null);
insert into seed_institution values
  (1, '10000000-0000-4000-8000-000000000001', 'VN', 'vidyaniketan.example', 5, 10),
  (2, '10000000-0000-4000-8000-000000000002', 'SR', 'sunrise.example', 8, 8),
  (3, '10000000-0000-4000-8000-000000000003', 'GF', 'greenfield.example', 12, 6);

create temporary table seed_stage (stage text primary key, min_grade int, max_grade int, grade_band text, peer_group text);
insert into seed_stage values
  ('foundational', 1, 2, 'Grades 1-2', 'primary'),
  ('preparatory', 3, 5, 'Grades 3-5', 'primary'),
  ('middle', 6, 8, 'Grades 6-8', 'secondary'),
  ('secondary', 9, 12, 'Grades 9-12', 'secondary');

-- ---------------------------------------------------------------------------------------
-- People
-- ---------------------------------------------------------------------------------------
create temporary table seed_demo_user (
  n int primary key, inst int not null, full_name text not null, email text not null, role text not null,
  employee_id text, admission_number text, grade text, gender text not null, dob date not null);
insert into seed_demo_user values
  (1, 1, 'Rajesh Kumar', 'admin@vidyaniketan.example', 'admin', 'VN-E-001', null, null, 'male', '1978-04-12'),
  (2, 1, 'Meera Iyer', 'meera.iyer@vidyaniketan.example', 'teacher', 'VN-E-014', null, null, 'female', '1986-09-03'),
  (3, 1, 'Aarav Sharma', 'aarav.sharma@vidyaniketan.example', 'student', null, 'VN-2019-0042', '4', 'male', '2016-07-21'),
  (4, 1, 'Sunita Deshpande', 'principal@vidyaniketan.example', 'admin', 'VN-E-002', null, null, 'female', '1971-01-30'),
  (5, 1, 'Farhan Qureshi', 'farhan.qureshi@vidyaniketan.example', 'teacher', 'VN-E-005', null, null, 'male', '1983-11-18'),
  (6, 1, 'Kavita Sharma', 'kavita.sharma@parents.vidyaniketan.example', 'parent', null, null, null, 'female', '1987-03-09'),
  (7, 1, 'Lakshmi Narayanan', 'lakshmi.narayanan@vidyaniketan.example', 'teacher', 'VN-E-021', null, null, 'female', '1990-06-25'),
  (9, 1, 'Anaya Sharma', 'anaya.sharma@vidyaniketan.example', 'student', null, 'VN-2022-0107', '2', 'female', '2018-12-02'),
  (11, 2, 'Harpreet Kaur', 'principal@sunrise.example', 'admin', 'SR-E-001', null, null, 'female', '1969-08-14'),
  (12, 2, 'Joseph D''Souza', 'joseph.dsouza@sunrise.example', 'teacher', 'SR-E-007', null, null, 'male', '1980-02-22'),
  (13, 2, 'Priya Menon', 'priya.menon@sunrise.example', 'teacher', 'SR-E-019', null, null, 'female', '1988-10-05'),
  (14, 2, 'Ishaan Verma', 'ishaan.verma@sunrise.example', 'student', null, 'SR-2020-0311', '7', 'male', '2013-05-17'),
  (15, 2, 'Neha Verma', 'neha.verma@parents.sunrise.example', 'parent', null, null, null, 'female', '1984-07-29'),
  (16, 2, 'Vikram Rao', 'admin@sunrise.example', 'admin', 'SR-E-002', null, null, 'male', '1979-12-11'),
  (21, 3, 'Anjali Banerjee', 'principal@greenfield.example', 'admin', 'GF-E-001', null, null, 'female', '1972-04-03'),
  (22, 3, 'Suresh Patil', 'suresh.patil@greenfield.example', 'teacher', 'GF-E-031', null, null, 'male', '1982-09-16'),
  (23, 3, 'Diya Reddy', 'diya.reddy@greenfield.example', 'student', null, 'GF-2017-0520', '10', 'female', '2011-02-08'),
  (24, 3, 'Ramesh Reddy', 'ramesh.reddy@parents.greenfield.example', 'parent', null, null, null, 'male', '1978-06-20'),
  (25, 3, 'Mohammed Asif', 'admin@greenfield.example', 'admin', 'GF-E-002', null, null, 'male', '1981-03-27'),
  (26, 3, 'Kavya Krishnan', 'kavya.krishnan@greenfield.example', 'teacher', 'GF-E-009', null, null, 'female', '1985-01-19');

create temporary table seed_person (
  id uuid primary key, inst int not null, kind text not null, full_name text not null, email text not null,
  role text not null, employee_id text, admission_number text, grade int, roll int, gender text,
  dob date, demo boolean not null default false);

insert into seed_person (id, inst, kind, full_name, email, role, employee_id, admission_number, grade, gender, dob, demo)
select ('00000000-0000-4000-a000-' || lpad(d.n::text, 12, '0'))::uuid, d.inst, d.role, d.full_name, d.email, d.role,
       d.employee_id, d.admission_number, d.grade::int, d.gender, d.dob, true
from seed_demo_user as d;

-- Class teachers: the demo teacher where there is one, otherwise a generated colleague.
create temporary table seed_section (id uuid primary key, inst int, grade int, name text, cohort_id uuid,
  stage text, class_teacher_id uuid);
insert into seed_section (id, inst, grade, name, cohort_id, stage)
select md5(format('section:%s:%s', i.no, g))::uuid, i.no, g, g || '-A', md5(format('cohort:%s:%s', i.no, g))::uuid, s.stage
from seed_institution as i
cross join generate_series(1, i.max_grade) as g
join seed_stage as s on g between s.min_grade and s.max_grade;

with names (full_name, gender, k) as (
  select * from unnest(
    array['Anita Joshi', 'Ramesh Gupta', 'Shweta Kulkarni', 'Manoj Pillai', 'Rukhsana Begum', 'Deepak Chauhan',
          'Geeta Bhatt', 'Abhishek Nair', 'Sarita Yadav', 'Naveen Shetty', 'Pallavi Hegde', 'Arvind Mishra',
          'Fatima Sheikh', 'Gurpreet Gill', 'Sangeeta Das', 'Vinod Saxena', 'Rashmi Bose', 'Tarun Malhotra',
          'Usha Ramaswamy', 'Karan Thakur', 'Bhavna Shah', 'Imran Khan'],
    array['female', 'male', 'female', 'male', 'female', 'male', 'female', 'male', 'female', 'male', 'female',
          'male', 'female', 'male', 'female', 'male', 'female', 'male', 'female', 'male', 'female', 'male'])
    with ordinality as t(full_name, gender, k)
), need as (
  select s.*, row_number() over (order by s.inst, s.grade) as k
  from seed_section as s
  where not ((s.inst, s.grade) in ((1, 4), (1, 2), (2, 7), (3, 10)))
)
insert into seed_person (id, inst, kind, full_name, email, role, employee_id, grade, gender, dob)
select md5(format('teacher:%s:%s', need.inst, need.grade))::uuid, need.inst, 'teacher', n.full_name,
       lower(replace(n.full_name, ' ', '.')) || '@' || i.domain, 'teacher',
       format('%s-E-%s', i.prefix, 100 + need.grade), null, n.gender,
       date '1975-01-01' + (need.k * 331)::int
from need
join names as n on n.k = need.k
join seed_institution as i on i.no = need.inst;

update seed_section as s set class_teacher_id = case
  when (s.inst, s.grade) = (1, 4) then '00000000-0000-4000-a000-000000000002'::uuid
  when (s.inst, s.grade) = (1, 2) then '00000000-0000-4000-a000-000000000007'::uuid
  when (s.inst, s.grade) = (2, 7) then '00000000-0000-4000-a000-000000000013'::uuid
  when (s.inst, s.grade) = (3, 10) then '00000000-0000-4000-a000-000000000022'::uuid
  else md5(format('teacher:%s:%s', s.inst, s.grade))::uuid
end;

-- Students: students_per_section generated per section, plus the demo students.
insert into seed_person (id, inst, kind, full_name, email, role, admission_number, grade, roll, gender, dob)
select md5(format('student:%s:%s:%s', s.inst, s.grade, k))::uuid, s.inst, 'student',
       f.first_name || ' ' || l.last_name,
       lower(f.first_name || '.' || l.last_name) || '.' || s.grade || lpad(k::text, 2, '0') || '@' || i.domain,
       'student', format('%s-%s-%s', i.prefix, 2026 - s.grade - 5, lpad((s.grade * 100 + k)::text, 4, '0')),
       s.grade, k, f.gender,
       make_date(2026 - s.grade - 5, 1 + (k * 5 + s.grade) % 12, 1 + (k * 7 + s.grade * 3) % 28)
from seed_section as s
join seed_institution as i on i.no = s.inst
cross join generate_series(1, i.students_per_section) as k
join lateral (
  select (array['Aadhya', 'Vihaan', 'Saanvi', 'Arjun', 'Ananya', 'Reyansh', 'Myra', 'Vivaan', 'Kiara', 'Aditya',
                'Ira', 'Krishna', 'Pari', 'Ayaan', 'Navya', 'Atharv', 'Riya', 'Kabir', 'Meher', 'Rohan',
                'Tara', 'Dhruv', 'Zoya', 'Yash', 'Sneha', 'Om', 'Fatima', 'Harsh', 'Ishita', 'Nikhil'])[1 + (s.grade * 7 + k * 3 + s.inst) % 30] as first_name,
         (array['female', 'male', 'female', 'male', 'female', 'male', 'female', 'male', 'female', 'male',
                'female', 'male', 'female', 'male', 'female', 'male', 'female', 'male', 'female', 'male',
                'female', 'male', 'female', 'male', 'female', 'male', 'female', 'male', 'female', 'male'])[1 + (s.grade * 7 + k * 3 + s.inst) % 30] as gender
) as f on true
join lateral (
  select (array['Patel', 'Nair', 'Iyer', 'Reddy', 'Singh', 'Gupta', 'Menon', 'Das', 'Kulkarni', 'Chatterjee',
                'Joshi', 'Khan', 'Pillai', 'Bose', 'Mehta', 'Rao', 'Yadav', 'Mukherjee', 'Fernandes', 'Gill',
                'Hegde', 'Saxena', 'Pandey', 'Shetty', 'Agarwal', 'Naidu', 'Kapoor', 'Sinha', 'Ansari'])[1 + (s.grade * 11 + k * 5 + s.inst * 3) % 29] as last_name
) as l on true;

update seed_person set roll = 0 where demo and role = 'student';

-- Parents: one account per generated student (mother or father), plus the demo parents.
insert into seed_person (id, inst, kind, full_name, email, role, gender, dob)
select md5('parent:' || st.id)::uuid, st.inst, 'parent',
       case when st.roll % 2 = 1
         then (array['Pooja', 'Deepa', 'Asha', 'Rekha', 'Shalini', 'Nandini', 'Swati', 'Farah', 'Jyoti', 'Lata'])[1 + (st.roll + st.grade) % 10]
         else (array['Rahul', 'Amit', 'Sanjay', 'Vijay', 'Imran', 'Prakash', 'Sandeep', 'Ravi', 'Naveen', 'Harish'])[1 + (st.roll + st.grade) % 10]
       end || ' ' || split_part(st.full_name, ' ', 2),
       'parent.' || split_part(st.email, '@', 1) || '@parents.' || i.domain,
       'parent', case when st.roll % 2 = 1 then 'female' else 'male' end,
       st.dob - (365 * (28 + st.roll % 9))
from seed_person as st
join seed_institution as i on i.no = st.inst
where st.kind = 'student' and not st.demo;

-- Every person has an account, as in BIG DAY, whose user management creates the auth user
-- first: its audit trigger logs each new profile under the person's id, which audit_logs
-- checks against auth.users. The demo accounts (printed by `npm start`) are marked.
insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
select p.id, 'authenticated', 'authenticated', p.email, timestamptz '2026-04-01 09:00+05:30',
       jsonb_build_object('provider', 'email', 'providers', array['email']) || case when p.demo then '{"demo": true}'::jsonb else '{}' end,
       jsonb_build_object('full_name', p.full_name)
from seed_person as p;

insert into public.user_profiles (
  id, institution_id, full_name, email, role, employee_id, admission_number, current_standard, section,
  peer_group, gender, date_of_birth, date_of_admission, date_of_joining, designation, status, profile_data)
select p.id, i.id, p.full_name, p.email, p.role, p.employee_id, p.admission_number,
       p.grade::text, case when p.role = 'student' then 'A' end,
       case
         when p.role in ('teacher', 'admin', 'staff') then 'staff'
         when p.role = 'student' and p.grade <= 5 then 'primary'
         when p.role = 'student' and p.grade <= 10 then 'secondary'
         when p.role = 'student' then 'higher_secondary'
       end,
       p.gender, p.dob,
       case when p.role = 'student' then make_date(2026 - p.grade, 4, 1) end,
       case when p.role in ('teacher', 'admin') then date '2015-06-01' end,
       case
         when p.id = '00000000-0000-4000-a000-000000000004' or p.id = '00000000-0000-4000-a000-000000000011'
           or p.id = '00000000-0000-4000-a000-000000000021' then 'Principal'
         when p.role = 'admin' then 'Administrator'
         when p.role = 'teacher' then 'Teacher'
       end,
       'active',
       case when p.role = 'student' then jsonb_build_object('mother_tongue',
         (array['Hindi', 'Marathi', 'Kannada', 'Tamil', 'Bengali', 'Telugu', 'Malayalam', 'Urdu'])[1 + abs(hashtext(p.id::text)) % 8])
         else '{}'::jsonb end
from seed_person as p
join seed_institution as i on i.no = p.inst;

insert into public.student_guardians (institution_id, student_id, guardian_id, relationship, is_primary)
select i.id, st.id, md5('parent:' || st.id)::uuid,
       case when st.roll % 2 = 1 then 'mother' else 'father' end, true
from seed_person as st
join seed_institution as i on i.no = st.inst
where st.kind = 'student' and not st.demo
union all
select * from (values
  ('10000000-0000-4000-8000-000000000001'::uuid, '00000000-0000-4000-a000-000000000003'::uuid, '00000000-0000-4000-a000-000000000006'::uuid, 'mother', true),
  ('10000000-0000-4000-8000-000000000001', '00000000-0000-4000-a000-000000000009', '00000000-0000-4000-a000-000000000006', 'mother', true),
  ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000014', '00000000-0000-4000-a000-000000000015', 'mother', true),
  ('10000000-0000-4000-8000-000000000003', '00000000-0000-4000-a000-000000000023', '00000000-0000-4000-a000-000000000024', 'father', true)
) as v;

-- ---------------------------------------------------------------------------------------
-- Academic year, courses, class structure
-- ---------------------------------------------------------------------------------------
insert into public.academic_terms (id, institution_id, name, start_date, end_date)
select md5(format('term:%s:%s', i.no, t))::uuid, i.id, format('2026-27 Term %s', t),
       case t when 1 then date '2026-04-01' else date '2026-10-01' end,
       case t when 1 then date '2026-09-30' else date '2027-03-31' end
from seed_institution as i cross join generate_series(1, 2) as t;

create temporary table seed_course (code text primary key, title text, area_code text, stages text[]);
insert into seed_course values
  ('ENG', 'English', 'LR1', array['foundational', 'preparatory', 'middle', 'secondary']),
  ('HIN', 'Hindi', 'LR2', array['foundational', 'preparatory', 'middle', 'secondary']),
  ('SKT', 'Sanskrit', 'LR3', array['middle']),
  ('MATH', 'Mathematics', 'MATH', array['foundational', 'preparatory', 'middle', 'secondary']),
  ('TWAU', 'The World Around Us', 'TWAU', array['preparatory']),
  ('SCI', 'Science', 'SCI', array['middle', 'secondary']),
  ('SST', 'Social Science', 'SST', array['middle', 'secondary']),
  ('ART', 'Art Education', 'ART', array['preparatory', 'middle']),
  ('PE', 'Physical Education and Well-being', 'PEWB', array['preparatory', 'middle', 'secondary']),
  ('SKILL', 'Skill Education', 'SKILL', array['middle']);

insert into public.courses (id, institution_id, title, code, description)
select md5(format('course:%s:%s', i.no, c.code))::uuid, i.id, c.title, c.code, null
from seed_institution as i
cross join seed_course as c
where exists (select 1 from seed_stage as s where s.stage = any (c.stages) and s.min_grade <= i.max_grade);

insert into public.cohorts (id, institution_id, academic_term_id, grade, stream, boarding_type)
select s.cohort_id, i.id, md5(format('term:%s:1', s.inst))::uuid, s.grade::text,
       case when s.grade >= 11 then 'Science' else 'General' end, 'day_scholar'
from seed_section as s join seed_institution as i on i.no = s.inst;

insert into public.sections (id, institution_id, cohort_id, name)
select s.id, i.id, s.cohort_id, s.name
from seed_section as s join seed_institution as i on i.no = s.inst;

insert into public.section_students (id, institution_id, section_id, student_id)
select md5('section_student:' || p.id)::uuid, i.id, s.id, p.id
from seed_person as p
join seed_institution as i on i.no = p.inst
join seed_section as s on s.inst = p.inst and s.grade = p.grade
where p.kind = 'student';

insert into public.section_courses (id, institution_id, section_id, course_id, teacher_id, weekly_theory_periods)
select md5(format('section_course:%s:%s', s.id, c.code))::uuid, i.id, s.id,
       md5(format('course:%s:%s', s.inst, c.code))::uuid,
       case when s.inst = 2 and s.grade in (6, 8) and c.code = 'MATH'
         then '00000000-0000-4000-a000-000000000013'::uuid else s.class_teacher_id end,
       case c.code when 'MATH' then 6 when 'ENG' then 6 when 'HIN' then 5 else 3 end
from seed_section as s
join seed_institution as i on i.no = s.inst
join seed_course as c on s.stage = any (c.stages);

insert into public.staff_duties (institution_id, user_id, duty, section_id, course_id, stage)
select i.id, s.class_teacher_id, 'class_teacher', s.id, null::uuid, null
from seed_section as s join seed_institution as i on i.no = s.inst
union all
select '10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000013', 'subject_teacher',
       md5(format('section:2:%s', g))::uuid, md5('course:2:MATH')::uuid, null
from unnest(array[6, 8]) as g
union all
select * from (values
  ('10000000-0000-4000-8000-000000000001'::uuid, '00000000-0000-4000-a000-000000000001'::uuid, 'institution_admin', null::uuid, null::uuid, null),
  ('10000000-0000-4000-8000-000000000001', '00000000-0000-4000-a000-000000000004', 'principal', null, null, null),
  ('10000000-0000-4000-8000-000000000001', '00000000-0000-4000-a000-000000000005', 'coordinator', null, null, null),
  ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000011', 'principal', null, null, null),
  ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000012', 'coordinator', null, null, 'middle'),
  -- Sunrise's grade 2 class teacher coordinates the Foundational and Preparatory stages
  ('10000000-0000-4000-8000-000000000002', md5('teacher:2:2')::uuid, 'coordinator', null, null, 'foundational'),
  ('10000000-0000-4000-8000-000000000002', md5('teacher:2:2')::uuid, 'coordinator', null, null, 'preparatory'),
  ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000016', 'institution_admin', null, null, null),
  ('10000000-0000-4000-8000-000000000003', '00000000-0000-4000-a000-000000000021', 'principal', null, null, null),
  ('10000000-0000-4000-8000-000000000003', '00000000-0000-4000-a000-000000000025', 'institution_admin', null, null, null),
  ('10000000-0000-4000-8000-000000000003', '00000000-0000-4000-a000-000000000026', 'coordinator', null, null, 'secondary')
) as v;

-- ---------------------------------------------------------------------------------------
-- BIG DAY's timetable and allocation data for Term 1, in every school, as BIG DAY's own
-- screens make it: allocation settings, a bell schedule per school, who may teach what
-- and in which grades, load rules, a published timetable per section (each course's weekly
-- periods spread round-robin over the week), the double bookings that timetable has, and
-- per-school groups, permissions, settings and reports.
-- ---------------------------------------------------------------------------------------
insert into public.allocation_settings (id, institution_id, teacher_max_periods_per_day, class_periods_per_day, days_per_week)
select md5('allocation_settings:' || i.no)::uuid, i.id, 6, 8, 5 from seed_institution as i;

insert into public.slot_templates (id, institution_id, name, days_per_week, periods_per_day, bells)
select md5('slot_template:' || i.no)::uuid, i.id, 'Regular day', 5, 8,
       '{"assembly": "08:00", "first_period": "08:20", "period_minutes": 40, "short_break_after": 2, "lunch_after": 5}'::jsonb
from seed_institution as i;

insert into public.slot_template_assignments (id, institution_id, slot_template_id, cohort_id)
select md5('slot_template_assignment:' || s.cohort_id)::uuid, i.id, md5('slot_template:' || i.no)::uuid, s.cohort_id
from seed_section as s join seed_institution as i on i.no = s.inst;

insert into public.teacher_subject_eligibility (id, institution_id, teacher_id, course_id)
select md5(format('subject_eligibility:%s:%s', sc.teacher_id, sc.course_id))::uuid, sc.institution_id, sc.teacher_id, sc.course_id
from public.section_courses as sc
group by sc.institution_id, sc.teacher_id, sc.course_id;

insert into public.teacher_grade_eligibility (id, institution_id, teacher_id, grade)
select md5(format('grade_eligibility:%s:%s', sc.teacher_id, c.grade))::uuid, sc.institution_id, sc.teacher_id, c.grade
from public.section_courses as sc
join public.sections as s on s.id = sc.section_id
join public.cohorts as c on c.id = s.cohort_id
group by sc.institution_id, sc.teacher_id, c.grade;

insert into public.teacher_load_rules (id, institution_id, teacher_id, max_periods_per_day, max_periods_per_week, availability)
select md5('load_rule:' || sc.teacher_id)::uuid, sc.institution_id, sc.teacher_id, 7, 36,
       '{"unavailable": [{"day": 5, "periods": [7, 8]}]}'::jsonb
from public.section_courses as sc
group by sc.institution_id, sc.teacher_id;

insert into public.timetables (id, institution_id, section_id, academic_term_id, status, generated_at, generated_by, published_at, published_by)
select md5('timetable:' || s.id)::uuid, i.id, s.id, md5(format('term:%s:1', s.inst))::uuid, 'published',
       timestamptz '2026-03-25 10:00+05:30', admin.id, timestamptz '2026-03-28 09:00+05:30', admin.id
from seed_section as s
join seed_institution as i on i.no = s.inst
cross join lateral (select d.user_id as id from public.staff_duties as d
                    where d.institution_id = i.id and d.duty = 'institution_admin' limit 1) as admin;

-- Course periods dealt out in turn (a period of each course, then the next round), five
-- days across, so that each course is spread over the week.
insert into public.timetable_sessions (id, institution_id, timetable_id, section_id, course_id, teacher_id, day_of_week, period_index)
select md5(format('timetable_session:%s:%s', p.section_id, p.slot))::uuid, p.institution_id, md5('timetable:' || p.section_id)::uuid,
       p.section_id, p.course_id, p.teacher_id, p.slot % 5 + 1, p.slot / 5 + 1
from (
  select sc.institution_id, sc.section_id, sc.course_id, sc.teacher_id,
         (row_number() over (partition by sc.section_id order by n, c.code) - 1)::int as slot
  from public.section_courses as sc
  join public.courses as c on c.id = sc.course_id
  cross join generate_series(1, sc.weekly_theory_periods) as n
) as p;

-- A teacher who teaches in more than one section can be booked twice at once: BIG DAY's
-- allocator lists each such clash for the admin to resolve.
insert into public.timetable_conflicts (id, institution_id, teacher_id, section_id, course_id, day_of_week, period_index, conflict_type, details)
select md5(format('timetable_conflict:%s:%s', a.id, b.id))::uuid, a.institution_id, a.teacher_id, b.section_id, b.course_id,
       a.day_of_week, a.period_index, 'teacher_double_booked',
       jsonb_build_object('also_booked_in_section', a.section_id, 'also_booked_for_course', a.course_id)
from public.timetable_sessions as a
join public.timetable_sessions as b
  on b.institution_id = a.institution_id and b.teacher_id = a.teacher_id
 and b.day_of_week = a.day_of_week and b.period_index = a.period_index and b.section_id > a.section_id;

insert into public.user_groups (id, institution_id, name, type, description)
select md5(format('user_group:%s:%s', i.no, g.name))::uuid, i.id, g.name, g.type, g.description
from seed_institution as i
cross join (values
  ('Class teachers', 'department', 'Every class teacher of the school'),
  ('Mathematics teachers', 'department', 'Teachers eligible for Mathematics'),
  ('HPC working group', 'custom', 'Staff who set up the Holistic Progress Card')
) as g (name, type, description);

insert into public.user_permissions (id, institution_id, user_id, permission, resource, granted_by, granted_at)
select md5(format('user_permission:%s:%s', v.user_id, v.permission))::uuid, v.institution_id, v.user_id, v.permission, v.resource,
       v.granted_by, timestamptz '2026-04-01 09:00+05:30'
from (values
  ('10000000-0000-4000-8000-000000000001'::uuid, '00000000-0000-4000-a000-000000000005'::uuid, 'edit', 'timetables', '00000000-0000-4000-a000-000000000001'::uuid),
  ('10000000-0000-4000-8000-000000000001', '00000000-0000-4000-a000-000000000004', 'export', 'system_reports', '00000000-0000-4000-a000-000000000001'),
  ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000012', 'edit', 'timetables', '00000000-0000-4000-a000-000000000016'),
  ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000011', 'export', 'system_reports', '00000000-0000-4000-a000-000000000016'),
  ('10000000-0000-4000-8000-000000000003', '00000000-0000-4000-a000-000000000026', 'edit', 'timetables', '00000000-0000-4000-a000-000000000025')
) as v (institution_id, user_id, permission, resource, granted_by);

insert into public.system_settings (id, institution_id, key, value, category, description, updated_by)
select md5(format('system_setting:%s:%s', i.no, s.key))::uuid, i.id, s.key, s.value, s.category, s.description, admin.id
from seed_institution as i
cross join lateral (select d.user_id as id from public.staff_duties as d
                    where d.institution_id = i.id and d.duty = 'institution_admin' limit 1) as admin
cross join (values
  ('attendance_cutoff', '08:30', 'attendance', 'A student marked after this time is late'),
  ('week_starts_on', 'monday', 'timetable', 'First day of the school week')
) as s (key, value, category, description);

insert into public.system_reports (id, institution_id, name, type, filters, generated_at, generated_by, file_path, status, file_size, download_count)
select md5(format('system_report:%s:%s', i.no, r.type))::uuid, i.id, r.name, r.type, r.filters,
       timestamptz '2026-10-05 16:00+05:30', admin.id, format('reports/%s/%s.csv', i.id, r.type), 'completed', r.file_size, r.downloads
from seed_institution as i
cross join lateral (select d.user_id as id from public.staff_duties as d
                    where d.institution_id = i.id and d.duty = 'institution_admin' limit 1) as admin
cross join (values
  ('Term 1 user summary', 'user_summary', '{"term": "2026-27 Term 1"}'::jsonb, 18432::bigint, 3),
  ('Term 1 academic report', 'academic_report', '{"term": "2026-27 Term 1", "grades": "all"}', 96256, 1)
) as r (name, type, filters, file_size, downloads);

-- ---------------------------------------------------------------------------------------
-- HPC configuration: parameters and rubrics per stage (PARAKH), cycles, approval chains
-- ---------------------------------------------------------------------------------------
create temporary table seed_area (stage text, area_code text, area text, sort_order int, course_code text);
insert into seed_area values
  ('foundational', 'PHY', 'Physical Development', 1, null),
  ('foundational', 'SEE', 'Socio-emotional and Ethical Development', 2, null),
  ('foundational', 'COG', 'Cognitive Development', 3, null),
  ('foundational', 'LNL', 'Language and Literacy Development', 4, null),
  ('foundational', 'AES', 'Aesthetic and Cultural Development', 5, null),
  ('foundational', 'PLH', 'Positive Learning Habits', 6, null),
  ('preparatory', 'LR1', 'Language R1 (English)', 1, 'ENG'),
  ('preparatory', 'LR2', 'Language R2 (Hindi)', 2, 'HIN'),
  ('preparatory', 'MATH', 'Mathematics', 3, 'MATH'),
  ('preparatory', 'TWAU', 'The World Around Us', 4, 'TWAU'),
  ('preparatory', 'ART', 'Art Education', 5, 'ART'),
  ('preparatory', 'PEWB', 'Physical Education and Well-being', 6, 'PE'),
  ('middle', 'LR1', 'Language R1 (English)', 1, 'ENG'),
  ('middle', 'LR2', 'Language R2 (Hindi)', 2, 'HIN'),
  ('middle', 'LR3', 'Language R3 (Sanskrit)', 3, 'SKT'),
  ('middle', 'MATH', 'Mathematics', 4, 'MATH'),
  ('middle', 'SCI', 'Science', 5, 'SCI'),
  ('middle', 'SST', 'Social Science', 6, 'SST'),
  ('middle', 'ART', 'Art Education', 7, 'ART'),
  ('middle', 'PEWB', 'Physical Education and Well-being', 8, 'PE'),
  ('middle', 'SKILL', 'Skill Education', 9, 'SKILL'),
  ('secondary', 'LR1', 'Language R1 (English)', 1, 'ENG'),
  ('secondary', 'MATH', 'Mathematics', 2, 'MATH'),
  ('secondary', 'SCI', 'Science', 3, 'SCI'),
  ('secondary', 'SST', 'Social Science', 4, 'SST');

create temporary table seed_ability (ability text, ord int, label text, description text);
insert into seed_ability values
  ('awareness', 1, 'Awareness', 'Knows and understands the concept or skill.'),
  ('sensitivity', 2, 'Sensitivity', 'Relates it to self, others and the surroundings with empathy.'),
  ('creativity', 3, 'Creativity', 'Applies it in new ways and creates something of their own.');

create temporary table seed_parameter (id uuid primary key, inst int, stage text, code text, area_code text,
  course_code text, sort_order int);
insert into seed_parameter
select md5(format('parameter:%s:%s', i.no, p.code))::uuid, i.no, p.stage, p.code, p.area_code, p.course_code, p.sort_order
from seed_institution as i
join seed_stage as st on st.min_grade <= i.max_grade
join (
  select a.stage, a.area_code, a.course_code,
         case a.stage when 'foundational' then 'FS' when 'preparatory' then 'PR' when 'middle' then 'MS' else 'SS' end
           || '-' || a.area_code || coalesce('-' || upper(left(b.ability, 3)), '') as code,
         a.sort_order * 10 + coalesce(b.ord, 0) as sort_order
  from seed_area as a
  left join seed_ability as b on a.stage <> 'foundational'
) as p on p.stage = st.stage;

insert into public.hpc_parameters (
  id, institution_id, stage, grade_band, grades, area, area_code, ability, code, name, description, scale_code, sort_order)
select sp.id, i.id, sp.stage, st.grade_band,
       array(select g::text from generate_series(st.min_grade, st.max_grade) as g),
       a.area, a.area_code, b.ability, sp.code,
       a.area || coalesce(' — ' || b.label, ''),
       coalesce(b.description, 'Observed through play, activities and conversation; no tests.'),
       sp.stage, sp.sort_order
from seed_parameter as sp
join seed_institution as i on i.no = sp.inst
join seed_stage as st on st.stage = sp.stage
join seed_area as a on a.stage = sp.stage and a.area_code = sp.area_code
left join seed_ability as b on sp.code like '%-' || upper(left(b.ability, 3));

-- Level scales per stage (stage-wide rows), icons Stream / Mountain / Sky.
insert into public.hpc_rubrics (
  id, institution_id, stage, scale_code, parameter_id, ordinal, label, descriptor, icon, self_statements_min, self_statements_max)
select md5(format('rubric:%s:%s:%s', i.no, st.stage, l.ordinal))::uuid, i.id, st.stage, st.stage, null, l.ordinal,
       case when st.stage = 'foundational' then l.f_label else l.label end,
       case when st.stage = 'foundational' then l.f_descriptor else l.descriptor end,
       l.icon,
       case when st.stage = 'middle' then l.smin end,
       case when st.stage = 'middle' then l.smax end
from seed_institution as i
join seed_stage as st on st.min_grade <= i.max_grade
cross join (values
  (1, 'Beginner', 'Needs support to do this; beginning to show the skill.', 'Beginner', 'Does this with a lot of support.', 'stream', 0, 2),
  (2, 'Proficient', 'Does this independently most of the time.', 'Progressing', 'Does this with some support.', 'mountain', 3, 4),
  (3, 'Advanced', 'Does this independently and goes beyond, helping others.', 'Proficient', 'Does this on his/her own.', 'sky', 5, 6)
) as l (ordinal, label, descriptor, f_label, f_descriptor, icon, smin, smax);

-- Level descriptors specific to one parameter (Vidya Niketan, Preparatory Mathematics — Awareness).
insert into public.hpc_rubrics (id, institution_id, stage, scale_code, parameter_id, ordinal, label, descriptor, icon)
select md5(format('rubric:1:PR-MATH-AWA:%s', l.ordinal))::uuid, '10000000-0000-4000-8000-000000000001', 'preparatory',
       'preparatory', md5('parameter:1:PR-MATH-AWA')::uuid, l.ordinal, l.label, l.descriptor, l.icon
from (values
  (1, 'Beginner', 'Counts and compares numbers up to 100 with concrete objects and help.', 'stream'),
  (2, 'Proficient', 'Reads, writes and compares numbers up to 1000; uses place value on their own.', 'mountain'),
  (3, 'Advanced', 'Explains place value to others and spots patterns in large numbers.', 'sky')
) as l (ordinal, label, descriptor, icon);

-- The comment bank of the two HPC schools: for every parameter of their stages, a phrase at
-- each level in English and in Hindi. Foundational areas have their own phrases; Preparatory
-- and Middle phrases join what the ability asks at that level with what the area covers
-- ([area], [focus]). Hindi verbs agree with the child through {masculine|feminine}.
create temporary table seed_phrase_foundational (area_code text, ordinal int, en text, hi text);
insert into seed_phrase_foundational values
  ('PHY', 1, '{name} enjoys active play and is building balance and coordination; {they} still needs help with catching, hopping and holding small objects.',
   '{name} खेलकूद में रुचि {लेता|लेती} है और संतुलन व तालमेल धीरे-धीरे सीख {रहा|रही} है; गेंद पकड़ने, एक पैर पर कूदने और छोटी चीज़ें पकड़ने में अभी सहायता की ज़रूरत है।'),
  ('PHY', 2, '{name} runs, jumps and climbs with growing confidence and uses scissors and crayons with some support.',
   '{name} बढ़ते आत्मविश्वास के साथ दौड़-कूद और चढ़ाई {करता|करती} है तथा थोड़ी सहायता से कैंची और क्रेयॉन का उपयोग {करता|करती} है।'),
  ('PHY', 3, '{name} moves with control and balance, plays team games safely and handles pencils, scissors and clay on {their} own.',
   '{name} संतुलन और नियंत्रण के साथ चलने-दौड़ने में सक्षम है, टोली के खेल सुरक्षित ढंग से {खेलता|खेलती} है और पेंसिल, कैंची व मिट्टी का उपयोग स्वयं {करता|करती} है।'),
  ('SEE', 1, '{name} is learning to share, take turns and name {their} feelings; gentle reminders help {them} settle into group activities.',
   '{name} मिल-बाँटकर खेलना, अपनी बारी का इंतज़ार करना और अपनी भावनाएँ बताना सीख {रहा|रही} है; प्यार से याद दिलाने पर समूह की गतिविधियों में शामिल हो {जाता|जाती} है।'),
  ('SEE', 2, '{name} plays well with friends, shares materials and usually waits for {their} turn; {they} is beginning to solve small disagreements with words.',
   '{name} दोस्तों के साथ मिलकर {खेलता|खेलती} है, सामग्री साझा {करता|करती} है और छोटी-छोटी असहमतियों को बातचीत से सुलझाना सीख {रहा|रही} है।'),
  ('SEE', 3, '{name} is kind and fair with classmates, comforts friends who are upset and follows class agreements without reminders.',
   '{name} सहपाठियों के साथ दयालु और निष्पक्ष व्यवहार {करता|करती} है, दुखी दोस्तों को सांत्वना {देता|देती} है और बिना याद दिलाए कक्षा के नियमों का पालन {करता|करती} है।'),
  ('COG', 1, '{name} is curious about the world around {them}; with support, {they} sorts objects by colour and shape and counts small groups.',
   '{name} अपने आस-पास की दुनिया के बारे में जिज्ञासु है; सहायता मिलने पर वस्तुओं को रंग और आकार के अनुसार {छाँटता|छाँटती} है और छोटे समूहों को {गिनता|गिनती} है।'),
  ('COG', 2, '{name} asks "why" and "how" questions, spots simple patterns and counts objects up to 20 with some help.',
   '{name} "क्यों" और "कैसे" वाले प्रश्न {पूछता|पूछती} है, सरल पैटर्न {पहचानता|पहचानती} है और थोड़ी सहायता से 20 तक वस्तुएँ गिन {लेता|लेती} है।'),
  ('COG', 3, '{name} explores ideas independently, explains {their} thinking, compares quantities and solves simple puzzles without help.',
   '{name} स्वयं नए विचारों की खोज {करता|करती} है, अपनी सोच {समझाता|समझाती} है, मात्राओं की तुलना {करता|करती} है और सरल पहेलियाँ अपने-आप {सुलझाता|सुलझाती} है।'),
  ('LNL', 1, '{name} listens to stories with interest and is beginning to recognise letters and their sounds; {they} needs support to speak in full sentences.',
   '{name} कहानियाँ रुचि से {सुनता|सुनती} है और अक्षरों व उनकी ध्वनियों को पहचानना शुरू कर {रहा|रही} है; पूरे वाक्यों में बोलने के लिए अभी सहायता चाहिए।'),
  ('LNL', 2, '{name} retells familiar stories, reads simple words and writes some letters and words with a little help.',
   '{name} जानी-पहचानी कहानियाँ दोबारा {सुनाता|सुनाती} है, सरल शब्द {पढ़ता|पढ़ती} है और थोड़ी मदद से कुछ अक्षर और शब्द {लिखता|लिखती} है।'),
  ('LNL', 3, '{name} speaks confidently, reads short sentences with understanding and enjoys writing words of {their} own.',
   '{name} आत्मविश्वास से {बोलता|बोलती} है, छोटे वाक्य समझकर {पढ़ता|पढ़ती} है और अपने शब्द लिखने में आनंद {लेता|लेती} है।'),
  ('AES', 1, '{name} enjoys colours, music and rhymes; {they} is starting to join in songs and drawing when encouraged.',
   '{name} को रंग, संगीत और कविताएँ अच्छी लगती हैं; प्रोत्साहन मिलने पर गीतों और चित्रकारी में भाग लेना शुरू कर {रहा|रही} है।'),
  ('AES', 2, '{name} draws, sings and moves to music with enthusiasm and is beginning to add {their} own ideas to art work.',
   '{name} उत्साह से चित्र {बनाता|बनाती} है, गीत {गाता|गाती} है और संगीत पर {थिरकता|थिरकती} है; अपनी कलाकृतियों में अपने विचार जोड़ना शुरू कर {रहा|रही} है।'),
  ('AES', 3, '{name} expresses ideas creatively through drawing, craft, music and dance, and performs with confidence at class celebrations.',
   '{name} चित्रकला, शिल्प, संगीत और नृत्य के माध्यम से अपने विचार रचनात्मक ढंग से व्यक्त {करता|करती} है और कक्षा के उत्सवों में आत्मविश्वास से प्रस्तुति {देता|देती} है।'),
  ('PLH', 1, '{name} is learning classroom routines; {they} needs reminders to finish tasks and to keep {their} things in order.',
   '{name} कक्षा की दिनचर्या सीख {रहा|रही} है; काम पूरा करने और अपना सामान व्यवस्थित रखने के लिए अभी याद दिलाना पड़ता है।'),
  ('PLH', 2, '{name} follows routines, stays with a task for longer than before and tidies up with a little help.',
   '{name} दिनचर्या का पालन {करता|करती} है, किसी काम पर पहले से अधिक देर तक ध्यान {लगाता|लगाती} है और थोड़ी मदद से सामान {समेटता|समेटती} है।'),
  ('PLH', 3, '{name} works independently, completes tasks with care and helps keep the classroom tidy without being asked.',
   '{name} स्वतंत्र रूप से काम {करता|करती} है, कार्य ध्यान से पूरा {करता|करती} है और बिना कहे कक्षा को साफ़-सुथरा रखने में मदद {करता|करती} है।');

create temporary table seed_phrase_ability (ability text, ordinal int, en text, hi text);
insert into seed_phrase_ability values
  ('awareness', 1, 'In [area], {name} is beginning to grasp the basics; {they} needs support with [focus] and learns best from concrete examples.',
   '[area] में {name} मूल बातें समझना शुरू कर {रहा|रही} है; [focus] में अभी सहायता की ज़रूरत है और ठोस उदाहरणों से सबसे अच्छा {सीखता|सीखती} है।'),
  ('awareness', 2, 'In [area], {name} understands the key ideas and handles [focus] independently most of the time.',
   '[area] में {name} मुख्य अवधारणाएँ {समझता|समझती} है और अधिकतर समय [focus] से जुड़े काम स्वयं कर {लेता|लेती} है।'),
  ('awareness', 3, 'In [area], {name} has a secure understanding of [focus] and explains it clearly to classmates.',
   '[area] में {name} को [focus] की पक्की समझ है और वह इसे सहपाठियों को स्पष्ट रूप से {समझाता|समझाती} है।'),
  ('sensitivity', 1, '{name} is starting to connect [area] with everyday life; with prompting, {they} relates [focus] to {their} own experiences.',
   '{name} [area] को रोज़मर्रा के जीवन से जोड़ना शुरू कर {रहा|रही} है; पूछने पर [focus] से जुड़ी बातों को अपने अनुभवों से {जोड़ता|जोड़ती} है।'),
  ('sensitivity', 2, '{name} links [focus] to life at home and in the community, and listens respectfully to other points of view.',
   '{name} [focus] से जुड़ी बातों को घर और समुदाय के जीवन से {जोड़ता|जोड़ती} है और दूसरों के दृष्टिकोण सम्मान से {सुनता|सुनती} है।'),
  ('sensitivity', 3, '{name} brings real care and insight to [area], relating [focus] to the people and places around {them} and encouraging classmates to do the same.',
   '{name} [area] में गहरी संवेदनशीलता और समझ {दिखाता|दिखाती} है: [focus] से जुड़ी बातों को आस-पास के लोगों और स्थानों से {जोड़ता|जोड़ती} है और सहपाठियों को भी ऐसा करने के लिए प्रेरित {करता|करती} है।'),
  ('creativity', 1, 'In [area], {name} tries new ideas when encouraged and is learning to approach [focus] in {their} own way.',
   '[area] में {name} प्रोत्साहन मिलने पर नए विचार {आज़माता|आज़माती} है और [focus] में अपना ढंग अपनाना सीख {रहा|रही} है।'),
  ('creativity', 2, '{name} applies [focus] in new situations and often suggests fresh ideas of {their} own in [area].',
   '{name} [focus] में सीखी बातों को नई स्थितियों में लागू {करता|करती} है और [area] में अक्सर अपने विचार सामने {रखता|रखती} है।'),
  ('creativity', 3, '{name} is inventive in [area]: {their} work on [focus] is original, and {they} shares it with confidence.',
   '[area] में {name} बहुत रचनात्मक है: [focus] में मौलिक काम {करता|करती} है और उसे आत्मविश्वास से साझा {करता|करती} है।');

create temporary table seed_phrase_area (stage text, area_code text, area_en text, area_hi text, focus_en text, focus_hi text);
insert into seed_phrase_area values
  ('preparatory', 'LR1', 'English', 'अंग्रेज़ी', 'reading aloud and writing short paragraphs', 'ऊँची आवाज़ में पढ़ने और छोटे अनुच्छेद लिखने'),
  ('preparatory', 'LR2', 'Hindi', 'हिंदी', 'reading Hindi stories and writing simple sentences', 'हिंदी कहानियाँ पढ़ने और सरल वाक्य लिखने'),
  ('preparatory', 'MATH', 'Mathematics', 'गणित', 'place value, patterns and measurement', 'स्थानीय मान, पैटर्न और मापन'),
  ('preparatory', 'TWAU', 'The World Around Us', 'हमारे आस-पास की दुनिया', 'plants, animals, water and the local community', 'पेड़-पौधों, जीव-जंतुओं, पानी और स्थानीय समुदाय'),
  ('preparatory', 'ART', 'Art Education', 'कला शिक्षा', 'drawing, music and drama', 'चित्रकला, संगीत और नाटक'),
  ('preparatory', 'PEWB', 'Physical Education', 'शारीरिक शिक्षा', 'games, yoga and healthy habits', 'खेल, योग और स्वस्थ आदतों'),
  ('middle', 'LR1', 'English', 'अंग्रेज़ी', 'reading, discussing and writing about texts', 'पाठ पढ़ने, उन पर चर्चा करने और लिखने'),
  ('middle', 'LR2', 'Hindi', 'हिंदी', 'Hindi prose, poetry and composition', 'हिंदी गद्य, कविता और रचना'),
  ('middle', 'LR3', 'Sanskrit', 'संस्कृत', 'Sanskrit words, shlokas and simple sentences', 'संस्कृत शब्दों, श्लोकों और सरल वाक्यों'),
  ('middle', 'MATH', 'Mathematics', 'गणित', 'fractions, algebra and geometry', 'भिन्न, बीजगणित और ज्यामिति'),
  ('middle', 'SCI', 'Science', 'विज्ञान', 'experiments, observation and scientific explanations', 'प्रयोगों, अवलोकन और वैज्ञानिक व्याख्याओं'),
  ('middle', 'SST', 'Social Science', 'सामाजिक विज्ञान', 'history, maps and how communities are governed', 'इतिहास, मानचित्रों और समुदायों के शासन'),
  ('middle', 'ART', 'Art Education', 'कला शिक्षा', 'visual art, music, dance and theatre', 'दृश्य कला, संगीत, नृत्य और रंगमंच'),
  ('middle', 'PEWB', 'Physical Education', 'शारीरिक शिक्षा', 'sport, fitness and well-being', 'खेल, फ़िटनेस और स्वास्थ्य'),
  ('middle', 'SKILL', 'Skill Education', 'कौशल शिक्षा', 'hands-on projects, tools and crafts', 'व्यावहारिक परियोजनाओं, औज़ारों और शिल्प');

insert into public.comment_bank_phrases (id, institution_id, parameter_id, level_ordinal, language, phrase, created_at)
select md5(format('phrase:%s:%s:%s:%s', sp.inst, sp.code, t.ordinal, l.language))::uuid, i.id, sp.id, t.ordinal, l.language,
       case l.language when 'en' then t.en else t.hi end,
       timestamptz '2026-07-20 10:00+05:30'
from seed_parameter as sp
join seed_institution as i on i.no = sp.inst
join (
  select 'foundational' as stage, f.area_code, null as ability, f.ordinal, f.en, f.hi from seed_phrase_foundational as f
  union all
  select a.stage, a.area_code, b.ability, b.ordinal,
         replace(replace(b.en, '[area]', a.area_en), '[focus]', a.focus_en),
         replace(replace(b.hi, '[area]', a.area_hi), '[focus]', a.focus_hi)
  from seed_phrase_area as a cross join seed_phrase_ability as b
) as t on t.stage = sp.stage and t.area_code = sp.area_code
      and (t.ability is null or sp.code like '%-' || upper(left(t.ability, 3)))
cross join (values ('en'), ('hi')) as l (language)
where sp.inst in (1, 2);

insert into public.hpc_evaluation_cycles (id, institution_id, academic_term_id, name, term_number, opens_on, closes_on, status)
select md5(format('cycle:%s:%s', i.no, t))::uuid, i.id, md5(format('term:%s:%s', i.no, t))::uuid,
       format('Term %s 2026-27', t), t,
       case t when 1 then date '2026-08-17' else date '2027-02-01' end,
       case t when 1 then date '2026-09-19' else date '2027-03-06' end,
       case when t = 1 then 'closed' when i.no = 3 then 'planned' else 'open' end
from seed_institution as i cross join generate_series(1, 2) as t;

-- ---------------------------------------------------------------------------------------
-- Vidya Niketan's content in Hindi and Tamil: every parameter, level and cycle, so that
-- its cards print in either language throughout (the school writes in English, its
-- default language). Sunrise has Hindi for its Foundational and Preparatory content and its
-- cycles; its Middle stage and Greenfield have none: those cards in Hindi or Tamil show the
-- English texts, marked as not yet translated.
-- ---------------------------------------------------------------------------------------
create temporary table seed_area_translation (stage text, area_code text, language text, area text);
insert into seed_area_translation values
  ('foundational', 'PHY', 'hi', 'शारीरिक विकास'),
  ('foundational', 'SEE', 'hi', 'सामाजिक-भावनात्मक और नैतिक विकास'),
  ('foundational', 'COG', 'hi', 'संज्ञानात्मक विकास'),
  ('foundational', 'LNL', 'hi', 'भाषा और साक्षरता विकास'),
  ('foundational', 'AES', 'hi', 'सौंदर्यबोध और सांस्कृतिक विकास'),
  ('foundational', 'PLH', 'hi', 'सीखने की सकारात्मक आदतें'),
  ('preparatory', 'LR1', 'hi', 'प्रथम भाषा (अंग्रेज़ी)'),
  ('preparatory', 'LR2', 'hi', 'द्वितीय भाषा (हिंदी)'),
  ('preparatory', 'MATH', 'hi', 'गणित'),
  ('preparatory', 'TWAU', 'hi', 'हमारे आस-पास की दुनिया'),
  ('preparatory', 'ART', 'hi', 'कला शिक्षा'),
  ('preparatory', 'PEWB', 'hi', 'शारीरिक शिक्षा और कल्याण'),
  ('foundational', 'PHY', 'ta', 'உடல் வளர்ச்சி'),
  ('foundational', 'SEE', 'ta', 'சமூக-உணர்வு மற்றும் அறநெறி வளர்ச்சி'),
  ('foundational', 'COG', 'ta', 'அறிவாற்றல் வளர்ச்சி'),
  ('foundational', 'LNL', 'ta', 'மொழி மற்றும் எழுத்தறிவு வளர்ச்சி'),
  ('foundational', 'AES', 'ta', 'அழகியல் மற்றும் பண்பாட்டு வளர்ச்சி'),
  ('foundational', 'PLH', 'ta', 'நேர்மறையான கற்றல் பழக்கங்கள்'),
  ('preparatory', 'LR1', 'ta', 'முதல் மொழி (ஆங்கிலம்)'),
  ('preparatory', 'LR2', 'ta', 'இரண்டாம் மொழி (இந்தி)'),
  ('preparatory', 'MATH', 'ta', 'கணிதம்'),
  ('preparatory', 'TWAU', 'ta', 'நம்மைச் சுற்றியுள்ள உலகம்'),
  ('preparatory', 'ART', 'ta', 'கலைக் கல்வி'),
  ('preparatory', 'PEWB', 'ta', 'உடற்கல்வி மற்றும் நல்வாழ்வு');

create temporary table seed_ability_translation (ability text, language text, label text, description text);
insert into seed_ability_translation values
  ('awareness', 'hi', 'जागरूकता', 'अवधारणा या कौशल को जानता/जानती और समझता/समझती है।'),
  ('sensitivity', 'hi', 'संवेदनशीलता', 'इसे सहानुभूति के साथ स्वयं, दूसरों और अपने परिवेश से जोड़ता/जोड़ती है।'),
  ('creativity', 'hi', 'सृजनात्मकता', 'इसे नए तरीक़ों से लागू करता/करती है और कुछ अपना रचता/रचती है।'),
  ('awareness', 'ta', 'விழிப்புணர்வு', 'கருத்தை அல்லது திறனை அறிந்து புரிந்துகொள்கிறார்.'),
  ('sensitivity', 'ta', 'உணர்திறன்', 'அதைத் தன்னுடனும் பிறருடனும் சுற்றுச்சூழலுடனும் பரிவுடன் தொடர்புபடுத்துகிறார்.'),
  ('creativity', 'ta', 'படைப்பாற்றல்', 'அதைப் புதிய வழிகளில் பயன்படுத்தி, தனக்கென ஒன்றை உருவாக்குகிறார்.');

insert into public.parameter_translations (institution_id, parameter_id, language, name, description, area)
select p.institution_id, p.id, a.language,
       a.area || coalesce(' — ' || b.label, ''),
       coalesce(b.description, case a.language
         when 'hi' then 'खेल, गतिविधियों और बातचीत के माध्यम से अवलोकन; कोई परीक्षा नहीं।'
         else 'விளையாட்டு, செயல்பாடுகள், உரையாடல் மூலம் கவனிக்கப்படுகிறது; தேர்வுகள் இல்லை.' end),
       a.area
from public.hpc_parameters as p
join seed_area_translation as a on a.stage = p.stage::text and a.area_code = p.area_code
left join seed_ability_translation as b on b.ability = p.ability and b.language = a.language
where p.institution_id = '10000000-0000-4000-8000-000000000001'
   or (p.institution_id = '10000000-0000-4000-8000-000000000002' and a.language = 'hi');

insert into public.rubric_translations (institution_id, rubric_id, language, label, descriptor)
select r.institution_id, r.id, l.language, l.label, coalesce(d.descriptor, l.descriptor)
from public.hpc_rubrics as r
join (values
  ('foundational', 1, 'hi', 'आरंभिक', 'बहुत सहायता से यह करता/करती है।'),
  ('foundational', 2, 'hi', 'प्रगतिशील', 'कुछ सहायता से यह करता/करती है।'),
  ('foundational', 3, 'hi', 'दक्ष', 'यह अपने आप करता/करती है।'),
  ('preparatory', 1, 'hi', 'आरंभिक', 'इसे करने के लिए सहायता चाहिए; कौशल दिखना शुरू हो रहा है।'),
  ('preparatory', 2, 'hi', 'दक्ष', 'अधिकतर समय यह स्वतंत्र रूप से करता/करती है।'),
  ('preparatory', 3, 'hi', 'उन्नत', 'यह स्वतंत्र रूप से करता/करती है और आगे बढ़कर दूसरों की मदद भी करता/करती है।'),
  ('foundational', 1, 'ta', 'தொடக்க நிலை', 'மிகுந்த உதவியுடன் இதைச் செய்கிறார்.'),
  ('foundational', 2, 'ta', 'முன்னேறும் நிலை', 'சிறிது உதவியுடன் இதைச் செய்கிறார்.'),
  ('foundational', 3, 'ta', 'தேர்ச்சி', 'இதைத் தானாகவே செய்கிறார்.'),
  ('preparatory', 1, 'ta', 'தொடக்க நிலை', 'இதைச் செய்ய உதவி தேவை; திறனை வெளிப்படுத்தத் தொடங்குகிறார்.'),
  ('preparatory', 2, 'ta', 'தேர்ச்சி', 'பெரும்பாலும் இதைத் தானாகவே செய்கிறார்.'),
  ('preparatory', 3, 'ta', 'மேம்பட்ட நிலை', 'இதைத் தானாகச் செய்து, அதற்கும் மேலே சென்று பிறருக்கு உதவுகிறார்.')
) as l (stage, ordinal, language, label, descriptor) on l.stage = r.stage::text and l.ordinal = r.ordinal
-- the descriptors of Preparatory Mathematics — Awareness
left join (values
  (1, 'hi', 'ठोस वस्तुओं और सहायता से 100 तक की संख्याएँ गिनता/गिनती और उनकी तुलना करता/करती है।'),
  (2, 'hi', '1000 तक की संख्याएँ पढ़ता, लिखता और उनकी तुलना करता/करती है; स्थानीय मान का उपयोग स्वयं करता/करती है।'),
  (3, 'hi', 'दूसरों को स्थानीय मान समझाता/समझाती है और बड़ी संख्याओं में पैटर्न पहचानता/पहचानती है।'),
  (1, 'ta', 'பொருள்களின் உதவியுடன் 100 வரையிலான எண்களை எண்ணி ஒப்பிடுகிறார்.'),
  (2, 'ta', '1000 வரையிலான எண்களைப் படித்து, எழுதி, ஒப்பிடுகிறார்; இடமதிப்பைத் தானாகப் பயன்படுத்துகிறார்.'),
  (3, 'ta', 'இடமதிப்பைப் பிறருக்கு விளக்கி, பெரிய எண்களில் உள்ள அமைப்புகளைக் கண்டறிகிறார்.')
) as d (ordinal, language, descriptor)
  on r.parameter_id is not null and d.ordinal = r.ordinal and d.language = l.language
where r.institution_id = '10000000-0000-4000-8000-000000000001'
   or (r.institution_id = '10000000-0000-4000-8000-000000000002' and l.language = 'hi');

insert into public.cycle_translations (institution_id, cycle_id, language, name)
select c.institution_id, c.id, l.language, format(l.pattern, c.term_number)
from public.hpc_evaluation_cycles as c
cross join (values ('hi', 'सत्र %s, 2026-27'), ('ta', 'பருவம் %s, 2026-27')) as l (language, pattern)
where c.institution_id = '10000000-0000-4000-8000-000000000001'
   or (c.institution_id = '10000000-0000-4000-8000-000000000002' and l.language = 'hi');

-- Approval chain: class teacher compiles and submits, coordinator reviews, principal approves
-- and publishes (the same in the three schools).
insert into public.hpc_approval_workflows (id, institution_id, kind, stage, step_order, approver_duty, name)
select md5(format('chain:%s:%s', i.no, c.step_order))::uuid, i.id, 'chain', null, c.step_order, c.duty, c.name
from seed_institution as i
cross join (values
  (1, 'class_teacher', 'Compile and submit'),
  (2, 'coordinator', 'Review'),
  (3, 'principal', 'Approve and publish')
) as c (step_order, duty, name);

-- ---------------------------------------------------------------------------------------
-- Assignments (both terms) and peer pairings (Term 1)
-- ---------------------------------------------------------------------------------------
insert into public.hpc_parameter_assignments (id, institution_id, cycle_id, parameter_id, section_id, course_id, rater_roles, teacher_id)
select md5(format('assignment:%s:%s:%s', s.id, sp.code, t))::uuid, i.id, md5(format('cycle:%s:%s', s.inst, t))::uuid,
       sp.id, s.id,
       case when sp.course_code is not null then md5(format('course:%s:%s', s.inst, sp.course_code))::uuid end,
       array['teacher', 'self', 'peer', 'parent'],
       coalesce(sc.teacher_id, s.class_teacher_id)
from seed_section as s
join seed_institution as i on i.no = s.inst
join seed_parameter as sp on sp.inst = s.inst and sp.stage = s.stage
left join public.section_courses as sc
  on sc.institution_id = i.id and sc.section_id = s.id
 and sc.course_id = md5(format('course:%s:%s', s.inst, sp.course_code))::uuid
cross join generate_series(1, 2) as t
where s.inst in (1, 2) or (s.inst = 3 and s.grade = 10 and t = 1);

create temporary table seed_roster (student_id uuid primary key, inst int, section_id uuid, grade int, stage text,
  pos int, peer_reviewer_id uuid, guardian_id uuid, class_teacher_id uuid);
insert into seed_roster (student_id, inst, section_id, grade, stage, pos, class_teacher_id)
select p.id, p.inst, s.id, p.grade, s.stage, row_number() over (partition by s.id order by p.roll, p.id), s.class_teacher_id
from seed_person as p join seed_section as s on s.inst = p.inst and s.grade = p.grade
where p.kind = 'student';
update seed_roster as r set
  peer_reviewer_id = (select r2.student_id from seed_roster as r2
                      where r2.section_id = r.section_id
                        and r2.pos = case when r.pos = (select max(r3.pos) from seed_roster as r3 where r3.section_id = r.section_id)
                                          then 1 else r.pos + 1 end),
  guardian_id = (select g.guardian_id from public.student_guardians as g where g.student_id = r.student_id and g.is_primary);

insert into public.hpc_parameter_assignments (id, institution_id, cycle_id, parameter_id, section_id, rater_roles, student_id, peer_reviewer_id)
select md5('peer_pairing:' || r.student_id)::uuid, i.id, md5(format('cycle:%s:1', r.inst))::uuid, null, r.section_id,
       array['peer'], r.student_id, r.peer_reviewer_id
from seed_roster as r join seed_institution as i on i.no = r.inst
where r.inst in (1, 2) or r.grade = 10;

-- ---------------------------------------------------------------------------------------
-- Term 1 evaluations from all four rater roles (teacher, self, peer, parent)
-- ---------------------------------------------------------------------------------------
insert into public.hpc_evaluations (
  id, institution_id, cycle_id, student_id, parameter_id, assignment_id, rater_role, rater_id,
  level_ordinal, statements_circled, observation, evidence_paths, status, submitted_at, created_by, updated_by)
select md5(format('evaluation:%s:%s:%s', a.id, r.student_id, rr.role))::uuid,
       a.institution_id, a.cycle_id, r.student_id, a.parameter_id, a.id, rr.role, x.rater_id,
       case
         when x.draft then null
         when rr.role = 'self' and r.stage = 'middle' then null -- derived from statements_circled
         else (array[1, 1, 1, 2, 2, 2, 2, 2, 3, 3])[1 + x.h % 10]
       end,
       case when rr.role = 'self' and r.stage = 'middle' and not x.draft then x.h % 7 end,
       case when rr.role = 'teacher' then
         format('%s: %s', pa.area, (array[
           'is beginning to show this; works best with a peer and step-by-step prompts.',
           'does this confidently in class activities; keep encouraging independent attempts.',
           'does this independently and often helps classmates; ready for more challenge.'])[(array[1, 1, 1, 2, 2, 2, 2, 2, 3, 3])[1 + x.h % 10]])
       end,
       case when rr.role = 'teacher' and x.h % 7 = 0
         then array[format('%s/%s/term-1/%s.jpg', a.institution_id, r.student_id, lower(sp.code))]
         else '{}'::text[] end,
       case when x.draft then 'draft' else 'submitted' end,
       case when not x.draft then timestamptz '2026-09-01 10:00+05:30' + (x.h % 400) * interval '1 hour' end,
       x.rater_id, x.rater_id
from public.hpc_parameter_assignments as a
join seed_parameter as sp on sp.id = a.parameter_id
join public.hpc_parameters as pa on pa.institution_id = a.institution_id and pa.id = a.parameter_id
join seed_roster as r on r.section_id = a.section_id
cross join unnest(array['teacher', 'self', 'peer', 'parent']) as rr (role)
cross join lateral (
  select case rr.role
           when 'teacher' then a.teacher_id
           when 'self' then r.student_id
           when 'peer' then r.peer_reviewer_id
           else r.guardian_id
         end as rater_id,
         abs(hashtext(format('%s:%s:%s', r.student_id, a.parameter_id, rr.role))) as h,
         -- Sunrise grade 3 parents have not entered their ratings yet (completion dashboards)
         (r.inst = 2 and r.grade = 3 and rr.role = 'parent') as draft
) as x
where a.cycle_id = md5(format('cycle:%s:1', r.inst))::uuid
  and a.parameter_id is not null;

-- ---------------------------------------------------------------------------------------
-- Term 1 reports in every workflow state, with their approval steps
-- ---------------------------------------------------------------------------------------
create temporary table seed_report (id uuid primary key, inst int, student_id uuid, section_id uuid, grade int,
  status text, version int, is_current boolean, supersedes_id uuid, reopen_reason text);
insert into seed_report (id, inst, student_id, section_id, grade, status, version, is_current)
select md5('report:1:' || r.student_id)::uuid, r.inst, r.student_id, r.section_id, r.grade,
       case r.inst
         when 1 then (array['published', 'published', 'approved', 'in_review', 'submitted'])[r.grade]
         when 2 then (array['published', 'published', 'draft', 'submitted', 'changes_requested', 'in_review', 'published', 'draft'])[r.grade]
         else 'draft'
       end, 1, true
from seed_roster as r
where r.inst in (1, 2) or r.grade = 10;
-- Anaya Sharma's published card was reopened (a wrong entry); version 2 is being corrected.
update seed_report set is_current = false where student_id = '00000000-0000-4000-a000-000000000009';
insert into seed_report
values (md5('report:1:v2:00000000-0000-4000-a000-000000000009')::uuid, 1, '00000000-0000-4000-a000-000000000009',
        md5('section:1:2')::uuid, 2, 'draft', 2, true, md5('report:1:00000000-0000-4000-a000-000000000009')::uuid,
        'Parent pointed out that the Term 1 height and weight were entered for another child.');

-- (The reports themselves are written after the achievements and reflections, below: the
-- card compiler reads them.)

-- ---------------------------------------------------------------------------------------
-- Achievements, reflections, conversations
-- ---------------------------------------------------------------------------------------
insert into public.hpc_achievements (
  id, institution_id, student_id, cycle_id, title, category, level, achieved_on, description, evidence_paths,
  verified_by, verified_at)
select md5('achievement:' || r.student_id)::uuid, i.id, r.student_id, md5(format('cycle:%s:1', r.inst))::uuid,
       a.title, a.category, a.level, date '2026-06-15' + (abs(hashtext(r.student_id::text)) % 100), a.description,
       array[format('%s/%s/achievements/certificate.pdf', i.id, r.student_id)],
       case when abs(hashtext(r.student_id::text)) % 2 = 0 then r.class_teacher_id end,
       case when abs(hashtext(r.student_id::text)) % 2 = 0 then timestamptz '2026-09-25 12:00+05:30' end
from seed_roster as r
join seed_institution as i on i.no = r.inst
cross join lateral (
  select * from (values
    (0, 'Inter-house kho-kho champions', 'sports', 'school', 'Captained the house team to the final.'),
    (1, 'Inter-school Hindi elocution, second prize', 'cultural', 'inter_school', 'Recited "Koshish karne walon ki haar nahi hoti".'),
    (2, 'Science exhibition: rainwater harvesting model', 'academic', 'district', 'Built a working model with classmates.'),
    (3, 'Warli painting workshop showcase', 'arts', 'school', 'Work displayed at the annual exhibition.'),
    (4, 'Swachhta drive volunteer', 'community_service', 'class', 'Led the class clean-up of the school garden.')
  ) as v (k, title, category, level, description)
  where v.k = abs(hashtext(r.student_id::text)) % 5
) as a
where abs(hashtext('achievement' || r.student_id)) % 3 = 0 or r.student_id in (
  '00000000-0000-4000-a000-000000000003', '00000000-0000-4000-a000-000000000014', '00000000-0000-4000-a000-000000000023');

create temporary table seed_reflection_scope as
select r.*, i.id as institution_id, md5(format('cycle:%s:1', r.inst))::uuid as cycle_id
from seed_roster as r join seed_institution as i on i.no = r.inst
where r.inst in (1, 2) or r.grade = 10;

insert into public.hpc_reflections (id, institution_id, student_id, cycle_id, kind, author_id, author_role, goal_id, content, body, status, submitted_at)
-- All About Me: the parent fills it in for Foundational children, the student from Preparatory on.
select md5('reflection:all_about_me:' || r.student_id)::uuid, r.institution_id, r.student_id, r.cycle_id, 'all_about_me',
       case when r.stage = 'foundational' then r.guardian_id else r.student_id end,
       case when r.stage = 'foundational' then 'parent' else 'self' end, null::uuid,
       jsonb_build_object('age', r.grade + 5, 'mother_tongue', p.profile_data ->> 'mother_tongue',
         'interests', (array[array['drawing', 'cricket'], array['dance', 'reading'], array['music', 'puzzles'],
                              array['gardening', 'football'], array['stories', 'clay modelling']])[1 + abs(hashtext(r.student_id::text)) % 5],
         'i_want_to_be', (array['a doctor', 'an astronaut', 'a teacher', 'a cricketer', 'an artist', 'an engineer'])[1 + abs(hashtext(r.student_id::text)) % 6]),
       null, 'submitted', timestamptz '2026-07-10 18:00+05:30'
from seed_reflection_scope as r join public.user_profiles as p on p.id = r.student_id
union all
select md5('reflection:self:' || r.student_id)::uuid, r.institution_id, r.student_id, r.cycle_id, 'self_reflection',
       r.student_id, 'self', null,
       jsonb_build_object('i_enjoy', 'group projects and the library period', 'i_find_difficult', 'long division and spellings',
                          'i_will_try', 'to read one storybook every week'),
       null, 'submitted', timestamptz '2026-09-12 11:00+05:30'
from seed_reflection_scope as r where r.stage <> 'foundational'
union all
select md5('reflection:goal:' || r.student_id)::uuid, r.institution_id, r.student_id, r.cycle_id, 'ambition_goal',
       r.student_id, 'self', null,
       jsonb_build_object('goals', jsonb_build_array('Improve my handwriting in Hindi', 'Run 2 km without stopping',
                                                     'Finish a science project on my own')),
       null, 'submitted', timestamptz '2026-04-20 11:00+05:30'
from seed_reflection_scope as r where r.stage in ('middle', 'secondary')
union all
select md5('reflection:partnership:' || r.student_id)::uuid, r.institution_id, r.student_id, r.cycle_id, 'parent_partnership',
       r.guardian_id, 'parent', null,
       jsonb_build_object('homework', (array['always', 'mostly', 'sometimes'])[1 + abs(hashtext(r.student_id::text)) % 3],
                          'participation', 'takes part in school events and talks about them at home',
                          'screen_time_vs_other_activities', (array['less screen time than outdoor play', 'about equal', 'more screen time than we would like'])[1 + abs(hashtext('s' || r.student_id)) % 3],
                          'my_child_enjoys', 'helping in the kitchen and playing with cousins',
                          'can_be_supported_for', 'speaking up in class'),
       null, case when r.inst = 2 and r.grade = 3 then 'draft' else 'submitted' end,
       case when not (r.inst = 2 and r.grade = 3) then timestamptz '2026-09-15 20:00+05:30' end
from seed_reflection_scope as r;

insert into public.hpc_reflections (id, institution_id, student_id, cycle_id, kind, author_id, author_role, goal_id, content, body, status, submitted_at)
select md5('reflection:review:' || r.student_id)::uuid, r.institution_id, r.student_id, r.cycle_id, 'ambition_review',
       r.student_id, 'self', md5('reflection:goal:' || r.student_id)::uuid,
       jsonb_build_object('progress', jsonb_build_array('better, but still slow', 'yes, in the last week of August', 'started, not finished')),
       'I am proud of my running. I need more practice writing in Hindi.', 'submitted', timestamptz '2026-09-14 11:00+05:30'
from seed_reflection_scope as r where r.stage in ('middle', 'secondary');

-- ---------------------------------------------------------------------------------------
-- Term 1 cards and their approval steps
-- ---------------------------------------------------------------------------------------
-- The teacher's narrative (Part C) of every carded student, then the cards themselves,
-- compiled by the same function as hpc_generate_report (one card shape everywhere; the
-- stored hash is the compiler's). A reopened card's versions share one compilation.
insert into public.report_narratives (id, institution_id, cycle_id, student_id, author_id, summary, created_at, created_by)
select md5('narrative:1:' || r.student_id)::uuid, i.id, md5(format('cycle:%s:1', r.inst))::uuid, r.student_id,
       ro.class_teacher_id,
       p.full_name || ' has settled well this term and participates eagerly in group activities.',
       timestamptz '2026-09-18 16:00+05:30', ro.class_teacher_id
from (select distinct inst, student_id from seed_report) as r
join seed_institution as i on i.no = r.inst
join seed_roster as ro on ro.student_id = r.student_id
join public.user_profiles as p on p.id = r.student_id;

with content as (
  select s.student_id, private.hpc_compile_card(i.id, md5(format('cycle:%s:1', s.inst))::uuid, s.student_id) as doc
  from (select distinct inst, student_id from seed_report) as s
  join seed_institution as i on i.no = s.inst
)
insert into public.hpc_reports (
  id, institution_id, cycle_id, student_id, version, status, is_current, content, content_hash, language,
  release_at, published_at, published_by, supersedes_id, reopen_reason)
select rep.id, i.id, md5(format('cycle:%s:1', rep.inst))::uuid, rep.student_id, rep.version, rep.status, rep.is_current,
       content.doc,
       case when rep.status <> 'draft' then private.hpc_content_hash(content.doc) end,
       'en',
       case when rep.status = 'published' then timestamptz '2026-10-15 16:00+05:30' end,
       case when rep.status = 'published' then timestamptz '2026-10-15 16:00+05:30' end,
       case when rep.status = 'published' then
         (array['00000000-0000-4000-a000-000000000004', '00000000-0000-4000-a000-000000000011',
                '00000000-0000-4000-a000-000000000021'])[rep.inst]::uuid end,
       rep.supersedes_id, rep.reopen_reason
from seed_report as rep
join seed_institution as i on i.no = rep.inst
join content on content.student_id = rep.student_id
order by rep.version;

-- The day after publishing, each class teacher shared every published card with the child's
-- primary guardian (Hindi for one family in three), and most families opened it, some more
-- than once. The links have expired since; their tokens are not kept here, as a link's
-- token never is.
insert into public.report_share_links (institution_id, id, report_id, student_id, guardian_id, language, expires_at, issued_at, issued_by)
select rep.institution_id, md5('share_link:' || rep.id)::uuid, rep.id, rep.student_id, g.guardian_id,
       case when get_byte(decode(md5('share_language:' || rep.id), 'hex'), 0) % 3 = 0 then 'hi' else 'en' end,
       timestamptz '2026-10-23 17:00+05:30', timestamptz '2026-10-16 17:00+05:30', ro.class_teacher_id
from public.hpc_reports as rep
join seed_roster as ro on ro.student_id = rep.student_id
join public.student_guardians as g on g.institution_id = rep.institution_id and g.student_id = rep.student_id and g.is_primary
where rep.status = 'published' and rep.version = 1;

insert into public.report_share_link_opens (institution_id, id, link_id, opened_at)
select l.institution_id, md5(format('share_open:%s:%s', l.id, n))::uuid, l.id,
       l.issued_at + make_interval(hours => 2 + n * 19 + get_byte(decode(md5('share_open:' || l.id), 'hex'), 1) % 17)
from public.report_share_links as l
cross join lateral generate_series(0, get_byte(decode(md5('share_open:' || l.id), 'hex'), 0) % 4 - 1) as n;

-- Each class teacher generated the section's cards in one batch, which completed.
insert into public.report_jobs (id, institution_id, kind, cycle_id, section_id, requested_by, status,
                                total, processed, succeeded, started_at, finished_at, created_at, created_by)
select md5('report_job:' || rep.section_id)::uuid, i.id, 'generate', md5(format('cycle:%s:1', rep.inst))::uuid, rep.section_id,
       ro.class_teacher_id, 'completed', count(*), count(*), count(*),
       timestamptz '2026-10-01 15:00+05:30', timestamptz '2026-10-01 15:00:08+05:30', timestamptz '2026-10-01 15:00+05:30',
       ro.class_teacher_id
from seed_report as rep
join seed_institution as i on i.no = rep.inst
join seed_roster as ro on ro.student_id = rep.student_id
where rep.version = 1
group by rep.section_id, rep.inst, i.id, ro.class_teacher_id;

insert into public.hpc_approval_workflows (
  id, institution_id, kind, step_order, approver_duty, report_id, round, chain_step_id, decision,
  decided_by, decided_role, decided_at, comment)
select md5(format('step:%s:1:%s', rep.id, s.step_order))::uuid, i.id, 'step', s.step_order, s.duty, rep.id, 1,
       md5(format('chain:%s:%s', rep.inst, s.step_order))::uuid, d.decision,
       case when d.decision <> 'pending' then
         case s.step_order
           when 1 then r.class_teacher_id
           when 2 then case when rep.inst = 2 and r.stage <> 'middle' then md5('teacher:2:2')::uuid
                            else (array['00000000-0000-4000-a000-000000000005', '00000000-0000-4000-a000-000000000012',
                                        '00000000-0000-4000-a000-000000000026'])[rep.inst]::uuid end
           else (array['00000000-0000-4000-a000-000000000004', '00000000-0000-4000-a000-000000000011',
                       '00000000-0000-4000-a000-000000000021'])[rep.inst]::uuid
         end end,
       case when d.decision <> 'pending' then s.duty end,
       case when d.decision <> 'pending' then timestamptz '2026-09-22 11:00+05:30' + s.step_order * interval '3 days' end,
       case when d.decision = 'changes_requested'
         then 'Please add a line on the Ambition Card review and check the PE levels against the observation notes.' end
from seed_report as rep
join seed_institution as i on i.no = rep.inst
join seed_roster as r on r.student_id = rep.student_id
cross join (values (1, 'class_teacher'), (2, 'coordinator'), (3, 'principal')) as s (step_order, duty)
cross join lateral (
  select case
           when rep.status in ('approved', 'published') then 'approved'
           when rep.status in ('submitted', 'in_review') and s.step_order = 1 then 'approved'
           when rep.status in ('submitted', 'in_review') and s.step_order = 2 then 'pending'
           when rep.status = 'changes_requested' and s.step_order = 1 then 'approved'
           when rep.status = 'changes_requested' and s.step_order = 2 then 'changes_requested'
         end as decision
) as d
where d.decision is not null;


insert into public.hpc_conversations (id, institution_id, thread_id, student_id, report_id, author_id, author_role, subject, body, created_at, created_by)
select v.id::uuid, v.institution_id::uuid, v.thread_id::uuid, v.student_id::uuid, v.report_id, v.author_id::uuid, v.author_role,
       v.subject, v.body, v.created_at::timestamptz, v.author_id::uuid
from (values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001',
   '00000000-0000-4000-a000-000000000003', md5('report:1:00000000-0000-4000-a000-000000000003')::uuid,
   '00000000-0000-4000-a000-000000000006', 'parent', 'Aarav''s Term 1 card: Mathematics',
   'Namaste Ma''am, Aarav says he finds place value hard. How can we help at home?', '2026-09-28 19:30+05:30'),
  ('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001',
   '00000000-0000-4000-a000-000000000003', null, '00000000-0000-4000-a000-000000000002', 'teacher', null,
   'Thank you for asking. Counting money while shopping and grouping objects in tens and hundreds helps a lot.', '2026-09-29 08:10+05:30'),
  ('20000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001',
   '00000000-0000-4000-a000-000000000003', null, '00000000-0000-4000-a000-000000000003', 'student', null,
   'I counted the coins in my piggy bank in bundles of ten!', '2026-10-02 17:45+05:30'),
  ('20000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000004',
   '00000000-0000-4000-a000-000000000014', null, '00000000-0000-4000-a000-000000000013', 'teacher', 'Ishaan''s Ambition Card goals',
   'Ishaan has set three goals for this year. Could you go through them with him this weekend?', '2026-04-24 15:00+05:30'),
  ('20000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000004',
   '00000000-0000-4000-a000-000000000014', null, '00000000-0000-4000-a000-000000000015', 'parent', null,
   'Yes, we did. He wants to add a goal about learning to swim.', '2026-04-26 21:05+05:30'),
  ('20000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000006',
   '00000000-0000-4000-a000-000000000023', null, '00000000-0000-4000-a000-000000000022', 'teacher', 'Science project group for Diya',
   'Diya will lead the ideation stage of the group project on solar cookers.', '2026-08-05 13:20+05:30')
) as v (id, institution_id, thread_id, student_id, report_id, author_id, author_role, subject, body, created_at);

-- ---------------------------------------------------------------------------------------
-- Dashboards: the analytics views refreshed and the hpc_analytics snapshots written from
-- them, exactly as the scheduled jobs do, so that a new user sees numbers at once.
-- ---------------------------------------------------------------------------------------
select count(*) as views_refreshed from analytics.refresh(null, 'manual');
select analytics.write_snapshots() as snapshots_written;

drop table seed_phrase_foundational, seed_phrase_ability, seed_phrase_area, seed_area_translation, seed_ability_translation, seed_reflection_scope, seed_report, seed_roster, seed_parameter, seed_ability, seed_area, seed_course,
  seed_section, seed_person, seed_demo_user, seed_stage, seed_institution;
