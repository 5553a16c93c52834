// The cohorts and sections screens: create, edit and delete each.
import { browser, insert, remove, tag, update, type Write } from '../statements.ts';

export const COHORTS_AND_SECTIONS_WRITES: Write[] = [
  // Cohorts & sections
  {
    name: 'cohorts: create a cohort',
    client: 'browser',
    table: 'cohorts',
    op: 'INSERT',
    steps: (s) => [
      browser(
        insert('cohorts', {
          academic_term_id: s.termId,
          stream: 'Commerce',
          grade: '11',
          boarding_type: 'day_scholar',
          periods_per_day: 8,
          days_per_week: 6,
          institution_id: s.institutionId,
        }),
      ),
    ],
  },
  {
    name: 'cohorts: edit a cohort',
    client: 'browser',
    table: 'cohorts',
    op: 'UPDATE',
    steps: (s) => [
      browser(
        update(
          'cohorts',
          { academic_term_id: s.termId, stream: 'General', grade: '5', boarding_type: 'hosteller', periods_per_day: 8, days_per_week: 6 },
          't.id = $1',
          [s.cohortId],
        ),
      ),
    ],
  },
  {
    name: 'cohorts: delete a cohort',
    client: 'browser',
    table: 'cohorts',
    op: 'DELETE',
    steps: (s) => [browser(remove('cohorts', 't.id = $1', [s.spareCohortId]))],
  },
  {
    name: 'sections: create a section',
    client: 'browser',
    table: 'sections',
    op: 'INSERT',
    steps: (s) => [browser(insert('sections', { name: `R-${tag()}`, cohort_id: s.cohortId }))],
  },
  {
    name: 'sections: rename a section',
    client: 'browser',
    table: 'sections',
    op: 'UPDATE',
    steps: (s) => [browser(update('sections', { name: 'Renamed', cohort_id: s.cohortId }, 't.id = $1', [s.sectionId]))],
  },
  {
    name: 'sections: delete a section',
    client: 'browser',
    table: 'sections',
    op: 'DELETE',
    steps: (s) => [browser(remove('sections', 't.id = $1', [s.sectionId]))],
  },
];
