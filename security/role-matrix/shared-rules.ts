// Per-role rule sets that several table families share: who leads a school, who reads what
// every member reads, and who may write what only institution admins write.
import { accepted, all, denied, none, type PerRole, rows } from './rules.ts';

export const LEADERS = { coordinator: all(), principal: all(), institution_admin: all() };
export const ADMIN_ONLY = (text = 'institution admins only'): PerRole => ({
  student: none(),
  parent: none(),
  teacher: none(),
  coordinator: none(),
  principal: none(),
  institution_admin: rows(text, 'true'),
});
export const ADMIN_INSERT: PerRole = {
  student: denied('refused by policy'),
  parent: denied('refused by policy'),
  teacher: denied('refused by policy'),
  coordinator: denied('refused by policy'),
  principal: denied('refused by policy'),
  institution_admin: accepted('institution admins add them'),
};
export const NO_GRANT: PerRole = {
  student: denied(),
  parent: denied(),
  teacher: denied(),
  coordinator: denied(),
  principal: denied(),
  institution_admin: denied(),
};
export const MEMBERS_READ: PerRole = {
  student: all('every member reads them'),
  parent: all('every member reads them'),
  teacher: all('every member reads them'),
  ...LEADERS,
};
/** Rows about the fixture teacher's students: the condition "their students" is written with. */
export const TAUGHT = `student_id in ({student}, {classmate})`;
