// What the HPC adds to a school's tenancy: the feature flag that switches it on, the staff's
// duties (who teaches, coordinates, approves), and which guardian belongs to which student.
import { ADMIN_INSERT, ADMIN_ONLY, LEADERS, MEMBERS_READ, NO_GRANT, TAUGHT } from './shared-rules.ts';
import { all, none, refused, rows, type TableRules } from './rules.ts';

export const HPC_TENANCY: TableRules[] = [
  {
    table: 'institution_feature_flags',
    scope: 'institution_id = {institution}',
    select: MEMBERS_READ,
    insert: {
      columns: 'institution_id, feature, enabled',
      values: `{institution}, 'hpc', true`,
      rules: { ...ADMIN_INSERT, institution_admin: refused('23505', 'the flag row exists already: admins switch it with update') },
    },
    update: { set: 'note = note', rules: ADMIN_ONLY('its admins switch the flag') },
    delete: { target: 'true', rules: NO_GRANT },
    serviceInsert: refused('23505', 'one row per feature'),
  },
  {
    table: 'staff_duties',
    scope: 'institution_id = {institution}',
    select: {
      student: none('only staff read duties'),
      parent: none('only staff read duties'),
      teacher: all('staff read who does what'),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, user_id, duty, section_id, course_id',
      values: `{institution}, {teacher2}, 'subject_teacher', {section1}, {course}`,
      rules: ADMIN_INSERT,
    },
    update: { set: 'active = active', rules: ADMIN_ONLY() },
    delete: { target: 'id = {duty_spare}', rules: ADMIN_ONLY() },
  },
  {
    table: 'student_guardians',
    scope: 'institution_id = {institution}',
    select: {
      student: rows('links to themselves', 'student_id = {me}'),
      parent: rows('their own links', 'guardian_id = {me}'),
      teacher: rows('links of their students', TAUGHT),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, student_id, guardian_id, relationship',
      values: `{institution}, {classmate}, {parent2}, 'mother'`,
      rules: ADMIN_INSERT,
    },
    update: { set: 'relationship = relationship', rules: ADMIN_ONLY() },
    delete: { target: 'guardian_id = {parent2}', rules: ADMIN_ONLY() },
  },
];
