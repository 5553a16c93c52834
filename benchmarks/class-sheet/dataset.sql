-- The class sheet benchmark's school: one section of 40 Middle-stage students and one teacher
-- to whom 50 parameters (a three-level scale) are assigned in an open cycle, so that her
-- sheet has 40 × 50 = 2,000 cells. Deterministic md5 ids; loaded once per database (the
-- benchmark skips it when the institution exists).
create temp table cs (kind text, n int, id uuid) on commit drop;
insert into cs select 'student', n, md5('bench-cs:student:' || n)::uuid from generate_series(1, 40) n;
insert into cs select 'parameter', n, md5('bench-cs:param:' || n)::uuid from generate_series(1, 50) n;
insert into cs values
  ('institution', 1, md5('bench-cs:institution')::uuid), ('teacher', 1, md5('bench-cs:teacher')::uuid),
  ('term', 1, md5('bench-cs:term')::uuid), ('cycle', 1, md5('bench-cs:cycle')::uuid),
  ('cohort', 1, md5('bench-cs:cohort')::uuid), ('section', 1, md5('bench-cs:section')::uuid);

insert into public.institutions (id, name, slug)
select id, 'Benchmark Class Sheet School', 'bench-class-sheet' from cs where kind = 'institution';
insert into public.institution_feature_flags (institution_id, feature, enabled)
select id, 'hpc', true from cs where kind = 'institution';

insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
select id, 'authenticated', 'authenticated', format('%s%s@bench-cs.example', kind, n), now(), '{"provider":"email"}', '{}'
from cs where kind in ('teacher', 'student');
insert into public.user_profiles (id, institution_id, full_name, email, role, employee_id, admission_number, current_standard, peer_group)
select c.id, (select id from cs where kind = 'institution'), format('%s %s', initcap(c.kind), c.n),
       format('%s%s@bench-cs.example', c.kind, c.n), c.kind,
       case when c.kind = 'teacher' then 'BCS-T-1' end,
       case when c.kind = 'student' then format('BCS-S-%s', c.n) end,
       case when c.kind = 'student' then '7' end,
       case when c.kind = 'student' then 'secondary' else 'staff' end
from cs as c where c.kind in ('teacher', 'student');

insert into public.academic_terms (id, institution_id, name, start_date, end_date)
select id, (select id from cs where kind = 'institution'), 'Bench 2026-27', date '2026-04-01', date '2027-03-31'
from cs where kind = 'term';
insert into public.cohorts (id, institution_id, academic_term_id, grade, stream)
select id, (select id from cs where kind = 'institution'), (select id from cs where kind = 'term'), '7', 'General'
from cs where kind = 'cohort';
insert into public.sections (id, institution_id, cohort_id, name)
select id, (select id from cs where kind = 'institution'), (select id from cs where kind = 'cohort'), '7-A'
from cs where kind = 'section';
insert into public.section_students (institution_id, section_id, student_id)
select (select id from cs where kind = 'institution'), (select id from cs where kind = 'section'), id
from cs where kind = 'student';
insert into public.staff_duties (institution_id, user_id, duty, section_id)
select (select id from cs where kind = 'institution'), (select id from cs where kind = 'teacher'), 'class_teacher',
       (select id from cs where kind = 'section');

insert into public.hpc_evaluation_cycles (id, institution_id, academic_term_id, name, term_number, opens_on, closes_on, status)
select id, (select id from cs where kind = 'institution'), (select id from cs where kind = 'term'), 'Bench Term 1', 1,
       date '2026-08-17', date '2026-09-19', 'open'
from cs where kind = 'cycle';
insert into public.hpc_parameters (id, institution_id, stage, grade_band, grades, area, area_code, ability, code, name, scale_code, sort_order)
select p.id, (select id from cs where kind = 'institution'), 'middle', '6-8', '{6,7,8}',
       format('Area %s', (p.n - 1) / 5 + 1), format('AREA-%s', (p.n - 1) / 5 + 1),
       (array['awareness', 'sensitivity', 'creativity', 'collaboration', 'inquiry'])[(p.n - 1) % 5 + 1],
       format('BCS-P%s', p.n), format('Parameter %s', p.n), 'three-level', p.n
from cs as p where p.kind = 'parameter';
insert into public.hpc_rubrics (id, institution_id, stage, scale_code, ordinal, label, descriptor, icon, self_statements_min, self_statements_max)
select md5('bench-cs:rubric:' || l.o)::uuid, (select id from cs where kind = 'institution'), 'middle', 'three-level', l.o, l.label,
       l.descriptor, l.icon, l.lo, l.hi
from (values (1, 'Beginner', 'with a lot of support', 'stream', 0, 2), (2, 'Proficient', 'with some support', 'mountain', 3, 4),
             (3, 'Advanced', 'on their own', 'sky', 5, 6)) as l (o, label, descriptor, icon, lo, hi);
insert into public.hpc_parameter_assignments (institution_id, cycle_id, parameter_id, section_id, teacher_id)
select (select id from cs where kind = 'institution'), (select id from cs where kind = 'cycle'), p.id,
       (select id from cs where kind = 'section'), (select id from cs where kind = 'teacher')
from cs as p where p.kind = 'parameter';
