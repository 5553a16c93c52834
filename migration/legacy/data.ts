// Set-based SQL that fills a baseline BIG DAY schema with a school-shaped population:
// every statement is one generate_series, so a million profiles take seconds, not minutes.
// Ids are gen_random_uuid() like the platform's own, so keyset ranges see real spread.
import type { LegacyPreset } from './presets.ts';
import type { LegacyShape } from './shapes.ts';

const firstNames = [
  'Aarav',
  'Vivaan',
  'Aditya',
  'Ananya',
  'Diya',
  'Ishaan',
  'Kavya',
  'Meera',
  'Rohan',
  'Saanvi',
  'Arjun',
  'Priya',
  'Kabir',
  'Nandini',
  'Rahul',
  'Sneha',
  'Vikram',
  'Pooja',
  'Farhan',
  'Lakshmi',
];
const lastNames = [
  'Sharma',
  'Iyer',
  'Patel',
  'Reddy',
  'Nair',
  'Gupta',
  'Singh',
  'Das',
  'Menon',
  'Khan',
  'Joshi',
  'Rao',
  'Mukherjee',
  'Pillai',
  'Verma',
  'Bose',
  'Kulkarni',
  'Chauhan',
  'Naidu',
  'Fernandes',
];
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

/** The statements, in order. `legacyIds` are the schools' (unchecked) institution_id values. */
export function dataStatements(p: LegacyPreset, shape: LegacyShape): string[] {
  const termInstitution = shape === 'newer-baseline' ? ', institution_id' : '';
  const termInstitutionValue = shape === 'newer-baseline' ? ', s.legacy_id' : '';
  return [
    `create temp table g_schools as
       select n, md5('legacy-school-' || n)::uuid as legacy_id from generate_series(1, ${p.schools}) as n`,
    `create temp table g_people as
       select gen_random_uuid() as id, s.n as school, r.role, k
       from g_schools as s
       cross join (values ('student', ${p.studentsPerSchool}), ('teacher', ${p.teachersPerSchool}),
                          ('admin', ${p.adminsPerSchool}), ('staff', ${p.staffPerSchool})) as r (role, cnt)
       cross join lateral generate_series(1, r.cnt) as k`,
    `insert into public.user_profiles (id, full_name, email, role, admission_number, employee_id,
        current_standard, section, peer_group, gender, date_of_birth, status, accommodation_type,
        department, designation, date_of_admission, date_of_joining, parent_guardian_name, parent_contact_number)
     select id,
       (${arr(firstNames)})[1 + k % 20] || ' ' || (${arr(lastNames)})[1 + (k / 20) % 20],
       role || '.' || k || '@school' || school || '.example',
       role,
       case when role = 'student' then 'S' || school || '-' || k end,
       case when role <> 'student' then 'E' || school || '-' || left(role, 1) || '-' || k end,
       case when role = 'student' then (1 + k % ${p.grades})::text end,
       case when role = 'student' then chr(65 + ((k / ${p.grades}) / ${p.studentsPerSection}) % 26) end,
       case when role <> 'student' then 'staff'
            when k % ${p.grades} < 2 then 'pre_primary' when k % ${p.grades} < 5 then 'primary'
            when k % ${p.grades} < 10 then 'secondary' else 'higher_secondary' end,
       (array['male', 'female', 'other'])[1 + k % 3],
       date '2008-01-01' + (k % 4000),
       case when k % 97 = 0 then 'inactive' else 'active' end,
       case when role = 'student' then (array['day_boarder', 'hosteller'])[1 + k % 2] end,
       case when role = 'teacher' then (array['Science', 'Mathematics', 'Languages', 'Arts'])[1 + k % 4] end,
       case when role <> 'student' then initcap(role) end,
       case when role = 'student' then date '2015-04-01' + (k % 3000) end,
       case when role <> 'student' then date '2005-06-01' + (k % 6000) end,
       case when role = 'student' then 'Parent of ' || (${arr(firstNames)})[1 + k % 20] end,
       case when role = 'student' then '+91-98' || lpad((k % 100000000)::text, 8, '0') end
     from g_people`,
    `create temp table g_terms as
       select gen_random_uuid() as id, s.n as school, s.legacy_id, t
       from g_schools as s cross join generate_series(1, ${p.termsPerSchool}) as t`,
    `insert into public.academic_terms (id, name, start_date, end_date${termInstitution})
     select t.id, '2026-27 Term ' || t.t, date '2026-04-01' + (t.t - 1) * 183, date '2026-04-01' + t.t * 183 - 1
       ${termInstitutionValue.replace('s.', 't.')}
     from g_terms as t`,
    `create temp table g_courses as
       select gen_random_uuid() as id, s.n as school, s.legacy_id, c
       from g_schools as s cross join generate_series(0, ${p.coursesPerSchool - 1}) as c`,
    `insert into public.courses (id, title, code${termInstitution})
     select c.id, (array['Mathematics', 'Science', 'English', 'Hindi', 'Social Science', 'Art', 'Physical Education',
                         'Computer Science', 'Music', 'Sanskrit'])[1 + c.c % 10] || ' ' || (1 + c.c / 10),
            'C' || c.school || '-' || c.c ${termInstitutionValue.replace('s.', 'c.')}
     from g_courses as c`,
    `create temp table g_cohorts as
       select gen_random_uuid() as id, t.school, t.legacy_id, t.id as term_id, t.t, g as grade
       from g_terms as t cross join generate_series(1, ${p.grades}) as g`,
    `insert into public.cohorts (id, institution_id, academic_term_id, grade, stream, boarding_type)
     select id, legacy_id, term_id, grade::text, case when grade > 10 then 'Science' end, 'mixed' from g_cohorts`,
    ...sectionStatements(p),
    `create temp table g_teachers as
       select id, school, row_number() over (partition by school order by k) - 1 as t from g_people where role = 'teacher'`,
    `insert into public.section_courses (section_id, course_id, teacher_id, weekly_periods)
     select s.id, c.id, t.id, 4 + n % 3
     from g_sections as s
     cross join generate_series(0, ${p.coursesPerSection - 1}) as n
     join g_courses as c on c.school = s.school and c.c = (s.grade + n) % ${p.coursesPerSchool}
     join g_teachers as t on t.school = s.school and t.t = (s.ordinal * ${p.coursesPerSection} + n) % ${p.teachersPerSchool}`,
  ];
}

/** Sections of the current term (term 1) and their enrolments, from the temp tables g_cohorts
 * and g_people both shapes' generators make; `order` sorts the enrolments' insert. */
export function sectionStatements(p: LegacyPreset, order = ''): string[] {
  const sectionsPerGrade = Math.ceil(p.studentsPerSchool / p.grades / p.studentsPerSection);
  return [
    `create temp table g_sections as
       select gen_random_uuid() as id, c.id as cohort_id, c.school, c.grade, sno,
              row_number() over (partition by c.school order by c.grade, sno) as ordinal
       from g_cohorts as c cross join generate_series(0, ${sectionsPerGrade - 1}) as sno
       where c.t = 1`,
    `insert into public.sections (id, cohort_id, name)
     select id, cohort_id, grade || '-' || chr(65 + sno % 26) || case when sno >= 26 then (sno / 26)::text else '' end
     from g_sections`,
    `insert into public.section_students (section_id, student_id)
     select s.id, p.id
     from g_people as p
     join g_sections as s
       on s.school = p.school and s.grade = 1 + p.k % ${p.grades} and s.sno = (p.k / ${p.grades}) / ${p.studentsPerSection}
     where p.role = 'student' ${order}`,
  ];
}
