// The school's HPC content: parameters, rubrics and evaluation cycles, their translations, and
// which teacher rates which parameter in which section.
import { ADMIN_INSERT, ADMIN_ONLY, LEADERS, MEMBERS_READ } from './shared-rules.ts';
import { accepted, all, denied, none, type PerRole, rows, type TableRules } from './rules.ts';

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

export const HPC_CONTENT: TableRules[] = [
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
];
