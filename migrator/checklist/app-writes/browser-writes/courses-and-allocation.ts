// The courses and allocation screens: courses, which teacher may teach which subject and
// grade, and a teacher's load limits.
import { browser, insert, PRIMARY_KEY, remove, tag, update, type Write } from '../statements.ts';

export const COURSES_AND_ALLOCATION_WRITES: Write[] = [
  // Courses & allocation
  {
    name: 'courses: create a course',
    client: 'browser',
    table: 'courses',
    op: 'INSERT',
    steps: (s) => [
      browser(insert('courses', { code: `R-${tag()}`, title: 'Replay Studies', active: true, institution_id: s.institutionId })),
    ],
  },
  {
    name: 'courses: edit a course',
    client: 'browser',
    table: 'courses',
    op: 'UPDATE',
    steps: (s) => [browser(update('courses', { code: `R-${tag()}`, title: 'Renamed course', active: true }, 't.id = $1', [s.courseId]))],
  },
  {
    name: 'courses: delete a course',
    client: 'browser',
    table: 'courses',
    op: 'DELETE',
    steps: (s) => [browser(remove('courses', 't.id = $1', [s.spareCourseId]))],
  },
  {
    name: 'teacher eligibility: add a subject',
    client: 'browser',
    table: 'teacher_subject_eligibility',
    op: 'UPSERT',
    steps: (s) => [
      browser(insert('teacher_subject_eligibility', { teacher_id: s.newTeacherId, course_id: s.newTeacherCourseId }, PRIMARY_KEY)),
    ],
  },
  {
    name: 'teacher eligibility: remove a subject',
    client: 'browser',
    table: 'teacher_subject_eligibility',
    op: 'DELETE',
    steps: (s) => [browser(remove('teacher_subject_eligibility', 't.id = $1', [s.subjectEligibilityId]))],
  },
  {
    name: 'teacher eligibility: add a grade',
    client: 'browser',
    table: 'teacher_grade_eligibility',
    op: 'UPSERT',
    steps: (s) => [browser(insert('teacher_grade_eligibility', { teacher_id: s.newTeacherId, grade: s.newTeacherGrade }, PRIMARY_KEY))],
  },
  {
    name: 'teacher eligibility: remove a grade',
    client: 'browser',
    table: 'teacher_grade_eligibility',
    op: 'DELETE',
    steps: (s) => [browser(remove('teacher_grade_eligibility', 't.id = $1', [s.gradeEligibilityId]))],
  },
  {
    name: "teacher load rules: save a teacher's limits",
    client: 'browser',
    table: 'teacher_load_rules',
    op: 'UPSERT',
    steps: (s) => [
      browser(
        insert(
          'teacher_load_rules',
          {
            ...(s.newTeacherRulesId ? { id: s.newTeacherRulesId } : {}),
            teacher_id: s.newTeacherId,
            max_periods_per_day: 5,
            max_periods_per_week: 28,
            availability: { unavailable: [] },
          },
          PRIMARY_KEY,
        ),
      ),
    ],
  },
];
