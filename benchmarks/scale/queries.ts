// The three reads the RLS overhead is measured on — a teacher's class sheet, a parent opening
// a child's card, a principal's dashboard aggregation — each as the user under RLS and as
// service_role with the filters RLS would have added. Unprepared with literals (the variants
// section swaps policies under the same text), and prepared with parameters as PostgREST
// sends them by default (db-prepared-statements).
import type { Caller } from './harness.ts';
import type { Subjects } from './subjects.ts';

export interface OverheadQuery {
  who: Caller;
  rls: string;
  service: string;
}
export type PreparedQuery = { rls: [string, unknown[]]; service: [string, unknown[]] };

export function overheadQueries(x: Subjects): Record<'teacher_class_sheet' | 'parent_child_card' | 'principal_dashboard', OverheadQuery> {
  const { inst, cycle1, rosterArray, teacher, child, parent, principal } = x;
  return {
    teacher_class_sheet: {
      who: { role: 'authenticated', user: teacher } as Caller,
      rls: `select e.student_id, e.parameter_id, e.rater_role, e.level_ordinal, e.status from public.hpc_evaluations as e
            where e.cycle_id = '${cycle1}' and e.student_id = any (${rosterArray})
            order by e.student_id, e.parameter_id, e.rater_role, e.rater_id`,
      service: `select e.student_id, e.parameter_id, e.rater_role, e.level_ordinal, e.status from public.hpc_evaluations as e
            where e.institution_id = '${inst}' and e.cycle_id = '${cycle1}' and e.student_id = any (${rosterArray})
            order by e.student_id, e.parameter_id, e.rater_role, e.rater_id`,
    },
    parent_child_card: {
      who: { role: 'authenticated', user: parent } as Caller,
      rls: `select r.id, r.status, r.content from public.hpc_reports as r
            where r.student_id = '${child}' and r.cycle_id = '${cycle1}' and r.is_current`,
      service: `select r.id, r.status, r.content from public.hpc_reports as r
            where r.institution_id = '${inst}' and r.student_id = '${child}' and r.cycle_id = '${cycle1}' and r.is_current
              and r.status = 'published' and (r.release_at is null or r.release_at <= now())
              and r.student_id in (select g.student_id from public.student_guardians as g
                                   where g.institution_id = '${inst}' and g.guardian_id = '${parent}')`,
    },
    principal_dashboard: {
      who: { role: 'authenticated', user: principal } as Caller,
      rls: `select e.cycle_id, e.rater_role, e.level_ordinal, count(*) as ratings, count(distinct e.student_id) as students
            from public.hpc_evaluations as e where e.status = 'submitted'
            group by 1, 2, 3 order by 1, 2, 3`,
      service: `select e.cycle_id, e.rater_role, e.level_ordinal, count(*) as ratings, count(distinct e.student_id) as students
            from public.hpc_evaluations as e where e.institution_id = '${inst}' and e.status = 'submitted'
            group by 1, 2, 3 order by 1, 2, 3`,
    },
  };
}

export function preparedQueries(x: Subjects): Record<string, PreparedQuery> {
  const { inst, cycle1, roster, child, parent } = x;
  return {
    teacher_class_sheet: {
      rls: [
        `select e.student_id, e.parameter_id, e.rater_role, e.level_ordinal, e.status from public.hpc_evaluations as e
             where e.cycle_id = $1 and e.student_id = any ($2::uuid[]) order by e.student_id, e.parameter_id, e.rater_role, e.rater_id`,
        [cycle1, roster],
      ],
      service: [
        `select e.student_id, e.parameter_id, e.rater_role, e.level_ordinal, e.status from public.hpc_evaluations as e
             where e.institution_id = $1 and e.cycle_id = $2 and e.student_id = any ($3::uuid[]) order by e.student_id, e.parameter_id, e.rater_role, e.rater_id`,
        [inst, cycle1, roster],
      ],
    },
    parent_child_card: {
      rls: [
        `select r.id, r.status, r.content from public.hpc_reports as r where r.student_id = $1 and r.cycle_id = $2 and r.is_current`,
        [child, cycle1],
      ],
      service: [
        `select r.id, r.status, r.content from public.hpc_reports as r
             where r.institution_id = $1 and r.student_id = $2 and r.cycle_id = $3 and r.is_current
               and r.status = 'published' and (r.release_at is null or r.release_at <= now())
               and r.student_id in (select g.student_id from public.student_guardians as g where g.institution_id = $1 and g.guardian_id = $4)`,
        [inst, child, cycle1, parent],
      ],
    },
    principal_dashboard: {
      rls: [
        `select e.cycle_id, e.rater_role, e.level_ordinal, count(*) as ratings, count(distinct e.student_id) as students
             from public.hpc_evaluations as e where e.status = $1 group by 1, 2, 3 order by 1, 2, 3`,
        ['submitted'],
      ],
      service: [
        `select e.cycle_id, e.rater_role, e.level_ordinal, count(*) as ratings, count(distinct e.student_id) as students
             from public.hpc_evaluations as e where e.institution_id = $1 and e.status = $2 group by 1, 2, 3 order by 1, 2, 3`,
        [inst, 'submitted'],
      ],
    },
  };
}

/** Runs per read: the principal's aggregation is slow, so a tenth of the others. */
export const runsFor = (name: string, n: number) => (name === 'principal_dashboard' ? Math.max(10, Math.round(n / 10)) : n);
