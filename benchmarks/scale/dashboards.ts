// Section 4: dashboard reads from the materialized views (through the rpc functions, as the
// frontend calls them) against the raw aggregation over the tables under RLS.
import { ms, stats } from '../stats.ts';
import { timed, type Caller, type Log, type Sql } from './harness.ts';
import type { Subjects } from './subjects.ts';

export async function measureDashboards(sql: Sql, x: Subjects, N: number, log: Log): Promise<Record<string, unknown>> {
  const { principal, teacher, parent, cycle1, cycle2, section, child } = x;
  const leader: Caller = { role: 'authenticated', user: principal };
  const teacherCaller: Caller = { role: 'authenticated', user: teacher };
  const parentCaller: Caller = { role: 'authenticated', user: parent };
  const mvReads: Record<string, { who: Caller; query: string }> = {
    'overview (principal)': { who: leader, query: `select * from public.hpc_analytics_overview()` },
    'completion, one section (teacher)': {
      who: teacherCaller,
      query: `select * from public.hpc_analytics_completion('${cycle1}', '${section}')`,
    },
    'level distribution, one section (teacher)': {
      who: teacherCaller,
      query: `select * from public.hpc_analytics_level_distribution('${cycle1}', '${section}')`,
    },
    'student progress (parent)': { who: parentCaller, query: `select * from public.hpc_analytics_student_progress('${child}')` },
    'completion, whole school (principal)': { who: leader, query: `select * from public.hpc_analytics_completion('${cycle2}')` },
  };
  const rawReads: Record<string, { who: Caller; query: string }> = {
    'overview (principal), raw': {
      who: leader,
      query: `select e.cycle_id, count(*) filter (where e.status = 'submitted') as submitted, count(*) filter (where e.status = 'draft') as drafts,
                     count(distinct e.student_id) as students_rated,
                     count(*) filter (where e.rater_role = 'teacher' and e.status = 'submitted' and e.level_ordinal = 1) as l1,
                     count(*) filter (where e.rater_role = 'teacher' and e.status = 'submitted' and e.level_ordinal = 2) as l2,
                     count(*) filter (where e.rater_role = 'teacher' and e.status = 'submitted' and e.level_ordinal = 3) as l3
              from public.hpc_evaluations as e group by e.cycle_id`,
    },
    'completion, one section (teacher), raw': {
      who: teacherCaller,
      query: `select a.parameter_id, r.role, count(e.*) filter (where e.status = 'submitted') as submitted, count(e.*) filter (where e.status = 'draft') as drafts
              from public.hpc_parameter_assignments as a cross join unnest(a.rater_roles) as r (role)
              left join public.hpc_evaluations as e on e.institution_id = a.institution_id and e.assignment_id = a.id and e.rater_role = r.role
              where a.cycle_id = '${cycle1}' and a.section_id = '${section}' group by 1, 2`,
    },
  };
  const dash: Record<string, unknown> = {};
  for (const [name, r] of Object.entries({ ...mvReads, ...rawReads })) {
    const raw = name.endsWith(', raw');
    const n = raw ? Math.max(10, Math.round(N / 10)) : N;
    let rows = 0;
    for (let w = 0; w < 3; w++) rows = (await timed(sql, r.who, r.query))[1].length;
    const samples: number[] = [];
    for (let i = 0; i < n; i++) samples.push((await timed(sql, r.who, r.query))[0]);
    const st = stats(samples);
    dash[name] = { rows, source: raw ? 'raw tables (RLS)' : 'materialized view (RPC)', ...st };
    log(`dashboard ${name.padEnd(45)} rows ${String(rows).padStart(6)} p50 ${ms(st.p50)} ms p95 ${ms(st.p95)} ms`);
  }
  return dash;
}
