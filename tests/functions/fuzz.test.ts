// Property-based fuzzing of every hpc-reports and hpc-approvals endpoint (fast-check): at
// least 1,000 random requests per endpoint — random and malformed ids, bodies, JSON, content
// types, tokens of every role, none at all — through the real gateway and Deno.
// Properties: never a 5xx; every error in the one error shape; and the database unchanged
// after rejected requests (the fixture institution's reports, steps, jobs and audit rows).
// Requests run in small concurrent groups: a group whose requests were all rejected must
// leave the fingerprint as it found it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type postgres from 'postgres';
import { credentials, sql as openSql } from '../support/test-stack.ts';
import { loadFixture, people, type Fixture, type Person } from './support/fixture.ts';
import { invoke, raw } from './support/invoke.ts';

const RUNS = 1000;
const GROUP = 16;

let sql: postgres.Sql;
let f: Fixture;
let reportId: string;
let jobId: string;

beforeAll(async () => {
  sql = openSql();
  f = await loadFixture(sql);
  const generated = await invoke(f.token('classTeacher'), 'hpc-reports/generate', {
    body: { cycle_id: f.cycle, student_id: f.user('ananya') },
  });
  reportId = generated.body.report.report_id;
  const batch = await invoke(f.token('classTeacher2'), 'hpc-reports/batches', {
    body: { kind: 'generate', cycle_id: f.cycle, section_id: f.section2, wait: true },
  });
  jobId = batch.body.batch.job_id;
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

interface Request {
  token: string | undefined;
  method: string;
  path: string;
  body?: string;
  contentType?: string;
}

// ---- arbitraries -------------------------------------------------------------------------
const tokenArb = () =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...(Object.keys(people) as Person[])).map((p) => f.token(p)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string | undefined>(undefined, credentials().anonKey, credentials().serviceRoleKey, 'not.a.jwt', ''),
    },
  );
const weirdText = fc.constantFrom(
  '',
  ' ',
  '..',
  '%',
  '123',
  "'; drop table hpc_reports; --",
  'ＡＢＣ',
  '\u0000',
  'null',
  '{}',
  'a'.repeat(300),
  '😀',
  'गणित',
);
const idArb = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.uuid() },
    {
      weight: 3,
      arbitrary: fc.constantFrom(reportId, jobId, f.cycle, f.cycle2, f.section, f.user('ananya'), f.user('kabir'), f.institution),
    },
    { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
    { weight: 2, arbitrary: fc.oneof(weirdText, fc.string({ maxLength: 40 })) },
  );
const pathId = () => idArb().map((id) => encodeURIComponent(id));
const anyValue = () => fc.oneof(fc.jsonValue({ maxDepth: 2 }), weirdText, fc.integer(), fc.double(), fc.constant(null), idArb());
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const bodyOf = (fields: Record<string, fc.Arbitrary<unknown>>, nearlyValid?: fc.Arbitrary<object>) =>
  fc.oneof(
    ...(nearlyValid ? [{ weight: 8, arbitrary: nearlyValid.map((b) => JSON.stringify(b)) }] : []),
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.record(Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, maybe(a)]))),
          fc.dictionary(fc.string({ maxLength: 8 }), anyValue(), { maxKeys: 2 }),
          fc.boolean(),
        )
        .map(([known, extra, withExtra]) => JSON.stringify(withExtra ? { ...extra, ...known } : known)),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 60 }), weirdText, fc.constant('{"action":')) },
  );
const contentType = fc.constantFrom<string | undefined>(
  'application/json',
  'application/json',
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  undefined,
);
const versionArb = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 5 }),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant(null),
);
const dateArb = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.string({ maxLength: 25 }),
  fc.constant('2026-13-45T99:99:99Z'),
  fc.constant('2027-01-01T00:00:00+05:30'),
);

const endpoints: { name: string; arb: () => fc.Arbitrary<Request> }[] = [
  {
    name: 'POST hpc-reports/generate',
    arb: () =>
      fc.record({
        token: tokenArb(),
        method: fc.constant('POST'),
        path: fc.constant('hpc-reports/generate'),
        contentType,
        body: bodyOf(
          { cycle_id: idArb(), student_id: idArb(), section_id: idArb() },
          fc.record({
            cycle_id: fc.oneof(fc.constantFrom(f.cycle, f.cycle2), fc.uuid()),
            student_id: fc.oneof(fc.constantFrom(f.user('ananya'), f.user('kabir'), f.user('diya'), f.user('parent')), fc.uuid()),
          }),
        ),
      }),
  },
  {
    name: 'POST hpc-reports/batches',
    arb: () =>
      fc.record({
        token: tokenArb(),
        method: fc.constant('POST'),
        path: fc.constant('hpc-reports/batches'),
        contentType,
        // a random cycle only: a real one would start background work that changes the database
        body: bodyOf(
          {
            kind: fc.oneof(fc.constantFrom('generate', 'transition'), weirdText),
            cycle_id: fc.oneof(fc.uuid(), weirdText),
            section_id: idArb(),
            action: fc.oneof(fc.constantFrom('submit', 'approve', 'publish', 'reopen'), weirdText),
            comment: fc.string(),
            release_at: dateArb,
            wait: fc.boolean(),
          },
          fc.record(
            {
              kind: fc.constantFrom('generate', 'transition'),
              cycle_id: fc.uuid(),
              section_id: fc.oneof(fc.constant(f.section), fc.uuid()),
              action: fc.constantFrom('submit', 'approve', 'publish'),
            },
            { requiredKeys: ['kind', 'cycle_id'] },
          ),
        ),
      }),
  },
  {
    name: 'GET hpc-reports/batches/{id}',
    arb: () => fc.record({ token: tokenArb(), method: fc.constant('GET'), path: pathId().map((id) => `hpc-reports/batches/${id}`) }),
  },
  {
    name: 'POST hpc-reports/batches/{id}/resume',
    arb: () =>
      fc.record({
        token: tokenArb(),
        method: fc.constant('POST'),
        path: pathId().map((id) => `hpc-reports/batches/${id}/resume`),
        contentType,
        body: maybe(bodyOf({})),
      }),
  },
  {
    name: 'GET hpc-reports/reports/{id}',
    arb: () => fc.record({ token: tokenArb(), method: fc.constant('GET'), path: pathId().map((id) => `hpc-reports/reports/${id}`) }),
  },
  {
    name: 'GET hpc-reports/reports/{id}/print',
    arb: () =>
      fc.record({
        token: tokenArb(),
        method: fc.constant('GET'),
        path: fc
          .tuple(
            fc.oneof(fc.constant(reportId), pathId()),
            fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom('en', 'hi') },
              { weight: 1, arbitrary: fc.oneof(fc.constantFrom('fr', ''), fc.string({ maxLength: 6 })) },
            ),
          )
          .map(([id, lang]) => `hpc-reports/reports/${id}/print?lang=${encodeURIComponent(lang)}`),
      }),
  },
  {
    name: 'POST hpc-approvals/reports/{id}/transitions',
    arb: () =>
      fc.record({
        token: tokenArb(),
        method: fc.constant('POST'),
        path: fc
          .oneof({ weight: 4, arbitrary: fc.constant(reportId) }, { weight: 2, arbitrary: pathId() })
          .map((id) => `hpc-approvals/reports/${id}/transitions`),
        contentType: fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentType }),
        body: bodyOf(
          {
            action: fc.oneof(fc.constantFrom('submit', 'approve', 'request_changes', 'publish', 'reopen'), weirdText),
            expected_version: versionArb,
            comment: fc.oneof(fc.string({ maxLength: 50 }), weirdText, fc.constant('x'.repeat(4001))),
            release_at: dateArb,
          },
          fc.record(
            {
              action: fc.constantFrom('submit', 'approve', 'request_changes', 'publish', 'reopen'),
              expected_version: fc.integer({ min: 0, max: 12 }),
              comment: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
              release_at: fc.option(
                fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
                { nil: undefined, freq: 4 },
              ),
            },
            { requiredKeys: ['action', 'expected_version'] },
          ),
        ),
      }),
  },
  {
    name: 'GET hpc-approvals/reports/{id}/history',
    arb: () =>
      fc.record({ token: tokenArb(), method: fc.constant('GET'), path: pathId().map((id) => `hpc-approvals/reports/${id}/history`) }),
  },
  {
    name: 'GET hpc-approvals/awaiting',
    arb: () =>
      fc.record({
        token: tokenArb(),
        method: fc.constant('GET'),
        path: fc
          .oneof(
            { weight: 4, arbitrary: fc.integer({ min: 1, max: 5000 }) },
            { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 8 }), fc.constant('1e400')) },
          )
          .map((l) => `hpc-approvals/awaiting?limit=${encodeURIComponent(String(l))}`),
      }),
  },
];

describe('fuzzing every endpoint', () => {
  it.each(endpoints.map((e) => [e.name, e] as const))(
    '%s: 1,000 random requests, no 5xx, rejected ones change nothing',
    async (_name, endpoint) => {
      const requests = fc.sample(endpoint.arb(), { numRuns: RUNS, seed: 5 });
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
