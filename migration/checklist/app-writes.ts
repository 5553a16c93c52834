// The live BIG DAY app's writes (domain/bigday-real-schema.md §6), replayed against a database
// for ONE school: what the browser sends through PostgREST as that school's admin (role
// `authenticated` with the admin's JWT claims) and what the edge functions send with the
// service role (no user claims). Each write runs in its own transaction, which is always
// rolled back, so the database is left as it was; the result says whether the database
// accepted the write and, if not, its SQLSTATE.
//
// Use: before a migration, to see what works today (on the newer shape every browser write
// fails with 42P17, infinite recursion in user_profiles' policies: a correct result, not a
// crash); after it, to check that the app's writes still land. Nothing here needs HPC objects:
// the school is found through its legacy institution_id and the class links.
//
// skippedAppWrites lists the writes of §6 left out and why (they could never work on this
// schema); appWriteAdjustments how replayed ones differ from what the app sends today.
//
// Statements are shaped like PostgREST's: the body goes in as one JSON parameter and is read
// back with json_populate_record, so exactly the columns the app sends are written; role and
// claims are set with set_config(..., true) before every statement of the transaction.
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import type { Sql } from '../db.ts';

type TransactionSql = postgres.TransactionSql;

export type AppClient = 'browser' | 'service';
export type AppWriteOp = 'INSERT' | 'UPDATE' | 'DELETE' | 'UPSERT' | 'DELETE+INSERT';

export interface AppWriteResult {
  name: string;
  client: AppClient;
  table: string;
  op: AppWriteOp;
  ok: boolean;
  sqlstate?: string;
  message?: string;
}

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

/** Writes that fail on BIG DAY itself, whoever sends them and whatever the HPC does: its
 * own defects (domain/bigday-real-schema.md §4.2), with the SQLSTATE they fail with. */
export const bigDayDefects: Record<string, { sqlstate: string; why: string }> = {
  'user management: add a profile (28 columns)': {
    sqlstate: '23503',
    why:
      "BIG DAY's audit trigger writes the new profile's id into audit_logs.user_id, which references auth.users; " +
      'the screen gives the profile a random id with no auth user behind it, so the insert fails even as the service role',
  },
};

interface School {
  institutionId: string;
  termId: string;
  cohortId: string;
  spareCohortId: string;
  sectionId: string;
  sectionCourse: { id: string; courseId: string; teacherId: string };
  spareCourseId: string;
  courseId: string;
  adminId: string;
  adminEmail: string;
  domain: string;
  teacherId: string;
  newTeacherId: string;
  newTeacherRulesId: string | null;
  /** A course and a grade of the school the new teacher is not eligible for yet. */
  newTeacherCourseId: string;
  newTeacherGrade: string;
  studentIds: string[];
  subjectEligibilityId: string;
  gradeEligibilityId: string;
  timetableId: string;
  sessionId: string;
  slotTemplateId: string;
}

interface Step {
  /** Who sends it; undefined: the caller's own role (setup, e.g. the auth user GoTrue made). */
  as?: AppClient;
  method?: 'POST' | 'PATCH' | 'DELETE';
  sql: string;
  params?: unknown[];
}

interface Write {
  name: string;
  client: AppClient;
  table: string;
  op: AppWriteOp;
  steps: (s: School, load: RowLoader) => Promise<Step[]> | Step[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** PostgREST-shaped statements: the body as one json parameter. */
function insert(table: string, body: Record<string, unknown>, onConflict?: string[]): Step {
  const cols = Object.keys(body).map(ident).join(', ');
  const upsert = onConflict
    ? ` on conflict (${onConflict.map(ident).join(', ')}) do update set ${Object.keys(body)
        .map((c) => `${ident(c)} = excluded.${ident(c)}`)
        .join(', ')}`
    : '';
  return {
    method: 'POST',
    sql: `insert into public.${ident(table)} (${cols}) select ${cols} from json_populate_record(null::public.${ident(table)}, $1::text::json)${upsert}`,
    params: [JSON.stringify(body)],
  };
}

function update(table: string, body: Record<string, unknown>, where: string, whereParams: unknown[] = []): Step {
  const sets = Object.keys(body)
    .map((c) => `${ident(c)} = pgrst_body.${ident(c)}`)
    .join(', ');
  const shifted = where.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + 1}`);
  return {
    method: 'PATCH',
    sql:
      `update public.${ident(table)} as t set ${sets} from json_populate_record(null::public.${ident(table)}, $1::text::json) as pgrst_body` +
      (where ? ` where ${shifted}` : ''),
    params: [JSON.stringify(body), ...whereParams],
  };
}

function remove(table: string, where: string, params: unknown[]): Step {
  return { method: 'DELETE', sql: `delete from public.${ident(table)} as t where ${where}`, params };
}

const browser = (step: Step): Step => ({ ...step, as: 'browser' });
const service = (step: Step): Step => ({ ...step, as: 'service' });
const now = () => new Date().toISOString();
const tag = () => randomUUID().slice(0, 8);

const writes: Write[] = [
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
    steps: (s) => [browser(insert('teacher_subject_eligibility', { teacher_id: s.newTeacherId, course_id: s.newTeacherCourseId }, ['id']))],
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
    steps: (s) => [browser(insert('teacher_grade_eligibility', { teacher_id: s.newTeacherId, grade: s.newTeacherGrade }, ['id']))],
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
          ['id'],
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

  // Edge functions (service role)
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

/** A row as the browser loaded it (select *), as JSON. */
type RowLoader = (table: string, id: string) => Promise<Record<string, unknown>>;

class RolledBack extends Error {}

/** Every write of §6 that can reach this schema, for one school (its legacy institution_id, or
 * else that of the oldest academic term), each in a transaction that is rolled back. Connect as `postgres` (or another
 * member of authenticated and service_role that may read every row). */
export async function replayAppWrites(sql: Sql, options: { institutionId?: string } = {}): Promise<AppWriteResult[]> {
  const school = await findSchool(sql, options.institutionId);
  const load: RowLoader = async (table, id) => {
    const [r] = await sql.unsafe(`select to_jsonb(t) as row from public.${ident(table)} as t where t.id = $1`, [id]);
    return r!.row as Record<string, unknown>;
  };
  const claims: Record<AppClient, string> = {
    browser: JSON.stringify({
      sub: school.adminId,
      role: 'authenticated',
      aud: 'authenticated',
      email: school.adminEmail,
      aal: 'aal1',
      session_id: randomUUID(),
    }),
    service: JSON.stringify({ role: 'service_role', iss: 'supabase' }),
  };
  const results: AppWriteResult[] = [];
  for (const w of writes) {
    const steps = await w.steps(school, load);
    const base = { name: w.name, client: w.client, table: w.table, op: w.op };
    try {
      await sql.begin(async (tx) => {
        for (const step of steps) await runStep(tx, step, claims, w.table);
        throw new RolledBack();
      });
      throw new Error('the transaction was not rolled back');
    } catch (error) {
      if (error instanceof RolledBack) results.push({ ...base, ok: true });
      else {
        const e = error as { code?: string; message?: string };
        if (!e.code) throw error; // not the database's answer: a fault of the replay itself
        results.push({ ...base, ok: false, sqlstate: e.code, message: e.message });
      }
    }
  }
  return results;
}

async function runStep(tx: TransactionSql, step: Step, claims: Record<AppClient, string>, table: string): Promise<void> {
  if (step.as) {
    const role = step.as === 'browser' ? 'authenticated' : 'service_role';
    await tx`select set_config('role', ${role}, true), set_config('request.jwt.claims', ${claims[step.as]}, true),
                    set_config('request.method', ${step.method ?? 'POST'}, true), set_config('request.path', ${`/rest/v1/${table}`}, true)`;
  } else {
    await tx`reset role`;
  }
  const result = await tx.unsafe(step.sql, (step.params ?? []) as never[]);
  // PostgREST answers an UPDATE or DELETE that reached no row with 204, as if it had worked:
  // row security that hides the row looks like success. The replay counts it as refused.
  if (step.as && (step.method === 'PATCH' || step.method === 'DELETE') && result.count === 0) {
    throw Object.assign(new Error(`${step.method} reached no row of ${table} (PostgREST answers 204, nothing changed)`), { code: 'P0002' });
  }
}

async function findSchool(sql: Sql, institutionId?: string): Promise<School> {
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined || value === null) throw new Error(`replayAppWrites: the school ${institutionId ?? '(first)'} has no ${what}`);
    return value;
  };
  if (!institutionId) {
    const [first] = await sql`select institution_id::text as id from public.academic_terms
                              group by institution_id order by min(created_at), institution_id::text limit 1`;
    institutionId = need(first?.id as string | undefined, 'academic term');
  }
  const inst = institutionId;
  // The term, cohort and section with students and courses (the current term's classes).
  const [cls] = await sql`
    select c.academic_term_id::text as term, c.id::text as cohort, s.id::text as section
    from public.cohorts as c join public.sections as s on s.cohort_id = c.id
    join public.academic_terms as t on t.id = c.academic_term_id
    where c.institution_id = ${inst}
      and exists (select 1 from public.section_students as ss where ss.section_id = s.id)
      and exists (select 1 from public.section_courses as sc where sc.section_id = s.id and sc.teacher_id is not null)
    order by t.start_date, c.grade, s.name limit 1`;
  need(cls, 'section with students and courses');
  const [spareCohort] = await sql`select id::text from public.cohorts where institution_id = ${inst} and id <> ${cls!.cohort}
                                  order by (select count(*) from public.sections as s where s.cohort_id = cohorts.id), created_at limit 1`;
  const [sc] = await sql`select id::text, course_id::text, teacher_id::text from public.section_courses
                         where section_id = ${cls!.section} and teacher_id is not null order by priority, course_id limit 1`;
  const [spareCourse] = await sql`select id::text from public.courses as c where institution_id = ${inst}
                                  and not exists (select 1 from public.section_courses as sc where sc.section_id = ${cls!.section} and sc.course_id = c.id)
                                  order by code limit 1`;
  const students = await sql`select student_id::text as id from public.section_students where section_id = ${cls!.section}
                             order by student_id limit 3`;
  // People reach a school only through links and e-mail: the students' domain names the school.
  const [domain] = await sql`select split_part(u.email, '@', 2) as d from public.section_students as ss
                             join public.user_profiles as u on u.id = ss.student_id where ss.section_id = ${cls!.section} limit 1`;
  const [admin] = await sql`
    select u.id::text, u.email from public.user_profiles as u
    where u.role = 'admin'
    order by (split_part(u.email, '@', 2) = ${domain?.d ?? ''}) desc,
             exists (select 1 from public.timetables as tt join public.sections as s on s.id = tt.section_id
                     join public.cohorts as c on c.id = s.cohort_id
                     where c.institution_id = ${inst} and u.id in (tt.generated_by, tt.published_by)) desc,
             u.created_at, u.id
    limit 1`;
  // A teacher of the school with no classes yet (else the section's teacher).
  const teacherId = sc?.teacher_id as string;
  const [unallocated] = await sql`
    select u.id::text from public.user_profiles as u
    where u.role = 'teacher' and split_part(u.email, '@', 2) = ${domain?.d ?? ''}
      and not exists (select 1 from public.section_courses as x where x.teacher_id = u.id)
    order by u.created_at, u.id limit 1`;
  const newTeacherId = (unallocated?.id as string | undefined) ?? teacherId;
  const [rules] = await sql`select id::text from public.teacher_load_rules where teacher_id = ${newTeacherId}`;
  const [newCourse] = await sql`select id::text from public.courses as c where institution_id = ${inst}
                                and not exists (select 1 from public.teacher_subject_eligibility as e
                                                where e.teacher_id = ${newTeacherId} and e.course_id = c.id)
                                order by code limit 1`;
  const [newGrade] = await sql`select grade from public.cohorts as c where institution_id = ${inst}
                               and not exists (select 1 from public.teacher_grade_eligibility as e
                                               where e.teacher_id = ${newTeacherId} and e.grade = c.grade)
                               order by grade limit 1`;
  const [tse] = await sql`select id::text from public.teacher_subject_eligibility where teacher_id = ${teacherId} order by id limit 1`;
  const [tge] = await sql`select id::text from public.teacher_grade_eligibility where teacher_id = ${teacherId} order by id limit 1`;
  const [tt] = await sql`select id::text from public.timetables where section_id = ${cls!.section} and academic_term_id = ${cls!.term}
                         order by (status = 'published') desc, created_at desc limit 1`;
  const [session] = tt
    ? await sql`select id::text from public.timetable_sessions where timetable_id = ${tt.id}
                                   order by day_of_week, period_index limit 1`
    : [];
  const [template] = await sql`select id::text from public.slot_templates where institution_id = ${inst} order by created_at, id limit 1`;
  return {
    institutionId: inst,
    termId: cls!.term,
    cohortId: cls!.cohort,
    spareCohortId: need(spareCohort?.id, 'second cohort'),
    sectionId: cls!.section,
    sectionCourse: { id: sc!.id, courseId: sc!.course_id, teacherId },
    spareCourseId: need(spareCourse?.id, 'course the section does not take'),
    courseId: sc!.course_id,
    adminId: need(admin?.id, 'admin'),
    adminEmail: admin!.email,
    domain: domain?.d || 'replay.example',
    teacherId,
    newTeacherId,
    newTeacherRulesId: (rules?.id as string | undefined) ?? null,
    newTeacherCourseId: need(newCourse?.id, 'course a teacher is not eligible for'),
    newTeacherGrade: need(newGrade?.grade, 'grade a teacher is not eligible for'),
    studentIds: need(students.length >= 3 ? students.map((r) => r.id as string) : undefined, 'section with 3 students'),
    subjectEligibilityId: need(tse?.id, 'subject eligibility of the section teacher'),
    gradeEligibilityId: need(tge?.id, 'grade eligibility of the section teacher'),
    timetableId: need(tt?.id, 'timetable for the section'),
    sessionId: need(session?.id, 'timetable session'),
    slotTemplateId: need(template?.id, 'slot template'),
  };
}
