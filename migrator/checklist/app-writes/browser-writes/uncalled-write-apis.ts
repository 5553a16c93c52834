// The write APIs the app exposes but no screen calls yet: terms, section courses, a section's
// students, allocation settings.
import { browser, insert, remove, update, type Write } from '../statements.ts';

export const UNCALLED_WRITE_APIS: Write[] = [
  // Write APIs no component calls yet
  {
    name: 'academic terms: create a term',
    client: 'browser',
    table: 'academic_terms',
    op: 'INSERT',
    steps: (s) => [
      browser(
        insert('academic_terms', {
          institution_id: s.institutionId,
          name: 'Replay term',
          start_date: '2027-04-01',
          end_date: '2027-09-30',
          frozen: false,
        }),
      ),
    ],
  },
  {
    name: 'academic terms: edit a term',
    client: 'browser',
    table: 'academic_terms',
    op: 'UPDATE',
    steps: (s) => [browser(update('academic_terms', { name: 'Renamed term', frozen: true }, 't.id = $1', [s.termId]))],
  },
  {
    name: 'academic terms: delete a term',
    client: 'browser',
    table: 'academic_terms',
    op: 'DELETE',
    steps: (s) => [browser(remove('academic_terms', 't.id = $1', [s.termId]))],
  },
  {
    name: 'section courses: add a course to a section',
    client: 'browser',
    table: 'section_courses',
    op: 'INSERT',
    steps: (s) => [
      browser(
        insert('section_courses', {
          section_id: s.sectionId,
          course_id: s.spareCourseId,
          teacher_id: s.teacherId,
          weekly_theory_periods: 4,
          weekly_lab_periods: 0,
          lab_block_size: 1,
          priority: 2,
        }),
      ),
    ],
  },
  {
    name: 'section courses: change teacher and periods',
    client: 'browser',
    table: 'section_courses',
    op: 'UPDATE',
    steps: (s) => [
      browser(
        update(
          'section_courses',
          { teacher_id: s.newTeacherId, weekly_theory_periods: 5, weekly_lab_periods: 1, lab_block_size: 1, priority: 1 },
          't.id = $1',
          [s.sectionCourse.id],
        ),
      ),
    ],
  },
  {
    name: 'section courses: remove a course from a section',
    client: 'browser',
    table: 'section_courses',
    op: 'DELETE',
    steps: (s) => [browser(remove('section_courses', 't.id = $1', [s.sectionCourse.id]))],
  },
  {
    name: "section students: replace a section's students (delete, then insert)",
    client: 'browser',
    table: 'section_students',
    op: 'DELETE+INSERT',
    steps: (s) => [
      browser(remove('section_students', 't.section_id = $1', [s.sectionId])),
      browser({
        method: 'POST',
        sql: `insert into public.section_students (section_id, student_id)
              select section_id, student_id from json_populate_recordset(null::public.section_students, $1::text::json)`,
        params: [JSON.stringify(s.studentIds.map((id) => ({ section_id: s.sectionId, student_id: id })))],
      }),
    ],
  },
  {
    name: 'allocation settings: save (no filter)',
    client: 'browser',
    table: 'allocation_settings',
    op: 'UPDATE',
    steps: () => [
      browser(update('allocation_settings', { teacher_max_periods_per_day: 7, class_periods_per_day: 8, days_per_week: 6 }, '')),
    ],
  },
];
