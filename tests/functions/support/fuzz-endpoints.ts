// The endpoints the fuzzer covers, each with the arbitrary that makes its requests: every
// hpc-reports and hpc-approvals route, with near-valid bodies often enough that some requests
// get past validation.
import fc from 'fast-check';
import { bodyOf, contentType, dateArb, idArb, maybe, pathId, tokenArb, versionArb, weirdText, type FuzzTargets } from './fuzz-values.ts';

/** One fuzzed request: who sends it, where, and with which body. */
export interface FuzzRequest {
  token: string | undefined;
  method: string;
  path: string;
  body?: string;
  contentType?: string;
}

export interface FuzzedEndpoint {
  name: string;
  arb: (t: FuzzTargets) => fc.Arbitrary<FuzzRequest>;
}

export const FUZZED_ENDPOINTS: FuzzedEndpoint[] = [
  {
    name: 'POST hpc-reports/generate',
    arb: (t) =>
      fc.record({
        token: tokenArb(t),
        method: fc.constant('POST'),
        path: fc.constant('hpc-reports/generate'),
        contentType,
        body: bodyOf(
          t,
          { cycle_id: idArb(t), student_id: idArb(t), section_id: idArb(t) },
          fc.record({
            cycle_id: fc.oneof(fc.constantFrom(t.fixture.cycle, t.fixture.cycle2), fc.uuid()),
            student_id: fc.oneof(
              fc.constantFrom(t.fixture.user('ananya'), t.fixture.user('kabir'), t.fixture.user('diya'), t.fixture.user('parent')),
              fc.uuid(),
            ),
          }),
        ),
      }),
  },
  {
    name: 'POST hpc-reports/batches',
    arb: (t) =>
      fc.record({
        token: tokenArb(t),
        method: fc.constant('POST'),
        path: fc.constant('hpc-reports/batches'),
        contentType,
        // a random cycle only: a real one would start background work that changes the database
        body: bodyOf(
          t,
          {
            kind: fc.oneof(fc.constantFrom('generate', 'transition'), weirdText),
            cycle_id: fc.oneof(fc.uuid(), weirdText),
            section_id: idArb(t),
            action: fc.oneof(fc.constantFrom('submit', 'approve', 'publish', 'reopen'), weirdText),
            comment: fc.string(),
            release_at: dateArb,
            wait: fc.boolean(),
          },
          fc.record(
            {
              kind: fc.constantFrom('generate', 'transition'),
              cycle_id: fc.uuid(),
              section_id: fc.oneof(fc.constant(t.fixture.section), fc.uuid()),
              action: fc.constantFrom('submit', 'approve', 'publish'),
            },
            { requiredKeys: ['kind', 'cycle_id'] },
          ),
        ),
      }),
  },
  {
    name: 'GET hpc-reports/batches/{id}',
    arb: (t) => fc.record({ token: tokenArb(t), method: fc.constant('GET'), path: pathId(t).map((id) => `hpc-reports/batches/${id}`) }),
  },
  {
    name: 'POST hpc-reports/batches/{id}/resume',
    arb: (t) =>
      fc.record({
        token: tokenArb(t),
        method: fc.constant('POST'),
        path: pathId(t).map((id) => `hpc-reports/batches/${id}/resume`),
        contentType,
        body: maybe(bodyOf(t, {})),
      }),
  },
  {
    name: 'GET hpc-reports/reports/{id}',
    arb: (t) => fc.record({ token: tokenArb(t), method: fc.constant('GET'), path: pathId(t).map((id) => `hpc-reports/reports/${id}`) }),
  },
  {
    name: 'GET hpc-reports/reports/{id}/print',
    arb: (t) =>
      fc.record({
        token: tokenArb(t),
        method: fc.constant('GET'),
        path: fc
          .tuple(
            fc.oneof(fc.constant(t.reportId), pathId(t)),
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
    arb: (t) =>
      fc.record({
        token: tokenArb(t),
        method: fc.constant('POST'),
        path: fc
          .oneof({ weight: 4, arbitrary: fc.constant(t.reportId) }, { weight: 2, arbitrary: pathId(t) })
          .map((id) => `hpc-approvals/reports/${id}/transitions`),
        contentType: fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentType }),
        body: bodyOf(
          t,
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
    arb: (t) =>
      fc.record({ token: tokenArb(t), method: fc.constant('GET'), path: pathId(t).map((id) => `hpc-approvals/reports/${id}/history`) }),
  },
  {
    name: 'GET hpc-approvals/awaiting',
    arb: (t) =>
      fc.record({
        token: tokenArb(t),
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
