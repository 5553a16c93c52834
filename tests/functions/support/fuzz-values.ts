// The values the fuzzer puts into requests (fast-check arbitraries): tokens of every role and
// none, ids real, random and malformed, bodies near-valid or not JSON at all, content types,
// versions and dates. Those that use the fixture's ids take them as targets, known only once
// the fixture is loaded.
import fc from 'fast-check';
import { credentials } from '../../support/test-stack.ts';
import { people, type Fixture, type Person } from './fixture.ts';

/** The fixture and the rows created for the fuzzer to aim at. */
export interface FuzzTargets {
  fixture: Fixture;
  reportId: string;
  jobId: string;
}

export const tokenArb = ({ fixture: f }: FuzzTargets) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...(Object.keys(people) as Person[])).map((p) => f.token(p)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string | undefined>(undefined, credentials().anonKey, credentials().serviceRoleKey, 'not.a.jwt', ''),
    },
  );
export const weirdText = fc.constantFrom(
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
export const idArb = ({ fixture: f, reportId, jobId }: FuzzTargets) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.uuid() },
    {
      weight: 3,
      arbitrary: fc.constantFrom(reportId, jobId, f.cycle, f.cycle2, f.section, f.user('ananya'), f.user('kabir'), f.institution),
    },
    { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
    { weight: 2, arbitrary: fc.oneof(weirdText, fc.string({ maxLength: 40 })) },
  );
export const pathId = (t: FuzzTargets) => idArb(t).map((id) => encodeURIComponent(id));
export const anyValue = (t: FuzzTargets) =>
  fc.oneof(fc.jsonValue({ maxDepth: 2 }), weirdText, fc.integer(), fc.double(), fc.constant(null), idArb(t));
export const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
export const bodyOf = (t: FuzzTargets, fields: Record<string, fc.Arbitrary<unknown>>, nearlyValid?: fc.Arbitrary<object>) =>
  fc.oneof(
    ...(nearlyValid ? [{ weight: 8, arbitrary: nearlyValid.map((b) => JSON.stringify(b)) }] : []),
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.record(Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, maybe(a)]))),
          fc.dictionary(fc.string({ maxLength: 8 }), anyValue(t), { maxKeys: 2 }),
          fc.boolean(),
        )
        .map(([known, extra, withExtra]) => JSON.stringify(withExtra ? { ...extra, ...known } : known)),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 60 }), weirdText, fc.constant('{"action":')) },
  );
export const contentType = fc.constantFrom<string | undefined>(
  'application/json',
  'application/json',
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  undefined,
);
export const versionArb = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 5 }),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant(null),
);
export const dateArb = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.string({ maxLength: 25 }),
  fc.constant('2026-13-45T99:99:99Z'),
  fc.constant('2027-01-01T00:00:00+05:30'),
);
