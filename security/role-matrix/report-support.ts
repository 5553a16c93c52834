// The tables behind a card that only the server writes or that staff curate: narratives, the
// comment bank, generation batches, and the links that share a card with a family.
import { LEADERS, NO_GRANT, TAUGHT } from './shared-rules.ts';
import { accepted, all, denied, none, rows, type TableRules } from './rules.ts';

export const REPORT_SUPPORT: TableRules[] = [
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
];
