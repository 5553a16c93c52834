// The ratings and what is made of them: evaluations, the cards (reports), their approval
// workflow, and the analytics computed from them.
import { ADMIN_INSERT, ADMIN_ONLY, LEADERS, NO_GRANT, TAUGHT } from './shared-rules.ts';
import { accepted, denied, none, refused, rows, type TableRules } from './rules.ts';

export const HPC_RATINGS_AND_CARDS: TableRules[] = [
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
];
