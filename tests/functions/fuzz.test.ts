// Property-based fuzzing of every hpc-reports and hpc-approvals endpoint (fast-check): at
// least 1,000 random requests per endpoint — random and malformed ids, bodies, JSON, content
// types, tokens of every role, none at all — through the real gateway and Deno.
// Properties: never a 5xx; every error in the one error shape; and the database unchanged
// after rejected requests (the fixture institution's reports, steps, jobs and audit rows).
// Requests run in small concurrent groups: a group whose requests were all rejected must
// leave the fingerprint as it found it.
// The requests come from support/fuzz-endpoints.ts (one arbitrary per endpoint), built from
// the values in support/fuzz-values.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type postgres from 'postgres';
import { sql as openSql } from '../support/test-stack.ts';
import { FUZZED_ENDPOINTS } from './support/fuzz-endpoints.ts';
import type { FuzzTargets } from './support/fuzz-values.ts';
import { loadFixture, type Fixture } from './support/fixture.ts';
import { invoke, raw } from './support/invoke.ts';

const RUNS = 1000;
const GROUP = 16;

let sql: postgres.Sql;
let f: Fixture;
let targets: FuzzTargets;

beforeAll(async () => {
  sql = openSql();
  f = await loadFixture(sql);
  const generated = await invoke(f.token('classTeacher'), 'hpc-reports/generate', {
    body: { cycle_id: f.cycle, student_id: f.user('ananya') },
  });
  const batch = await invoke(f.token('classTeacher2'), 'hpc-reports/batches', {
    body: { kind: 'generate', cycle_id: f.cycle, section_id: f.section2, wait: true },
  });
  targets = { fixture: f, reportId: generated.body.report.report_id, jobId: batch.body.batch.job_id };
});
afterAll(async () => {
  await sql?.end();
});

async function fingerprint(): Promise<string> {
  const [row] = await sql`
    select (select count(*) from public.audit_events where institution_id = ${f.institution}) as audit,
           (select string_agg(r.id || ':' || r.lock_version || ':' || r.status || ':' || r.is_current, ',' order by r.id)
              from public.hpc_reports r where r.institution_id = ${f.institution}) as reports,
           (select count(*) || ':' || count(*) filter (where decision = 'pending')
              from public.hpc_approval_workflows w where w.institution_id = ${f.institution}) as steps,
           (select count(*) || ':' || coalesce(sum(processed), 0)
              from public.report_jobs j where j.institution_id = ${f.institution}) as jobs`;
  return JSON.stringify(row);
}

describe('fuzzing every endpoint', () => {
  it.each(FUZZED_ENDPOINTS.map((e) => [e.name, e] as const))(
    '%s: 1,000 random requests, no 5xx, rejected ones change nothing',
    async (_name, endpoint) => {
      const requests = fc.sample(endpoint.arb(targets), { numRuns: RUNS, seed: 5 });
      expect(requests.length).toBe(RUNS);
      const serverErrors: string[] = [];
      const badShapes: string[] = [];
      const changedByRejected: string[] = [];
      const statuses = new Map<number, number>();
      for (let i = 0; i < requests.length; i += GROUP) {
        const group = requests.slice(i, i + GROUP);
        const before = await fingerprint();
        const answers = await Promise.all(
          group.map((r) =>
            raw(r.token, r.path, {
              method: r.method,
              ...(r.body !== undefined && r.method === 'POST' ? { body: r.body } : {}),
              ...(r.contentType ? { contentType: r.contentType } : {}),
            }),
          ),
        );
        const after = await fingerprint();
        answers.forEach((a, j) => {
          statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
          const r = group[j]!;
          if (a.status >= 500) serverErrors.push(`${a.status} ${r.method} ${r.path} ${r.body ?? ''} → ${a.text.slice(0, 300)}`);
          if (a.status >= 400) {
            try {
              const body = JSON.parse(a.text);
              if (typeof body?.error?.code !== 'string' || typeof body?.error?.message !== 'string')
                badShapes.push(`${a.status} ${r.path}: ${a.text.slice(0, 200)}`);
            } catch {
              badShapes.push(`${a.status} ${r.path}: not JSON: ${a.text.slice(0, 200)}`);
            }
          }
        });
        if (answers.every((a) => a.status >= 400) && before !== after) {
          changedByRejected.push(`requests ${i}..${i + group.length - 1}: ${before} → ${after}`);
        }
      }
      expect(serverErrors, serverErrors.slice(0, 5).join('\n')).toEqual([]);
      expect(badShapes, badShapes.slice(0, 5).join('\n')).toEqual([]);
      expect(changedByRejected).toEqual([]);
      console.log(`${_name}: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
      // the fuzzer must also reach past validation sometimes
      expect(
        [...statuses.keys()].some((s) => s !== 400 && s !== 401),
        JSON.stringify(Object.fromEntries(statuses)),
      ).toBe(true);
    },
    120_000,
  );
});
