// BIG DAY's other tables: every row carries its school; its admins write, and who reads is
// set per table (members, staff, or admins) in 20250201000200..241.
import { ADMIN_INSERT, ADMIN_ONLY, LEADERS, MEMBERS_READ } from './shared-rules.ts';
import { all, none, type PerRole, rows, type TableRules } from './rules.ts';

/** BIG DAY's allocation data: its staff (BIG DAY roles teacher, admin, staff) read it. */
const STAFF_READ: PerRole = {
  student: none('only staff read it'),
  parent: none('only staff read it'),
  teacher: all('staff read it'),
  ...LEADERS,
};
const PUBLIC_SETTINGS = rows('public and branding settings', `category in ('public', 'branding')`);

export const BIG_DAY_OPERATIONS: TableRules[] = [
  {
    table: 'user_groups',
    scope: 'institution_id = {institution}',
    select: MEMBERS_READ,
    insert: { columns: 'institution_id, name, type', values: `{institution}, 'Debate club', 'custom'`, rules: ADMIN_INSERT },
    update: { set: 'name = name', rules: ADMIN_ONLY() },
    delete: { target: 'true', rules: ADMIN_ONLY() },
  },
  {
    table: 'user_permissions',
    scope: 'institution_id = {institution}',
    select: {
      student: rows('their own', 'user_id = {me}'),
      parent: rows('their own', 'user_id = {me}'),
      teacher: rows('their own', 'user_id = {me}'),
      coordinator: rows('their own', 'user_id = {me}'),
      principal: rows('their own', 'user_id = {me}'),
      institution_admin: all(),
    },
    insert: { columns: 'institution_id, user_id, permission', values: `{institution}, {classmate}, 'library.borrow'`, rules: ADMIN_INSERT },
    update: { set: 'permission = permission', rules: ADMIN_ONLY() },
    delete: { target: 'true', rules: ADMIN_ONLY() },
  },
  {
    table: 'system_reports',
    scope: 'institution_id = {institution}',
    select: ADMIN_ONLY("institution admins read their school's reports"),
    insert: { columns: 'institution_id, name, type', values: `{institution}, 'Marks', 'academic_report'`, rules: ADMIN_INSERT },
    update: { set: 'name = name', rules: ADMIN_ONLY() },
    delete: { target: 'true', rules: ADMIN_ONLY() },
  },
  {
    table: 'system_settings',
    scope: 'institution_id = {institution}',
    select: {
      student: PUBLIC_SETTINGS,
      parent: PUBLIC_SETTINGS,
      teacher: PUBLIC_SETTINGS,
      coordinator: PUBLIC_SETTINGS,
      principal: PUBLIC_SETTINGS,
      institution_admin: all('every setting of the institution'),
    },
    insert: {
      columns: 'institution_id, key, value, category',
      values: `{institution}, 'school_colour', 'blue', 'branding'`,
      rules: ADMIN_INSERT,
    },
    update: { set: 'value = value', rules: ADMIN_ONLY() },
    delete: { target: 'true', rules: ADMIN_ONLY() },
  },
  ...(
    [
      'teacher_subject_eligibility',
      'teacher_grade_eligibility',
      'teacher_load_rules',
      'slot_templates',
      'allocation_settings',
      'slot_template_assignments',
      'timetables',
      'timetable_sessions',
      'timetable_conflicts',
    ] as const
  ).map(
    (table): TableRules => ({
      table,
      scope: 'institution_id = {institution}',
      select: ['timetables', 'timetable_sessions'].includes(table) ? MEMBERS_READ : STAFF_READ,
      insert: {
        columns: {
          teacher_subject_eligibility: 'institution_id, teacher_id, course_id',
          teacher_grade_eligibility: 'institution_id, teacher_id, grade',
          teacher_load_rules: 'institution_id, teacher_id',
          slot_templates: 'institution_id, name',
          allocation_settings: 'institution_id',
          slot_template_assignments: 'institution_id, slot_template_id, section_id',
          timetables: 'institution_id, section_id, academic_term_id',
          timetable_sessions: 'institution_id, timetable_id, section_id, course_id, teacher_id, day_of_week, period_index',
          timetable_conflicts: 'institution_id, teacher_id, section_id, course_id, day_of_week, period_index, conflict_type',
        }[table],
        values: {
          teacher_subject_eligibility: '{institution}, {teacher2}, {course}',
          teacher_grade_eligibility: `{institution}, {teacher2}, '5'`,
          teacher_load_rules: '{institution}, {teacher2}',
          slot_templates: `{institution}, 'Saturdays'`,
          allocation_settings: '{institution}',
          slot_template_assignments: '{institution}, {slot_template}, {section2}',
          timetables: '{institution}, {section2}, {term}',
          timetable_sessions: '{institution}, {timetable}, {section1}, {course}, {teacher}, 2, 3',
          timetable_conflicts: `{institution}, {teacher}, {section1}, {course}, 2, 3, 'section_double_booked'`,
        }[table],
        rules: ADMIN_INSERT,
      },
      update: {
        set: {
          teacher_subject_eligibility: 'course_id = course_id',
          teacher_grade_eligibility: 'grade = grade',
          teacher_load_rules: 'max_periods_per_day = max_periods_per_day',
          slot_templates: 'name = name',
          allocation_settings: 'days_per_week = days_per_week',
          slot_template_assignments: 'cohort_id = cohort_id',
          timetables: 'status = status',
          timetable_sessions: 'locked = locked',
          timetable_conflicts: 'resolved = resolved',
        }[table],
        rules: ADMIN_ONLY(),
      },
      delete: { target: 'true', rules: ADMIN_ONLY() },
    }),
  ),
];
