// Set-based SQL that fills the newer shape (newer-shape.sql, the real BIG DAY schema) with a
// school-shaped population: every statement is one generate_series or one pass over the
// previous ones, so a million profiles take a minute or two, not hours. Every one of the 21
// tables gets rows. School n's rows carry institution_id = legacySchoolId(n) where the schema
// has the column; people reach their school only through e-mail domain (@school<n>.example)
// and their class links, as on a live database.
//
// Per school: an auth.users row for every person (same id: the audit trigger's FK needs it),
// students enrolled in sections of the current term (term 1), teachers teaching section
// courses (all but the last one, who is not allocated yet: no section_courses and no load
// rules, only a first eligibility),
// admins and staff with no class link; terms, courses, cohorts, slot templates and exactly
// one allocation_settings row; one published timetable per section with its sessions;
// conflicts (some with a section and course, some with only a teacher).
//
// The audit trigger is disabled for the bulk profile insert (a million to_jsonb rows and FK
// checks); audit_logs gets what a live database would hold instead: a 'create' row for
// every member of staff (written by the school's admin in the UI) and, through the real
// trigger once it is enabled again, an 'update' row for every profile deactivated since.
import type { LegacyPreset } from './presets.ts';
import { sectionStatements } from './data.ts';

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
const subjects = [
  'Mathematics',
  'Science',
  'English',
  'Hindi',
  'Social Science',
  'Art',
  'Physical Education',
  'Computer Science',
  'Music',
  'Sanskrit',
];
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

/** Days a week the generated timetables use (Monday to Saturday). */
const DAYS = 6;

const bells = JSON.stringify({
  periods: Array.from({ length: 8 }, (_, i) => ({
    index: i + 1,
    start: `${String(8 + Math.floor((i * 45) / 60)).padStart(2, '0')}:${String((i * 45) % 60).padStart(2, '0')}`,
    minutes: 40,
  })),
  breaks: [{ after: 4, minutes: 20 }],
});

/** The statements, in order; run as `postgres` in one transaction after newer-shape.sql. */
export function newerDataStatements(p: LegacyPreset): string[] {
  if (p.teachersPerSchool < 2) throw new Error('the newer shape needs at least 2 teachers per school (one stays unallocated)');
  if (p.adminsPerSchool < 1) throw new Error('the newer shape needs an admin per school');
  const allocatable = p.teachersPerSchool - 1;
  return [
    `create temp table g_schools as
       select n, md5('legacy-school-' || n)::uuid as legacy_id, 'school' || n || '.example' as domain
       from generate_series(1, ${p.schools}) as n`,
    `create temp table g_people as
       select gen_random_uuid() as id, s.n as school, r.role, k,
              r.role || '.' || k || '@' || s.domain as email,
              (${arr(firstNames)})[1 + k % 20] || ' ' || (${arr(lastNames)})[1 + (k / 20) % 20] as full_name
       from g_schools as s
       cross join (values ('student', ${p.studentsPerSchool}), ('teacher', ${p.teachersPerSchool}),
                          ('admin', ${p.adminsPerSchool}), ('staff', ${p.staffPerSchool})) as r (role, cnt)
       cross join lateral generate_series(1, r.cnt) as k`,
    'analyze g_people',
    // The school's first admin: creator of its people, publisher of its timetables.
    `create temp table g_admins as select school, id from g_people where role = 'admin' and k = 1`,
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
        raw_app_meta_data, raw_user_meta_data, created_at, updated_at, last_sign_in_at)
     select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', email, '',
            timestamptz '2025-06-01' + k * interval '1 minute',
            '{"provider": "email", "providers": ["email"]}', jsonb_build_object('full_name', full_name, 'role', role),
            timestamptz '2025-06-01' + k * interval '1 minute', timestamptz '2025-06-01' + k * interval '1 minute',
            case when k % 3 = 0 then timestamptz '2025-11-01' + k * interval '1 second' end
     from g_people`,
    'alter table public.user_profiles disable trigger audit_user_profiles_changes',
    `insert into public.user_profiles (id, full_name, residential_address, contact_number, email, admission_number,
        employee_id, date_of_admission, date_of_joining, current_standard, section, parent_guardian_name,
        parent_contact_number, emergency_contact, accommodation_type, peer_group, role, department, designation,
        blood_group, date_of_birth, gender, nationality, religion, caste_category, status, profile_data, group_id,
        created_at, updated_at, created_by)
     select p.id, p.full_name,
       (k % 200 + 1) || ', ' || (array['MG Road', 'Vijay Nagar', 'Palasia', 'Rajwada', 'Bhawarkuan'])[1 + k % 5] || ', Indore',
       '+91-97' || lpad((k % 100000000)::text, 8, '0'),
       p.email,
       case when p.role = 'student' then 'S' || p.school || '-' || k end,
       case when p.role <> 'student' then 'E' || p.school || '-' || left(p.role, 1) || '-' || k end,
       case when p.role = 'student' then date '2015-04-01' + (k % 3000) end,
       case when p.role <> 'student' then date '2005-06-01' + (k % 6000) end,
       case when p.role = 'student' then (1 + k % ${p.grades})::text end,
       case when p.role = 'student' then chr(65 + ((k / ${p.grades}) / ${p.studentsPerSection}) % 26) end,
       case when p.role = 'student' then 'Parent of ' || (${arr(firstNames)})[1 + k % 20] end,
       case when p.role = 'student' then '+91-98' || lpad((k % 100000000)::text, 8, '0') end,
       '+91-99' || lpad((k % 100000000)::text, 8, '0'),
       case when p.role = 'student' then (array['day_boarder', 'hosteller'])[1 + k % 2] else 'day_boarder' end,
       x.peer_group, p.role,
       case when p.role = 'teacher' then (array['Science', 'Mathematics', 'Languages', 'Computer Science'])[1 + k % 4]
            when p.role = 'admin' then 'Administration' when p.role = 'staff' then 'Support Staff' end,
       case when p.role = 'teacher' then (array['PGT', 'TGT', 'PRT'])[1 + k % 3]
            when p.role = 'admin' then 'Administrator' when p.role = 'staff' then 'Office Assistant' end,
       (array['A+', 'B+', 'O+', 'AB+', 'A-', 'O-'])[1 + k % 6],
       case when p.role = 'student' then date '2008-01-01' + (k % 4000) else date '1970-01-01' + (k % 9000) end,
       (array['male', 'female', 'other'])[1 + k % 3],
       'Indian',
       (array['Hindu', 'Muslim', 'Christian', 'Sikh', 'Jain', 'Buddhist'])[1 + k % 6],
       (array['General', 'OBC', 'SC', 'ST', 'EWS'])[1 + k % 5],
       'active',
       case when p.role = 'student' then jsonb_build_object('house', (array['Red', 'Blue', 'Green', 'Yellow'])[1 + k % 4])
            else '{}'::jsonb end,
       g.id,
       timestamptz '2025-06-01' + k * interval '1 minute', timestamptz '2025-06-01' + k * interval '1 minute',
       case when p.role <> 'admin' then a.id end
     from g_people as p
     cross join lateral (select case when p.role <> 'student' then 'staff'
                                     when k % ${p.grades} < 2 then 'pre_primary' when k % ${p.grades} < 5 then 'primary'
                                     when k % ${p.grades} < 10 then 'secondary' else 'higher_secondary' end as peer_group) as x
     join g_admins as a on a.school = p.school
     left join public.user_groups as g on g.name = case
       when p.role = 'teacher' then (array['Science', 'Mathematics', 'Languages', 'Computer Science'])[1 + k % 4]
       when p.role = 'admin' then 'Administration' when p.role = 'staff' then 'Support Staff'
       else (array['Pre-Primary', 'Primary', 'Secondary', 'Higher Secondary'])[case x.peer_group
         when 'pre_primary' then 1 when 'primary' then 2 when 'secondary' then 3 else 4 end] end`,
    'alter table public.user_profiles enable trigger audit_user_profiles_changes',
    // Staff created by the school's admin in the UI: the 'create' rows the trigger wrote then.
    `insert into public.audit_logs (user_id, action, table_name, record_id, new_values, performed_by, performed_at,
        ip_address, user_agent)
     select u.id, 'create', 'user_profiles', u.id::text, to_jsonb(u), a.id, u.created_at,
            ('10.' || p.school || '.' || (p.k / 250) % 250 || '.' || 1 + p.k % 250)::inet,
            'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Safari/537.36'
     from public.user_profiles as u
     join g_people as p on p.id = u.id
     join g_admins as a on a.school = p.school
     where p.role <> 'student'`,
    // People who left since: through the real trigger (one 'update' row each).
    `update public.user_profiles as u set status = case when p.role = 'student' then 'transferred' else 'inactive' end
     from g_people as p where p.id = u.id and p.k % 97 = 0`,
    `create temp table g_terms as
       select gen_random_uuid() as id, s.n as school, s.legacy_id, t
       from g_schools as s cross join generate_series(1, ${p.termsPerSchool}) as t`,
    `insert into public.academic_terms (id, institution_id, name, start_date, end_date, frozen)
     select id, legacy_id, '2026-27 Term ' || t, date '2026-04-01' + (t - 1) * 183, date '2026-04-01' + t * 183 - 1, false
     from g_terms`,
    `create temp table g_courses as
       select gen_random_uuid() as id, s.n as school, s.legacy_id, c
       from g_schools as s cross join generate_series(0, ${p.coursesPerSchool - 1}) as c`,
    `insert into public.courses (id, institution_id, title, code, description, active)
     select id, legacy_id, (${arr(subjects)})[1 + c % 10] || ' ' || (1 + c / 10), 'C' || school || '-' || c,
            'Core ' || lower((${arr(subjects)})[1 + c % 10]) || ' course', true
     from g_courses`,
    `create temp table g_cohorts as
       select gen_random_uuid() as id, t.school, t.legacy_id, t.id as term_id, t.t, g as grade
       from g_terms as t cross join generate_series(1, ${p.grades}) as g`,
    `insert into public.cohorts (id, institution_id, academic_term_id, stream, grade, boarding_type, periods_per_day, days_per_week)
     select id, legacy_id, term_id, case when grade > 10 then 'Science' else 'General' end, grade::text,
            case when grade % 4 = 0 then 'hosteller' else 'day_scholar' end, 8, ${DAYS}
     from g_cohorts`,
    // Sections, enrolments and teaching for the current term (term 1).
    ...sectionStatements(p, 'order by s.id'),
    // Every teacher but the school's last, who joined lately and is not allocated yet.
    `create temp table g_teachers as
       select id, school, k, row_number() over (partition by school order by k) - 1 as t
       from g_people where role = 'teacher' and k < ${p.teachersPerSchool}`,
    `insert into public.section_courses (section_id, course_id, teacher_id, weekly_theory_periods, weekly_lab_periods,
        lab_block_size, priority)
     select s.id, c.id, t.id, 4 + n % 3, case when c.c % 10 in (1, 7) then 2 else 0 end,
            case when c.c % 10 in (1, 7) then 2 else 1 end, 1 + n % 3
     from g_sections as s
     cross join generate_series(0, ${p.coursesPerSection - 1}) as n
     join g_courses as c on c.school = s.school and c.c = (s.grade + n) % ${p.coursesPerSchool}
     join g_teachers as t on t.school = s.school and t.t = (s.ordinal * ${p.coursesPerSection} + n) % ${allocatable}`,
    'analyze public.section_courses',
    // Eligibility: what each teacher teaches, and for the unallocated one two courses and a grade.
    `insert into public.teacher_subject_eligibility (teacher_id, course_id)
     select distinct teacher_id, course_id from public.section_courses
     union
     select p.id, c.id from g_people as p join g_courses as c on c.school = p.school and c.c < 2
     where p.role = 'teacher' and p.k = ${p.teachersPerSchool}`,
    `insert into public.teacher_grade_eligibility (teacher_id, grade)
     select distinct sc.teacher_id, s.grade::text from public.section_courses as sc join g_sections as s on s.id = sc.section_id
     union
     select id, '1' from g_people where role = 'teacher' and k = ${p.teachersPerSchool}`,
    `insert into public.teacher_load_rules (teacher_id, max_periods_per_day, max_periods_per_week, availability)
     select id, 6, case when k % 10 = 0 then 24 else 30 end,
            case when k % 5 = 0 then '{"unavailable": [{"day": 6, "periods": [5, 6, 7, 8]}]}'::jsonb else '{}'::jsonb end
     from g_people where role = 'teacher' and k < ${p.teachersPerSchool}`,
    `create temp table g_templates as
       select gen_random_uuid() as id, s.n as school, s.legacy_id, v as variant
       from g_schools as s cross join generate_series(1, 2) as v`,
    `insert into public.slot_templates (id, institution_id, name, days_per_week, periods_per_day, bells)
     select id, legacy_id, case variant when 1 then 'Regular day' else 'Senior wing' end, ${DAYS}, 8, '${bells}'::jsonb
     from g_templates`,
    // Each current cohort gets the regular day; senior sections (grade 11 and 12) the senior wing.
    `insert into public.slot_template_assignments (slot_template_id, cohort_id, section_id)
     select t.id, c.id, null from g_cohorts as c join g_templates as t on t.school = c.school and t.variant = 1 where c.t = 1
     union all
     select t.id, null, s.id from g_sections as s join g_templates as t on t.school = s.school and t.variant = 2 where s.grade > 10`,
    `insert into public.allocation_settings (institution_id, teacher_max_periods_per_day, class_periods_per_day, days_per_week)
     select legacy_id, 6, 8, ${DAYS} from g_schools`,
    `create temp table g_timetables as
       select gen_random_uuid() as id, s.id as section_id, s.school, s.ordinal, t.id as term_id, a.id as admin_id
       from g_sections as s
       join g_terms as t on t.school = s.school and t.t = 1
       join g_admins as a on a.school = s.school`,
    `insert into public.timetables (id, section_id, academic_term_id, status, generated_at, generated_by, published_at, published_by)
     select id, section_id, term_id, 'published', timestamptz '2026-03-20 10:00+05:30' + ordinal * interval '1 minute', admin_id,
            timestamptz '2026-03-25 09:00+05:30', admin_id
     from g_timetables`,
    // One row per period: theory periods, then lab periods, laid out over the week in order.
    `insert into public.timetable_sessions (timetable_id, section_id, course_id, teacher_id, day_of_week, period_index,
        duration_periods, session_type, locked)
     select tt.id, x.section_id, x.course_id, x.teacher_id, 1 + x.slot % ${DAYS}, 1 + x.slot / ${DAYS}, 1,
            x.session_type, x.slot % 11 = 0
     from (select sc.section_id, sc.course_id, sc.teacher_id,
                  case when j > sc.weekly_theory_periods then 'lab' else 'theory' end as session_type,
                  row_number() over (partition by sc.section_id order by sc.priority, sc.course_id, j) - 1 as slot
           from public.section_courses as sc
           cross join lateral generate_series(1, sc.weekly_theory_periods + sc.weekly_lab_periods) as j) as x
     join g_timetables as tt on tt.section_id = x.section_id`,
    // Conflicts the generator reported: a double-booked section (with its section and course)
    // for every eighth section; a teacher-only one for every fifth allocated teacher.
    `insert into public.timetable_conflicts (teacher_id, section_id, course_id, day_of_week, period_index, conflict_type,
        details, resolved)
     select sc.teacher_id, sc.section_id, sc.course_id, 1 + s.ordinal % ${DAYS}, 1 + s.ordinal % 8,
            case when s.ordinal % 16 = 1 then 'resource_conflict' else 'section_double_booked' end,
            jsonb_build_object('message', 'two courses in one period', 'section', s.ordinal), s.ordinal % 3 = 0
     from g_sections as s
     join lateral (select * from public.section_courses as c where c.section_id = s.id order by c.course_id limit 1) as sc on true
     where s.ordinal % 8 = 1
     union all
     select t.id, null, null, 1 + t.t % ${DAYS}, 1 + t.t % 8, 'teacher_double_booked',
            jsonb_build_object('message', 'teacher booked in two sections at once'), t.t % 2 = 0
     from g_teachers as t where t.t % 5 = 0`,
    // Reports generate_report wrote (it never sets generated_by).
    `insert into public.system_reports (name, type, filters, generated_at, file_path, status, file_size, download_count)
     select (array['User summary', 'Academic report', 'Attendance summary', 'Performance analysis'])[1 + i % 4] || ' ' || i,
            (array['user_summary', 'academic_report', 'attendance_summary', 'performance_analysis'])[1 + i % 4],
            jsonb_build_object('role', (array['student', 'teacher', null])[1 + i % 3]),
            timestamptz '2026-01-05 11:00+05:30' + i * interval '1 day',
            'reports/' || (array['user_summary', 'academic_report', 'attendance_summary', 'performance_analysis'])[1 + i % 4]
              || '-' || i || '.json',
            case when i % 7 = 6 then 'failed' else 'completed' end, 20000 + i * 137, i % 5
     from generate_series(1, ${p.schools * 4}) as i`,
    `insert into public.user_permissions (user_id, permission, resource, granted_by, granted_at, expires_at)
     select p.id, x.permission, x.resource, a.id, timestamptz '2025-06-02' + p.k * interval '1 hour', null
     from g_people as p
     join g_admins as a on a.school = p.school
     cross join (values ('manage_users', 'user_profiles'), ('manage_timetables', 'timetables'), ('export_reports', null))
       as x (permission, resource)
     where p.role = 'admin'
     union all
     select p.id, 'view_students', 'user_profiles', a.id, timestamptz '2025-06-02' + p.k * interval '1 hour',
            timestamptz '2027-03-31'
     from g_people as p join g_admins as a on a.school = p.school
     where p.role = 'teacher' and p.k % 3 = 0`,
  ];
}
