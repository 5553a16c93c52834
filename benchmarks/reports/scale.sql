-- The scale dataset of `npm run bench:reports`: one Middle-stage institution of 2,000
-- students (grade 7, 50 sections of 40), every student with two parents' worth of ratings:
-- 27 parameters (9 areas × 3 abilities) × 4 rater roles × 2 terms ≈ 216 evaluations per
-- student (432,000 in all), narratives, achievements, reflections. Deterministic md5 ids;
-- loaded once per database (the benchmark skips it when the institution exists).
-- Staff: principal, coordinator, 50 class teachers, 1 subject teacher (who rates).
create temp table b5 (kind text, n int, id uuid) on commit drop;
insert into b5 select 'student', n, md5('bench5:student:' || n)::uuid from generate_series(1, 2000) n;
insert into b5 select 'parent', n, md5('bench5:parent:' || n)::uuid from generate_series(1, 2000) n;
insert into b5 select 'class_teacher', n, md5('bench5:ct:' || n)::uuid from generate_series(1, 50) n;
insert into b5 select 'section', n, md5('bench5:section:' || n)::uuid from generate_series(1, 50) n;
insert into b5 select 'parameter', n, md5('bench5:param:' || n)::uuid from generate_series(1, 27) n;
insert into b5 values
  ('institution', 1, md5('bench5:institution')::uuid), ('principal', 1, md5('bench5:principal')::uuid),
  ('coordinator', 1, md5('bench5:coordinator')::uuid), ('subject_teacher', 1, md5('bench5:st')::uuid),
  ('term', 1, md5('bench5:term:1')::uuid), ('term', 2, md5('bench5:term:2')::uuid),
  ('cycle', 1, md5('bench5:cycle:1')::uuid), ('cycle', 2, md5('bench5:cycle:2')::uuid),
  ('cohort', 1, md5('bench5:cohort')::uuid), ('course', 1, md5('bench5:course')::uuid);


insert into public.institutions (id, name, slug) select id, 'Benchmark Middle School (2,000 students)', 'bench-reports-scale' from b5 where kind = 'institution';
insert into public.institution_feature_flags (institution_id, feature, enabled) select id, 'hpc', true from b5 where kind = 'institution';

insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
select b.id, 'authenticated', 'authenticated', format('%s%s@bench5.example', b.kind, b.n), now(), '{"provider":"email"}', '{}'
from b5 b where b.kind in ('principal', 'coordinator', 'class_teacher', 'subject_teacher', 'student', 'parent');

insert into public.user_profiles (id, institution_id, full_name, email, role, employee_id, admission_number, current_standard, peer_group, gender, date_of_birth)
select b.id, (select id from b5 where kind = 'institution'),
       case b.kind when 'student' then format('Student %s', b.n) when 'parent' then format('Parent %s', b.n) else format('%s %s', initcap(replace(b.kind, '_', ' ')), b.n) end,
       format('%s%s@bench5.example', b.kind, b.n),
       case b.kind when 'student' then 'student' when 'parent' then 'parent' else 'teacher' end,
       case when b.kind in ('principal', 'coordinator', 'class_teacher', 'subject_teacher') then format('B5-%s-%s', b.kind, b.n) end,
       case when b.kind = 'student' then format('B5-S-%s', b.n) end,
       case when b.kind = 'student' then '7' end,
       case when b.kind = 'student' then 'secondary' when b.kind = 'parent' then null else 'staff' end,
       case when b.n % 2 = 0 then 'female' else 'male' end,
       case when b.kind = 'student' then date '2013-01-01' + (b.n % 365) else date '1980-01-01' + (b.n % 3650) end
from b5 b where b.kind in ('student', 'parent', 'principal', 'coordinator', 'class_teacher', 'subject_teacher');

insert into public.student_guardians (institution_id, student_id, guardian_id, relationship, is_primary)
select (select id from b5 where kind = 'institution'), s.id, p.id, 'mother', true
from b5 s join b5 p on p.kind = 'parent' and p.n = s.n where s.kind = 'student';

insert into public.academic_terms (id, institution_id, name, start_date, end_date)
select id, (select id from b5 where kind = 'institution'), format('Bench 2026-27 Term %s', n),
       case n when 1 then date '2026-04-01' else date '2026-10-01' end,
       case n when 1 then date '2026-09-30' else date '2027-03-31' end
from b5 where kind = 'term';
insert into public.courses (id, institution_id, title, code) select id, (select id from b5 where kind = 'institution'), 'Mathematics', 'B5-MATH' from b5 where kind = 'course';
insert into public.cohorts (id, institution_id, academic_term_id, grade, stream)
select id, (select id from b5 where kind = 'institution'), (select id from b5 where kind = 'term' and n = 1), '7', 'General' from b5 where kind = 'cohort';
insert into public.sections (id, institution_id, cohort_id, name)
select id, (select id from b5 where kind = 'institution'), (select id from b5 where kind = 'cohort'), format('7-%s', n) from b5 where kind = 'section';
-- student n is in section ceil(n / 40)
insert into public.section_students (institution_id, section_id, student_id)
select (select id from b5 where kind = 'institution'), x.id, s.id
from b5 s join b5 x on x.kind = 'section' and x.n = (s.n - 1) / 40 + 1 where s.kind = 'student';

insert into public.staff_duties (institution_id, user_id, duty, section_id, course_id, stage)
select (select id from b5 where kind = 'institution'), id, 'principal', null::uuid, null::uuid, null::text from b5 where kind = 'principal'
union all select (select id from b5 where kind = 'institution'), id, 'coordinator', null, null, 'middle' from b5 where kind = 'coordinator'
union all select (select id from b5 where kind = 'institution'), t.id, 'class_teacher', x.id, null, null
  from b5 t join b5 x on x.kind = 'section' and x.n = t.n where t.kind = 'class_teacher'
union all select (select id from b5 where kind = 'institution'), (select id from b5 where kind = 'subject_teacher'), 'subject_teacher', x.id, (select id from b5 where kind = 'course'), null
  from b5 x where x.kind = 'section';

insert into public.hpc_evaluation_cycles (id, institution_id, academic_term_id, name, term_number, opens_on, closes_on, status)
select c.id, (select id from b5 where kind = 'institution'), t.id, format('Bench Term %s', c.n), c.n,
       case c.n when 1 then date '2026-08-17' else date '2027-02-01' end,
       case c.n when 1 then date '2026-09-19' else date '2027-03-06' end, 'open'
from b5 c join b5 t on t.kind = 'term' and t.n = c.n where c.kind = 'cycle';

insert into public.hpc_parameters (id, institution_id, stage, grade_band, grades, area, area_code, ability, code, name, scale_code, sort_order)
select p.id, (select id from b5 where kind = 'institution'), 'middle', '6-8', '{6,7,8}',
       (array['Language R1', 'Language R2', 'Language R3', 'Mathematics', 'Science', 'Social Science', 'Art Education',
              'Physical Education and Well-being', 'Skill Education'])[(p.n - 1) / 3 + 1],
       format('AREA-%s', (p.n - 1) / 3 + 1),
       (array['awareness', 'sensitivity', 'creativity'])[(p.n - 1) % 3 + 1],
       format('B5-P%s', p.n), format('Parameter %s of area %s', (p.n - 1) % 3 + 1, (p.n - 1) / 3 + 1), 'three-level', p.n
from b5 p where p.kind = 'parameter';
insert into public.hpc_rubrics (id, institution_id, stage, scale_code, ordinal, label, descriptor, icon, self_statements_min, self_statements_max)
select md5('bench5:rubric:' || l.o)::uuid, (select id from b5 where kind = 'institution'), 'middle', 'three-level', l.o, l.label, l.descriptor, l.icon, l.lo, l.hi
from (values (1, 'Beginner', 'with a lot of support', 'stream', 0, 2), (2, 'Proficient', 'with some support', 'mountain', 3, 4),
             (3, 'Advanced', 'on their own', 'sky', 5, 6)) as l (o, label, descriptor, icon, lo, hi);

insert into public.hpc_parameter_assignments (institution_id, cycle_id, parameter_id, section_id, teacher_id)
select (select id from b5 where kind = 'institution'), c.id, p.id, x.id, (select id from b5 where kind = 'subject_teacher')
from b5 c cross join b5 p cross join b5 x where c.kind = 'cycle' and p.kind = 'parameter' and x.kind = 'section';
-- each student is reviewed by the next one in the section
insert into public.hpc_parameter_assignments (institution_id, cycle_id, parameter_id, section_id, rater_roles, student_id, peer_reviewer_id)
select (select id from b5 where kind = 'institution'), c.id, null, x.id, '{peer}', s.id, r.id
from b5 c cross join b5 s
join b5 x on x.kind = 'section' and x.n = (s.n - 1) / 40 + 1
join b5 r on r.kind = 'student' and r.n = case when s.n % 40 = 0 then s.n - 39 else s.n + 1 end
where c.kind = 'cycle' and s.kind = 'student';

insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, rubric_id, level_ordinal, statements_circled, status, submitted_at)
select (select id from b5 where kind = 'institution'), c.id, s.id, p.id, r.role,
       case r.role when 'teacher' then (select id from b5 where kind = 'subject_teacher')
                   when 'self' then s.id
                   when 'parent' then g.id
                   else pr.id end,
       case when r.role <> 'self' then md5('bench5:rubric:' || (1 + (s.n + p.n + c.n + r.k) % 3))::uuid end,
       case when r.role <> 'self' then 1 + (s.n + p.n + c.n + r.k) % 3 end,
       case when r.role = 'self' then (s.n * 7 + p.n + c.n) % 7 end,
       'submitted', timestamptz '2026-09-01 10:00+05:30' + make_interval(days => (c.n - 1) * 150)
from b5 c cross join b5 p cross join b5 s
join b5 g on g.kind = 'parent' and g.n = s.n
join b5 pr on pr.kind = 'student' and pr.n = case when s.n % 40 = 1 then s.n + 39 else s.n - 1 end
cross join (values ('teacher', 0), ('self', 1), ('peer', 2), ('parent', 3)) as r (role, k)
where c.kind = 'cycle' and p.kind = 'parameter' and s.kind = 'student';

insert into public.report_narratives (institution_id, cycle_id, student_id, author_id, summary, strengths, barriers)
select (select id from b5 where kind = 'institution'), c.id, s.id, t.id, format('Student %s works steadily and asks good questions in term %s.', s.n, c.n),
       'Curiosity, teamwork', 'Time management'
from b5 c cross join b5 s join b5 t on t.kind = 'class_teacher' and t.n = (s.n - 1) / 40 + 1
where c.kind = 'cycle' and s.kind = 'student';
insert into public.hpc_achievements (institution_id, student_id, cycle_id, title, category, level, achieved_on)
select (select id from b5 where kind = 'institution'), s.id, (select id from b5 where kind = 'cycle' and n = 1), 'Science fair participation', 'academic', 'school', date '2026-08-20'
from b5 s where s.kind = 'student' and s.n % 3 = 0;
insert into public.hpc_reflections (institution_id, student_id, cycle_id, kind, author_id, author_role, content, body, status, submitted_at)
select (select id from b5 where kind = 'institution'), s.id, (select id from b5 where kind = 'cycle' and n = 1), 'all_about_me', s.id, 'self',
       '{"mother_tongue": "Hindi", "interests": ["football", "drawing"], "i_want_to_be": "engineer"}'::jsonb, null, 'submitted', timestamptz '2026-08-05'
from b5 s where s.kind = 'student'
union all
select (select id from b5 where kind = 'institution'), s.id, c.id, 'parent_partnership', g.id, 'parent', '{"homework": "regular"}', 'Enjoys reading.', 'submitted', timestamptz '2026-09-02'
from b5 s join b5 g on g.kind = 'parent' and g.n = s.n cross join b5 c where s.kind = 'student' and c.kind = 'cycle';
