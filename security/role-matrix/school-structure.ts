// The school's structure as BIG DAY keeps it: the institution, its people, terms, courses,
// cohorts and sections, and who is in or teaches which section.
import { ADMIN_INSERT, ADMIN_ONLY, LEADERS, MEMBERS_READ, NO_GRANT } from './shared-rules.ts';
import { all, refused, rows, type TableRules } from './rules.ts';

export const SCHOOL_STRUCTURE: TableRules[] = [
  {
    table: 'institutions',
    scope: 'id = {institution}',
    select: MEMBERS_READ,
    insert: { columns: 'name, slug', values: `'New school', 'new-school-{side}'`, rules: NO_GRANT },
    update: { set: 'name = name', rules: ADMIN_ONLY('its admins edit name and settings') },
    delete: { target: 'true', rules: NO_GRANT },
    serviceDelete: refused('23503', 'the institution still has rows'),
  },
  {
    table: 'user_profiles',
    scope: 'institution_id = {institution}',
    select: {
      student: rows('themselves, their teachers, classmates they review', `id in ({student}, {teacher})`),
      parent: rows("themselves, their children, their children's teachers", `id in ({parent}, {student}, {teacher})`),
      teacher: rows(
        "themselves, all staff, their students and those students' guardians",
        `role in ('teacher', 'admin', 'staff') or id in ({student}, {classmate}, {parent})`,
      ),
      ...LEADERS,
    },
    insert: {
      // A new person's account exists before the profile, as BIG DAY's user management makes
      // them: its audit trigger logs the profile under the account's id.
      columns: 'id, institution_id, full_name, email, role, admission_number',
      values: `{account_new}, {institution}, 'New student', 'new-{side}@fixture.example', 'student', 'NEW-{side}'`,
      rules: ADMIN_INSERT,
    },
    update: {
      set: 'full_name = full_name',
      rules: {
        student: rows('own profile (not role, not institution)', 'id = {me}'),
        parent: rows('own profile (not role, not institution)', 'id = {me}'),
        teacher: rows('own profile (not role, not institution)', 'id = {me}'),
        coordinator: rows('own profile (not role, not institution)', 'id = {me}'),
        principal: rows('own profile (not role, not institution)', 'id = {me}'),
        institution_admin: all('every profile of the institution (not role, not institution)'),
      },
    },
    delete: { target: 'id = {person_spare}', rules: ADMIN_ONLY() },
  },
  ...(['academic_terms', 'courses', 'cohorts', 'sections'] as const).map(
    (table): TableRules => ({
      table,
      scope: 'institution_id = {institution}',
      select: MEMBERS_READ,
      insert: {
        columns: {
          academic_terms: 'institution_id, name, start_date, end_date',
          courses: 'institution_id, title, code',
          cohorts: 'institution_id, academic_term_id, grade, stream',
          sections: 'institution_id, cohort_id, name',
        }[table],
        values: {
          academic_terms: `{institution}, 'New term', '2028-04-01', '2028-09-30'`,
          courses: `{institution}, 'Science', 'SCI'`,
          cohorts: `{institution}, {term}, '6', 'General'`,
          sections: `{institution}, {cohort}, '4-D'`,
        }[table],
        rules: ADMIN_INSERT,
      },
      update: {
        set: { academic_terms: 'name = name', courses: 'title = title', cohorts: 'grade = grade', sections: 'name = name' }[table],
        rules: ADMIN_ONLY(),
      },
      delete: {
        target: {
          academic_terms: 'id = {term_spare}',
          courses: 'id = {course_spare}',
          cohorts: 'id = {cohort_spare}',
          sections: 'id = {section_spare}',
        }[table],
        rules: ADMIN_ONLY(),
      },
    }),
  ),
  {
    table: 'section_students',
    scope: 'institution_id = {institution}',
    select: MEMBERS_READ,
    insert: { columns: 'institution_id, section_id, student_id', values: '{institution}, {section2}, {classmate}', rules: ADMIN_INSERT },
    update: { set: 'section_id = section_id', rules: ADMIN_ONLY() },
    delete: { target: 'student_id = {other}', rules: ADMIN_ONLY() },
  },
  {
    table: 'section_courses',
    scope: 'institution_id = {institution}',
    select: MEMBERS_READ,
    insert: {
      columns: 'institution_id, section_id, course_id, teacher_id',
      values: '{institution}, {section2}, {course}, {teacher2}',
      rules: ADMIN_INSERT,
    },
    update: { set: 'weekly_theory_periods = weekly_theory_periods', rules: ADMIN_ONLY() },
    delete: { target: 'true', rules: ADMIN_ONLY() },
  },
];
