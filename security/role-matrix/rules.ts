// The vocabulary of the role matrix: the roles, the operations, who signs in as each role,
// and a rule (the rows a role reaches, or the error it gets) with its constructors.
//
// A rule is the set of rows (of the caller's own institution) the role reaches, written as
// a plain-English condition plus the same condition as SQL over the isolation fixture
// ({name} = a fixture id of that institution, {me} = the caller). Rows of another
// institution are never reached by any role but service_role.

export const ROLES = ['anon', 'student', 'parent', 'teacher', 'coordinator', 'principal', 'institution_admin', 'service_role'] as const;
export type Role = (typeof ROLES)[number];
export const OPS = ['select', 'insert', 'update', 'delete'] as const;
export type Op = (typeof OPS)[number];

/** The fixture person each role signs in as. */
export const ACTOR: Record<Role, string | null> = {
  anon: null,
  student: 'student',
  parent: 'parent',
  teacher: 'teacher',
  coordinator: 'coordinator',
  principal: 'principal',
  institution_admin: 'admin',
  service_role: null,
};

/** Rows reached: a condition (text + SQL); `denied` = no privilege at all (42501); `error` = the
 * policies allow it and a constraint then refuses (its SQLSTATE). */
export type Rule = { rows: string; sql: string } | { denied: string } | { error: string; why: string };

export const all = (text = 'every row of the institution'): Rule => ({ rows: text, sql: 'true' });
export const none = (text = 'nothing (rows filtered out)'): Rule => ({ rows: text, sql: 'false' });
export const rows = (text: string, sql: string): Rule => ({ rows: text, sql });
export const denied = (text = 'no privilege'): Rule => ({ denied: text });
export const refused = (error: string, why: string): Rule => ({ error, why });
/** For insert: the candidate row is accepted. */
export const accepted = (text: string): Rule => ({ rows: text, sql: 'true' });

export type PerRole = Record<Exclude<Role, 'anon' | 'service_role'>, Rule>;

export interface TableRules {
  table: string;
  /** The rows of one institution (and what update/delete aim at within them). */
  scope: string;
  select: PerRole;
  /** A candidate row per role (VALUES list for `columns`); `{me}` is the caller. */
  insert: { columns: string; values: string | Partial<Record<Role, string>>; rules: PerRole };
  update: { set: string; rules: PerRole };
  delete: { target: string; rules: PerRole };
  /** What service_role gets when a constraint refuses (default: the rows / an accepted insert). */
  serviceInsert?: Rule;
  serviceDelete?: Rule;
}
