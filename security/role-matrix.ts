// The role matrix: who may do what to which rows, per table (the 11 HPC tables, the report
// support tables, share links, the content translation tables, the comment bank, the tenancy
// tables, and BIG DAY's tables; BIG DAY's audit_logs carries no school and is closed to the
// API but for a signed-in user logging their own change, which the catalog-driven isolation
// proof of the migration checklist covers). docs/role-matrix.md and the pgTAP isolation matrix
// (supabase/tests/400-isolation-matrix.test.sql) are generated from it by
// security/generate.ts; the policies in supabase/migrations implement it.
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

type PerRole = Record<Exclude<Role, 'anon' | 'service_role'>, Rule>;

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

const LEADERS = { coordinator: all(), principal: all(), institution_admin: all() };
const ADMIN_ONLY = (text = 'institution admins only'): PerRole => ({
  student: none(),
  parent: none(),
  teacher: none(),
  coordinator: none(),
  principal: none(),
  institution_admin: rows(text, 'true'),
});
const ADMIN_INSERT: PerRole = {
  student: denied('refused by policy'),
  parent: denied('refused by policy'),
  teacher: denied('refused by policy'),
  coordinator: denied('refused by policy'),
  principal: denied('refused by policy'),
  institution_admin: accepted('institution admins add them'),
};
const NO_GRANT: PerRole = {
  student: denied(),
  parent: denied(),
  teacher: denied(),
  coordinator: denied(),
  principal: denied(),
  institution_admin: denied(),
};
const MEMBERS_READ: PerRole = {
  student: all('every member reads them'),
  parent: all('every member reads them'),
  teacher: all('every member reads them'),
  ...LEADERS,
};
const TAUGHT = `student_id in ({student}, {classmate})`;
/** BIG DAY's allocation data: its staff (BIG DAY roles teacher, admin, staff) read it. */
const STAFF_READ: PerRole = {
  student: none('only staff read it'),
  parent: none('only staff read it'),
  teacher: all('staff read it'),
  ...LEADERS,
};
/** The school's staff (BIG DAY roles teacher, admin, staff) read them; students and parents do not. */
const STAFF_ONLY_READ: PerRole = {
  student: none('only staff read them'),
  parent: none('only staff read them'),
  teacher: all('staff read them'),
  coordinator: all('staff read them'),
  principal: all('staff read them'),
  institution_admin: all('staff read them'),
};
/** Coordinators and institution admins manage the school's translations. */
const TRANSLATORS_ONLY: PerRole = {
  student: none(),
  parent: none(),
  teacher: none(),
  principal: none(),
  coordinator: all('coordinators and institution admins'),
  institution_admin: all('coordinators and institution admins'),
};
const TRANSLATORS_INSERT: PerRole = {
  student: denied('refused by policy'),
  parent: denied('refused by policy'),
  teacher: denied('refused by policy'),
  principal: denied('refused by policy'),
  coordinator: accepted('coordinators add them'),
  institution_admin: accepted('institution admins add them'),
};
const PUBLIC_SETTINGS = rows('public and branding settings', `category in ('public', 'branding')`);

export const MATRIX: TableRules[] = [
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
  // BIG DAY's other tables: every row carries its school; its admins write, and who reads is
  // set per table (members, staff, or admins) in 20250201000200..241.
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
  ...(['hpc_parameters', 'hpc_rubrics', 'hpc_evaluation_cycles'] as const).map(
    (table): TableRules => ({
      table,
      scope: 'institution_id = {institution}',
      select: MEMBERS_READ,
      insert: {
        columns: {
          hpc_parameters: 'institution_id, stage, grade_band, grades, area, area_code, code, name, scale_code',
          hpc_rubrics: 'institution_id, stage, scale_code, ordinal, label',
          hpc_evaluation_cycles: 'institution_id, academic_term_id, name, term_number, opens_on, closes_on',
        }[table],
        values: {
          hpc_parameters: `{institution}, 'preparatory', '3-5', array['4'], 'Language R1', 'LR1', 'LR1-AW', 'Language: awareness', 'prep'`,
          hpc_rubrics: `{institution}, 'preparatory', 'newscale', 1, 'Beginner'`,
          hpc_evaluation_cycles: `{institution}, {term}, 'New cycle', 2, '2027-04-01', '2027-09-30'`,
        }[table],
        rules: ADMIN_INSERT,
      },
      update: {
        set: { hpc_parameters: 'name = name', hpc_rubrics: 'label = label', hpc_evaluation_cycles: 'name = name' }[table],
        rules: ADMIN_ONLY("institution admins configure them (a cycle's status only through hpc_set_cycle_status)"),
      },
      delete: {
        target: { hpc_parameters: 'id = {param_spare}', hpc_rubrics: 'id = {rubric_spare}', hpc_evaluation_cycles: 'id = {cycle_planned}' }[
          table
        ],
        rules: ADMIN_ONLY(),
      },
    }),
  ),
  // Translations of the school's content: the staff read them, coordinators and institution
  // admins manage them (the principal reads them; a card carries its own copy).
  ...(['parameter_translations', 'rubric_translations', 'cycle_translations'] as const).map(
    (table): TableRules => ({
      table,
      scope: 'institution_id = {institution}',
      select: STAFF_ONLY_READ,
      insert: {
        columns: {
          parameter_translations: 'institution_id, parameter_id, language, name',
          rubric_translations: 'institution_id, rubric_id, language, label',
          cycle_translations: 'institution_id, cycle_id, language, name',
        }[table],
        values: {
          parameter_translations: `{institution}, {param2}, 'ta', 'கணிதம்: படைப்பாற்றல்'`,
          rubric_translations: `{institution}, {rubric2}, 'ta', 'தேர்ச்சி'`,
          cycle_translations: `{institution}, {cycle_released}, 'ta', 'பருவம் 0'`,
        }[table],
        rules: TRANSLATORS_INSERT,
      },
      update: {
        set: { parameter_translations: 'name = name', rubric_translations: 'label = label', cycle_translations: 'name = name' }[table],
        rules: TRANSLATORS_ONLY,
      },
      delete: {
        target: {
          parameter_translations: 'parameter_id = {param_spare}',
          rubric_translations: 'rubric_id = {rubric_spare}',
          cycle_translations: 'cycle_id = {cycle_planned}',
        }[table],
        rules: TRANSLATORS_ONLY,
      },
    }),
  ),
  {
    table: 'hpc_parameter_assignments',
    scope: 'institution_id = {institution}',
    select: {
      student: rows('assignments of their section', 'section_id = {section1}'),
      parent: rows("assignments of their children's sections", 'section_id = {section1}'),
      teacher: rows('assignments of the sections they teach', 'section_id = {section1}'),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, cycle_id, parameter_id, section_id, teacher_id',
      values: '{institution}, {cycle_planned}, {param}, {section1}, {teacher}',
      rules: ADMIN_INSERT,
    },
    update: { set: 'active = active', rules: ADMIN_ONLY() },
    delete: { target: 'id = {assign_spare}', rules: ADMIN_ONLY() },
  },
  {
    table: 'hpc_evaluations',
    scope: 'institution_id = {institution}',
    select: {
      student: rows(
        'ratings they gave; ratings of themselves once the cycle is released',
        `rater_id = {me} or (student_id = {me} and cycle_id = {cycle_released})`,
      ),
      parent: rows('ratings they gave', 'rater_id = {me}'),
      teacher: rows('ratings of their students; ratings they gave', `${TAUGHT} or rater_id = {me}`),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, rubric_id, level_ordinal',
      values: {
        student: `{institution}, {cycle_open}, {student}, {param2}, 'self', {me}, {rubric2}, 2`,
        parent: `{institution}, {cycle_open}, {student}, {param2}, 'parent', {me}, {rubric2}, 2`,
        teacher: `{institution}, {cycle_open}, {student}, {param2}, 'teacher', {me}, {rubric2}, 2`,
        coordinator: `{institution}, {cycle_open}, {student}, {param2}, 'teacher', {me}, {rubric2}, 2`,
        principal: `{institution}, {cycle_open}, {student}, {param2}, 'teacher', {me}, {rubric2}, 2`,
        institution_admin: `{institution}, {cycle_open}, {student}, {param2}, 'teacher', {me}, {rubric2}, 2`,
        anon: `{institution}, {cycle_open}, {student}, {param2}, 'teacher', {teacher}, {rubric2}, 2`,
        service_role: `{institution}, {cycle_open}, {student}, {param2}, 'teacher', {teacher}, {rubric2}, 2`,
      },
      rules: {
        student: accepted('self-assessment while the cycle is open'),
        parent: accepted('parent rating of their child while the cycle is open'),
        teacher: accepted('rating of their student on a parameter assigned to them, cycle open'),
        coordinator: denied('refused: not the assigned teacher'),
        principal: denied('refused: not the assigned teacher'),
        institution_admin: denied('refused: not the assigned teacher'),
      },
    },
    update: {
      set: 'observation = observation',
      rules: {
        // Their own ratings; one in a cycle that is not open (here the released one) makes the
        // whole update fail with HP422 (PGRST), instead of being skipped silently.
        student: refused('PGRST', 'own ratings; one of a released cycle among them raises HP422 (cycle not open)'),
        parent: rows('own ratings (all in the open cycle)', `rater_id = {me} and cycle_id = {cycle_open}`),
        teacher: refused('PGRST', 'own ratings; one of a released cycle among them raises HP422 (cycle not open)'),
        coordinator: none(),
        principal: none(),
        institution_admin: none(),
      },
    },
    delete: {
      target: `status = 'draft'`,
      rules: {
        student: rows('own draft ratings while the cycle is open', `rater_id = {me} and cycle_id = {cycle_open}`),
        parent: rows('own draft ratings while the cycle is open', `rater_id = {me} and cycle_id = {cycle_open}`),
        teacher: rows('own draft ratings while the cycle is open', `rater_id = {me} and cycle_id = {cycle_open}`),
        coordinator: none(),
        principal: none(),
        institution_admin: none(),
      },
    },
  },
  {
    table: 'hpc_reports',
    scope: 'institution_id = {institution}',
    select: {
      student: rows('own published cards', `status = 'published' and student_id = {me}`),
      parent: rows("their children's published cards", `status = 'published' and student_id = {student}`),
      teacher: rows('cards of their students, every version', TAUGHT),
      ...LEADERS,
    },
    insert: { columns: 'institution_id, cycle_id, student_id', values: '{institution}, {cycle_planned}, {student}', rules: NO_GRANT },
    update: { set: 'language = language', rules: NO_GRANT },
    delete: { target: 'id = {report_draft}', rules: NO_GRANT },
  },
  {
    table: 'hpc_approval_workflows',
    scope: 'institution_id = {institution}',
    select: {
      student: none(),
      parent: none(),
      teacher: rows(
        "the chain, and the steps of their students' cards",
        `kind = 'chain' or report_id in (select r.id from public.hpc_reports as r where r.${TAUGHT})`,
      ),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, kind, step_order, approver_duty',
      values: `{institution}, 'chain', 3, 'principal'`,
      rules: ADMIN_INSERT,
    },
    update: {
      set: 'name = name',
      rules: { ...ADMIN_ONLY(), institution_admin: rows('chain rows; decisions only through the workflow', `kind = 'chain'`) },
    },
    delete: { target: 'id = {chain2}', rules: ADMIN_ONLY() },
  },
  {
    table: 'hpc_analytics',
    scope: 'institution_id = {institution}',
    select: {
      student: none(),
      parent: none(),
      teacher: rows('figures of the sections they teach', 'section_id = {section1}'),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, cycle_id, scope, scope_key, metric, value',
      values: `{institution}, {cycle_released}, 'institution', '', 'completion_rate', '{}'`,
      rules: NO_GRANT,
    },
    update: { set: 'metric = metric', rules: NO_GRANT },
    delete: { target: 'id = {analytics_inst}', rules: NO_GRANT },
  },
  {
    table: 'hpc_achievements',
    scope: 'institution_id = {institution}',
    select: {
      student: rows('their own', 'student_id = {me}'),
      parent: rows("their children's", 'student_id = {student}'),
      teacher: rows("their students'", TAUGHT),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, student_id, title, category',
      values: `{institution}, {student}, 'Science fair', 'academic'`,
      rules: {
        ...ADMIN_INSERT,
        teacher: accepted('teachers record them for their students'),
        institution_admin: denied('refused by policy'),
      },
    },
    update: {
      set: 'title = title',
      rules: {
        student: none(),
        parent: none(),
        teacher: rows("their students'", TAUGHT),
        coordinator: none(),
        principal: none(),
        institution_admin: none(),
      },
    },
    delete: {
      target: 'id = {achievement}',
      rules: {
        student: none(),
        parent: none(),
        teacher: rows("their students' unverified ones", 'true'),
        coordinator: none(),
        principal: none(),
        institution_admin: none(),
      },
    },
  },
  {
    table: 'hpc_reflections',
    scope: 'institution_id = {institution}',
    select: {
      student: rows('their own', 'student_id = {me} or author_id = {me}'),
      parent: rows('what they wrote', 'author_id = {me}'),
      teacher: rows("their students'", TAUGHT),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, student_id, cycle_id, kind, author_id, author_role',
      values: {
        student: `{institution}, {student}, {cycle_open}, 'all_about_me', {me}, 'self'`,
        parent: `{institution}, {student}, {cycle_open}, 'all_about_me', {me}, 'parent'`,
        teacher: `{institution}, {student}, {cycle_open}, 'all_about_me', {me}, 'parent'`,
        coordinator: `{institution}, {student}, {cycle_open}, 'all_about_me', {me}, 'parent'`,
        principal: `{institution}, {student}, {cycle_open}, 'all_about_me', {me}, 'parent'`,
        institution_admin: `{institution}, {student}, {cycle_open}, 'all_about_me', {me}, 'parent'`,
        anon: `{institution}, {student}, {cycle_open}, 'all_about_me', {student}, 'self'`,
        service_role: `{institution}, {student}, {cycle_open}, 'all_about_me', {student}, 'self'`,
      },
      rules: {
        student: accepted('their reflections while the cycle is open'),
        parent: accepted('parent input for their child while the cycle is open'),
        teacher: denied('refused by policy'),
        coordinator: denied('refused by policy'),
        principal: denied('refused by policy'),
        institution_admin: denied('refused by policy'),
      },
    },
    update: {
      set: 'body = body',
      rules: {
        student: rows('what they wrote, while the cycle is open', 'author_id = {me}'),
        parent: rows('what they wrote, while the cycle is open', 'author_id = {me}'),
        teacher: none(),
        coordinator: none(),
        principal: none(),
        institution_admin: none(),
      },
    },
    delete: {
      target: `status = 'draft'`,
      rules: {
        student: rows('their drafts, while the cycle is open', 'author_id = {me}'),
        parent: rows('their drafts, while the cycle is open', 'author_id = {me}'),
        teacher: none(),
        coordinator: none(),
        principal: none(),
        institution_admin: none(),
      },
    },
  },
  {
    table: 'hpc_conversations',
    scope: 'institution_id = {institution}',
    select: {
      student: rows('threads about themselves', 'student_id = {me}'),
      parent: rows('threads about their children', 'student_id = {student}'),
      teacher: rows('threads about their students', TAUGHT),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, student_id, author_id, author_role, subject, body',
      values: {
        student: `{institution}, {student}, {me}, 'student', 'Question', 'Hello'`,
        parent: `{institution}, {student}, {me}, 'parent', 'Question', 'Hello'`,
        teacher: `{institution}, {student}, {me}, 'teacher', 'Question', 'Hello'`,
        coordinator: `{institution}, {student}, {me}, 'coordinator', 'Question', 'Hello'`,
        principal: `{institution}, {student}, {me}, 'principal', 'Question', 'Hello'`,
        institution_admin: `{institution}, {student}, {me}, 'principal', 'Question', 'Hello'`,
        anon: `{institution}, {student}, {teacher}, 'teacher', 'Question', 'Hello'`,
        service_role: `{institution}, {student}, {teacher}, 'teacher', 'Question', 'Hello'`,
      },
      rules: {
        student: accepted('about themselves'),
        parent: accepted('about their children'),
        teacher: accepted('about their students'),
        coordinator: accepted('as coordinator'),
        principal: accepted('as principal'),
        institution_admin: denied('refused: an admin is not in the conversation circle'),
      },
    },
    update: {
      set: 'body = body',
      rules: {
        student: none(),
        parent: none(),
        teacher: rows('their own messages', 'author_id = {me}'),
        coordinator: none(),
        principal: none(),
        institution_admin: none(),
      },
    },
    delete: { target: 'id = {conversation_other}', rules: NO_GRANT },
  },
  {
    table: 'report_narratives',
    scope: 'institution_id = {institution}',
    select: {
      student: none('families see the narrative inside the published card'),
      parent: none('families see the narrative inside the published card'),
      teacher: all('staff with an HPC duty'),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, cycle_id, student_id, author_id, summary',
      values: `{institution}, {cycle_released}, {student}, {teacher}, 'Text'`,
      rules: NO_GRANT,
    },
    update: { set: 'summary = summary', rules: NO_GRANT },
    delete: { target: 'id = {narrative}', rules: NO_GRANT },
  },
  {
    table: 'comment_bank_phrases',
    scope: 'institution_id = {institution}',
    select: {
      student: none('only staff read the comment bank'),
      parent: none('only staff read the comment bank'),
      teacher: all('staff read the comment bank'),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, parameter_id, level_ordinal, language, phrase',
      values: `{institution}, {param}, 3, 'en', 'Explains place value to others ({side}).'`,
      rules: {
        student: denied('refused by policy'),
        parent: denied('refused by policy'),
        teacher: denied('refused by policy'),
        coordinator: accepted("coordinators of the parameter's stage (or of every stage)"),
        principal: denied('refused by policy (a principal with BIG DAY role admin manages it as institution admin)'),
        institution_admin: accepted('institution admins add phrases'),
      },
    },
    update: {
      set: 'phrase = phrase',
      rules: {
        student: none(),
        parent: none(),
        teacher: none(),
        coordinator: all('the phrases of their stage (here: every stage)'),
        principal: none(),
        institution_admin: all('every phrase; retiring one sets retired_at'),
      },
    },
    delete: { target: 'id = {phrase_spare}', rules: NO_GRANT },
  },
  {
    table: 'report_jobs',
    scope: 'institution_id = {institution}',
    select: {
      student: none(),
      parent: none(),
      teacher: rows('the batches they started', 'requested_by = {me}'),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, kind, cycle_id, requested_by',
      values: `{institution}, 'generate', {cycle_released}, {teacher}`,
      rules: NO_GRANT,
    },
    update: { set: 'comment = comment', rules: NO_GRANT },
    delete: { target: 'id = {job_coordinator}', rules: NO_GRANT },
  },
  {
    // Written only by the share-link functions (hpc_issue_share_link, …); families open a
    // link through the hpc-shared-card function and read nothing here.
    table: 'report_share_links',
    scope: 'institution_id = {institution}',
    select: {
      student: none(),
      parent: none(),
      teacher: rows("links to their students' cards", TAUGHT),
      ...LEADERS,
    },
    insert: {
      columns: 'institution_id, report_id, student_id, guardian_id, language, expires_at, issued_by',
      values: `{institution}, {report_published}, {student}, {parent}, 'en', now() + interval '7 days', {teacher}`,
      rules: NO_GRANT,
    },
    update: { set: 'language = language', rules: NO_GRANT },
    delete: { target: 'id = {share_link}', rules: NO_GRANT },
  },
  {
    // Written only when a link opens (private.report_share_open): when and which link.
    table: 'report_share_link_opens',
    scope: 'institution_id = {institution}',
    select: {
      student: none(),
      parent: none(),
      teacher: rows('opens of the links they read', 'link_id = {share_link}'),
      ...LEADERS,
    },
    insert: { columns: 'institution_id, link_id', values: '{institution}, {share_link}', rules: NO_GRANT },
    update: { set: 'opened_at = opened_at', rules: NO_GRANT },
    delete: { target: 'id = {share_open}', rules: NO_GRANT },
  },
  {
    table: 'audit_events',
    scope: 'institution_id = {institution}',
    select: {
      student: none(),
      parent: none(),
      teacher: none(),
      coordinator: none(),
      principal: all("the institution's audit log"),
      institution_admin: all("the institution's audit log"),
    },
    insert: {
      columns: 'institution_id, table_schema, table_name, operation, record_key',
      values: `{institution}, 'public', 'x', 'INSERT', '{}'`,
      rules: NO_GRANT,
    },
    update: { set: 'table_name = table_name', rules: NO_GRANT },
    delete: { target: 'true', rules: NO_GRANT },
  },
];

/** service_role (server-side jobs) bypasses RLS but keeps its grants: the append-only audit
 * log is read-only for it too. */
export const SERVICE_ROLE_DENIED: Partial<Record<string, Op[]>> = {
  audit_events: ['insert', 'update', 'delete'],
};
