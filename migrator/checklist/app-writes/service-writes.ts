// The writes the edge functions send with the service role (no user claims)
// (domain/bigday-real-schema.md §6).
import { randomUUID } from 'node:crypto';
import { insert, now, remove, service, tag, update, type Write } from './statements.ts';

export const serviceWrites: Write[] = [
  {
    name: 'generate_report: record a report',
    client: 'service',
    table: 'system_reports',
    op: 'INSERT',
    steps: () => [
      service(
        insert('system_reports', {
          name: 'User summary (replay)',
          type: 'user_summary',
          filters: { role: 'student' },
          status: 'completed',
          file_path: `reports/replay-${tag()}.json`,
        }),
      ),
    ],
  },
  {
    name: 'generate_timetable: create a draft timetable',
    client: 'service',
    table: 'timetables',
    op: 'INSERT',
    steps: (s) => [service(insert('timetables', { section_id: s.sectionId, academic_term_id: s.termId, status: 'draft' }))],
  },
  {
    name: 'generate_timetable: mark the timetable regenerated',
    client: 'service',
    table: 'timetables',
    op: 'UPDATE',
    steps: (s) => [service(update('timetables', { generated_at: now() }, 't.id = $1', [s.timetableId]))],
  },
  {
    name: 'generate_timetable: clear unlocked sessions',
    client: 'service',
    table: 'timetable_sessions',
    op: 'DELETE',
    steps: (s) => [service(remove('timetable_sessions', 't.timetable_id = $1 and t.locked = false', [s.timetableId]))],
  },
  {
    name: 'generate_timetable: insert a session',
    client: 'service',
    table: 'timetable_sessions',
    op: 'INSERT',
    steps: (s) => [
      service(
        insert('timetable_sessions', {
          timetable_id: s.timetableId,
          section_id: s.sectionId,
          course_id: s.sectionCourse.courseId,
          teacher_id: s.sectionCourse.teacherId,
          day_of_week: 6,
          period_index: 8,
          duration_periods: 1,
          session_type: 'theory',
        }),
      ),
    ],
  },
  {
    name: 'generate_timetable: record a conflict',
    client: 'service',
    table: 'timetable_conflicts',
    op: 'INSERT',
    steps: (s) => [
      service(
        insert('timetable_conflicts', {
          teacher_id: s.sectionCourse.teacherId,
          section_id: s.sectionId,
          course_id: s.sectionCourse.courseId,
          day_of_week: 1,
          period_index: 1,
          conflict_type: 'teacher_double_booked',
          details: { message: 'replay' },
        }),
      ),
    ],
  },
  {
    name: 'publish_timetable: archive the published timetable',
    client: 'service',
    table: 'timetables',
    op: 'UPDATE',
    steps: (s) => [
      service(
        update('timetables', { status: 'archived' }, 't.section_id = $1 and t.academic_term_id = $2 and t.status = $3', [
          s.sectionId,
          s.termId,
          'published',
        ]),
      ),
    ],
  },
  {
    name: 'publish_timetable: publish a timetable',
    client: 'service',
    table: 'timetables',
    op: 'UPDATE',
    steps: (s) => [service(update('timetables', { status: 'published' }, 't.id = $1', [s.timetableId]))],
  },
  {
    name: 'bulk_user_operations: create a user',
    client: 'service',
    table: 'user_profiles',
    op: 'INSERT',
    steps: (s) => {
      const id = randomUUID();
      const t = tag();
      const email = `bulk.${t}@${s.domain}`;
      return [
        // GoTrue made the auth user first; the profile takes its id (the audit trigger's FK needs it).
        {
          sql: `insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data,
                  created_at, updated_at)
                values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, now(),
                        '{"provider": "email", "providers": ["email"]}', '{}', now(), now())`,
          params: [id, email],
        },
        service(
          insert('user_profiles', {
            id,
            full_name: 'Bulk Student',
            email,
            role: 'student',
            admission_number: `S-bulk-${t}`,
            current_standard: '3',
            section: 'A',
            peer_group: 'primary',
            status: 'active',
          }),
        ),
      ];
    },
  },
  {
    name: 'bulk_user_operations: update users',
    client: 'service',
    table: 'user_profiles',
    op: 'UPDATE',
    steps: (s) => [
      service(update('user_profiles', { status: 'inactive', updated_at: now() }, 't.id = any($1::uuid[])', [s.studentIds.slice(0, 2)])),
    ],
  },
  {
    name: 'bulk_user_operations: delete users',
    client: 'service',
    table: 'user_profiles',
    op: 'DELETE',
    steps: (s) => [service(remove('user_profiles', 't.id = any($1::uuid[])', [s.studentIds.slice(1, 3)]))],
  },
];
