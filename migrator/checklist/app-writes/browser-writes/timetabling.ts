// The timetabling screens: slot templates and their assignment, then review & adjust.
import { browser, insert, remove, update, type Write } from '../statements.ts';

export const TIMETABLING_WRITES: Write[] = [
  // Slot templates
  {
    name: 'slot templates: create a template',
    client: 'browser',
    table: 'slot_templates',
    op: 'INSERT',
    steps: (s) => [
      browser(
        insert('slot_templates', {
          name: 'Replay day',
          days_per_week: 5,
          periods_per_day: 7,
          bells: { periods: [] },
          institution_id: s.institutionId,
        }),
      ),
    ],
  },
  {
    name: 'slot templates: edit a template',
    client: 'browser',
    table: 'slot_templates',
    op: 'UPDATE',
    steps: (s) => [
      browser(
        update('slot_templates', { name: 'Edited day', days_per_week: 6, periods_per_day: 8, bells: { periods: [] } }, 't.id = $1', [
          s.slotTemplateId,
        ]),
      ),
    ],
  },
  {
    name: 'slot templates: delete a template',
    client: 'browser',
    table: 'slot_templates',
    op: 'DELETE',
    steps: (s) => [browser(remove('slot_templates', 't.id = $1', [s.slotTemplateId]))],
  },
  {
    name: 'slot templates: assign a template to a cohort',
    client: 'browser',
    table: 'slot_template_assignments',
    op: 'INSERT',
    steps: (s) => [browser(insert('slot_template_assignments', { slot_template_id: s.slotTemplateId, cohort_id: s.spareCohortId }))],
  },
  // Review & adjust
  {
    name: 'review: publish a timetable',
    client: 'browser',
    table: 'timetables',
    op: 'UPDATE',
    steps: (s) => [browser(update('timetables', { status: 'published' }, 't.id = $1', [s.timetableId]))],
  },
  {
    name: 'review: lock a session',
    client: 'browser',
    table: 'timetable_sessions',
    op: 'UPDATE',
    steps: (s) => [browser(update('timetable_sessions', { locked: true }, 't.id = $1', [s.sessionId]))],
  },
];
