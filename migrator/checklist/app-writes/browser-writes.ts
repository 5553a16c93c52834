// The writes the browser sends through PostgREST as the school's admin (role authenticated
// with the admin's JWT claims), screen by screen (domain/bigday-real-schema.md §6).
import { randomUUID } from 'node:crypto';
import { browser, insert, now, PRIMARY_KEY, remove, tag, update, type Write } from './statements.ts';

export const browserWrites: Write[] = [
  // User management (Settings → Users)
  {
    name: 'user management: add a profile (28 columns)',
    client: 'browser',
    table: 'user_profiles',
    op: 'INSERT',
    steps: (s) => {
      const t = tag();
      return [
        browser(
          insert('user_profiles', {
            full_name: 'Replay Teacher',
            email: `replay.${t}@${s.domain}`,
            contact_number: '+91-9000000000',
            date_of_birth: '1990-05-01',
            residential_address: '1 Replay Road',
            role: 'teacher',
            peer_group: 'staff',
            status: 'active',
            admission_number: null,
            date_of_admission: null,
            current_standard: null,
            section: null,
            accommodation_type: 'day_boarder',
            employee_id: `E-replay-${t}`,
            date_of_joining: '2026-04-01',
            department: 'Science',
            designation: 'TGT',
            parent_guardian_name: null,
            parent_contact_number: null,
            emergency_contact: '+91-9000000001',
            blood_group: 'O+',
            gender: 'female',
            nationality: 'Indian',
            religion: null,
            caste_category: null,
            created_at: now(),
            updated_at: now(),
            created_by: s.adminId,
          }),
        ),
      ];
    },
  },
  {
    name: 'user management: edit a profile (full row sent back)',
    client: 'browser',
    table: 'user_profiles',
    op: 'UPDATE',
    steps: async (s, load) => [
      browser(
        update(
          'user_profiles',
          {
            ...(await load('user_profiles', s.studentIds[0]!)),
            contact_number: '+91-9111111111',
            updated_at: now(),
            updated_by: s.adminId,
          },
          't.id = $1',
          [s.studentIds[0]],
        ),
      ),
    ],
  },
  {
    name: 'user management: delete a profile',
    client: 'browser',
    table: 'user_profiles',
    op: 'DELETE',
    steps: (s) => [browser(remove('user_profiles', 't.id = any($1::uuid[])', [[s.studentIds[1]]]))],
  },
  // Settings → branding
  {
    name: 'settings: rename the institution',
    client: 'browser',
    table: 'system_settings',
    op: 'UPDATE',
    steps: (s) => [
      browser(
        update('system_settings', { value: 'Replay Public School', updated_at: now(), updated_by: s.adminId }, 't.key = $1', [
          'institution_name',
        ]),
      ),
    ],
  },
  // Groups (only the delete can reach the database; the group is one without members)
  {
    name: 'groups: delete a group',
    client: 'browser',
    table: 'user_groups',
    op: 'DELETE',
    steps: (s) => {
      const id = randomUUID();
      return [
        // A group of the admin's own school: where groups carry institution_id (after the HPC
        // migration), the school's; BIG DAY's seeded groups are every school's and no school
        // admin's to delete.
        { sql: `insert into public.user_groups (id, name, type) values ($1, $2, 'custom')`, params: [id, `Replay group ${tag()}`] },
        {
          sql: `do $$ begin
                  if exists (select 1 from pg_attribute where attrelid = 'public.user_groups'::regclass and attname = 'institution_id') then
                    execute 'update public.user_groups set institution_id = $1 where id = $2' using '${s.institutionId}'::uuid, '${id}'::uuid;
                  end if;
                end $$`,
        },
        browser(remove('user_groups', 't.id = $1', [id])),
      ];
    },
  },
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
