// Where the replay and the live app part: the writes of §6 left out and why (they could
// never work on this schema), how replayed ones differ from what the app sends today, and
// the writes that fail on BIG DAY itself.
import type { AppClient } from './statements.ts';

export interface SkippedAppWrite {
  name: string;
  client: AppClient;
  table: string;
  op: string;
  reason: string;
}

/** Writes of §6 the replay leaves out: on this schema the database could never accept them as
 * sent (a column or table that does not exist, a NOT NULL column never sent), or there is no
 * statement to replay. Together with the replayed ones they are every write §6 lists. */
export const skippedAppWrites: SkippedAppWrite[] = [
  {
    name: 'sign-up: create own profile',
    client: 'browser',
    table: 'user_profiles',
    op: 'INSERT',
    reason: 'sends a `name` column, which does not exist (42703), and no email (NOT NULL)',
  },
  {
    name: 'profile: update own profile (authStore.updateProfile)',
    client: 'browser',
    table: 'user_profiles',
    op: 'UPDATE',
    reason: 'an arbitrary partial object and no caller in the app: nothing definite to replay',
  },
  {
    name: 'groups: create a group',
    client: 'browser',
    table: 'user_groups',
    op: 'INSERT',
    reason:
      'sends academic_term_id, period_length_minutes, days_per_week, periods_per_day, max_daily_periods, lab_block_size, business_hours, holiday_calendar (none exist) and no `type` (NOT NULL)',
  },
  {
    name: 'groups: edit a group',
    client: 'browser',
    table: 'user_groups',
    op: 'UPDATE',
    reason: 'the same non-existent columns as creating one (42703)',
  },
  {
    name: 'slot templates: assign a template to a section',
    client: 'browser',
    table: 'slot_template_assignments',
    op: 'INSERT',
    reason: 'the page calls an API method that does not exist; nothing reaches the database',
  },
  {
    name: 'generate_hpc_pdf: store the PDF links',
    client: 'service',
    table: 'hpc_reports',
    op: 'UPDATE',
    reason: 'hpc_reports does not exist in this schema',
  },
  {
    name: 'ai_bot: save a conversation',
    client: 'service',
    table: 'conversations',
    op: 'INSERT',
    reason: 'conversations does not exist in this schema',
  },
  {
    name: 'bulk_grading: insert grades (and rpc update_percentiles)',
    client: 'service',
    table: 'grades',
    op: 'INSERT',
    reason: 'grades and update_percentiles do not exist in this schema',
  },
];

const institutionsBug =
  'in the live app the page throws before sending this (it first reads the absent institutions table); replayed as the page means to send it';
const courseColumns =
  'without subject_type, weekly_theory_periods, weekly_lab_periods, lab_block_size, constraints (absent; the app sends them too)';

/** How replayed writes differ from what the live app sends today: payloads cut to the columns
 * that exist, and writes a client-side bug keeps from being sent at all. */
export const appWriteAdjustments: Record<string, string> = {
  'cohorts: create a cohort': institutionsBug,
  'cohorts: edit a cohort': institutionsBug,
  'courses: create a course': `${courseColumns}; ${institutionsBug}`,
  'courses: edit a course': `${courseColumns}; ${institutionsBug}`,
  'slot templates: create a template': institutionsBug,
  'slot templates: edit a template': institutionsBug,
  'generate_timetable: create a draft timetable': 'without version (absent)',
  'generate_timetable: mark the timetable regenerated': 'without version (absent)',
  'generate_timetable: record a conflict':
    'without run_id (absent), with a conflict_type the CHECK allows and the NOT NULL day_of_week and period_index',
};

/** Writes that fail on BIG DAY itself, whoever sends them: its own defects
 * (domain/bigday-real-schema.md §4.2), with the SQLSTATE they fail with until the migration's
 * contract removes their cause. */
export const bigDayDefects: Record<string, { sqlstate: string; why: string }> = {
  'user management: add a profile (28 columns)': {
    sqlstate: '23503',
    why:
      "BIG DAY's audit trigger writes the new profile's id into audit_logs.user_id, which references auth.users; " +
      'the screen gives the profile a random id with no auth user behind it, so the insert fails even as the service role; ' +
      'the contract logs profile changes in audit_events instead (20250901000595)',
  },
};
