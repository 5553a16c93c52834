// Three pages' requests through the frontend's real path (supabase-js → gateway → PostgREST →
// RLS), each sent with the user's token and, interleaved with it, as the same request with
// the service_role key: the ratio is what row level security and the per-request role switch
// cost end to end. The requests are the ones docs/api.md and the README give a frontend:
//   - a class teacher's sheet: their ratings of their section in a cycle, with each
//     parameter's code and name embedded (the README's example, narrowed to one section);
//   - a parent opening their child's card: `hpc_published_reports` by student;
//   - a principal's dashboard: `rpc('hpc_analytics_overview')`.
// The service_role side names what RLS supplies for the user, as a trusted server would:
// the school (`institution_id=eq.…`; without it the same URL reads every school's
// partitions, since every index leads with institution_id), and for the overview, which
// answers for the caller's school, the principal's id as the token's `sub` (still past RLS).
import { performance } from 'node:perf_hooks';
import type { Client, RestPath, SentRequest } from './rest-path.ts';
import { ms, type Stats, stats } from '../stats.ts';

export interface RestSubjects {
  institution: string;
  teacher: string;
  parent: string;
  child: string;
  principal: string;
  cycle: string;
  /** The teacher's section, student ids. */
  roster: string[];
}

export interface RestRequestResult {
  request: SentRequest;
  serviceRequest: SentRequest;
  rows: number;
  sameResult: boolean;
  /** What the service_role side sends as its token. */
  serviceToken: 'service_role key' | 'service_role token naming the user';
  user: Stats;
  service: Stats;
  ratioP50: number;
  ratioP95: number;
  ratioP99: number;
}

interface PageRequest {
  user: Client;
  service: Client;
  /** What the service_role side names explicitly. */
  school?: string;
  serviceToken: RestRequestResult['serviceToken'];
  /** The request; `school` is set for the service_role side. */
  send(client: Client, school?: string): PromiseLike<{ data: unknown; error: unknown; status: number }>;
}

const WARM_UP = 20;

async function pageRequests(path: RestPath, who: RestSubjects): Promise<Record<string, PageRequest>> {
  const service = await path.serviceClient();
  return {
    teacher_class_sheet: {
      user: await path.userClient(who.teacher),
      service,
      school: who.institution,
      serviceToken: 'service_role key',
      send: (c, school) => {
        const q = c
          .from('hpc_evaluations')
          .select('student_id, parameter_id, rater_id, level_ordinal, status, hpc_parameters(code, name)')
          .eq('cycle_id', who.cycle)
          .eq('rater_role', 'teacher')
          .in('student_id', who.roster);
        return (school ? q.eq('institution_id', school) : q).order('student_id').order('parameter_id').order('rater_id');
      },
    },
    parent_child_card: {
      user: await path.userClient(who.parent),
      service,
      school: who.institution,
      serviceToken: 'service_role key',
      send: (c, school) => {
        const q = c.from('hpc_published_reports').select('*').eq('student_id', who.child);
        return school ? q.eq('institution_id', school) : q;
      },
    },
    principal_dashboard: {
      user: await path.userClient(who.principal),
      service: await path.serviceClient(who.principal),
      serviceToken: 'service_role token naming the user',
      send: (c) => c.rpc('hpc_analytics_overview'),
    },
  };
}

/** One request; its time at the client (ms) and its rows. */
async function timed(page: PageRequest, client: Client): Promise<[number, unknown]> {
  const t = performance.now();
  const { data, error, status } = await page.send(client, client === page.service ? page.school : undefined);
  const elapsed = performance.now() - t;
  if (error || status !== 200) throw new Error(`HTTP ${status}: ${JSON.stringify(error)}`);
  return [elapsed, data];
}

export async function measureRestPath(
  path: RestPath,
  who: RestSubjects,
  iterations: number,
  log: (line: string) => void,
): Promise<Record<string, RestRequestResult>> {
  const out: Record<string, RestRequestResult> = {};
  for (const [name, page] of Object.entries(await pageRequests(path, who))) {
    const [, userRows] = await timed(page, page.user);
    const request = path.sent[path.sent.length - 1]!;
    const [, serviceRows] = await timed(page, page.service);
    const serviceRequest = path.sent[path.sent.length - 1]!;
    const rows = Array.isArray(userRows) ? userRows.length : 0;
    for (let w = 0; w < WARM_UP; w++) {
      await timed(page, page.user);
      await timed(page, page.service);
    }
    const u: number[] = [];
    const s: number[] = [];
    for (let i = 0; i < iterations; i++) {
      // alternate the order so that neither side always follows the other
      if (i % 2) {
        u.push((await timed(page, page.user))[0]);
        s.push((await timed(page, page.service))[0]);
      } else {
        s.push((await timed(page, page.service))[0]);
        u.push((await timed(page, page.user))[0]);
      }
    }
    const user = stats(u);
    const service = stats(s);
    out[name] = {
      request,
      serviceRequest,
      rows,
      sameResult: JSON.stringify(userRows) === JSON.stringify(serviceRows),
      serviceToken: page.serviceToken,
      user,
      service,
      ratioP50: user.p50 / service.p50,
      ratioP95: user.p95 / service.p95,
      ratioP99: user.p99 / service.p99,
    };
    log(
      `REST ${name.padEnd(20)} rows ${String(rows).padStart(5)} same=${out[name]!.sameResult}  user p50 ${ms(user.p50)} p95 ${ms(user.p95)} p99 ${ms(user.p99)} ms | service_role p50 ${ms(service.p50)} p95 ${ms(service.p95)} p99 ${ms(service.p99)} ms | ratio ${(user.p50 / service.p50).toFixed(2)}× / ${(user.p95 / service.p95).toFixed(2)}×`,
    );
  }
  return out;
}
