// After the migration, tenant isolation: the three items that report on the one isolation
// proof (checklist/isolation/): rows seen, rows written, and rows returned by functions.
import type { ChecklistEntry } from '../check.ts';
import type { IsolationResult } from '../isolation/prove.ts';

const FAILURES_SHOWN = 50;
const listed = <T>(failures: T[]) => ({ failures: failures.slice(0, FAILURES_SHOWN), failureCount: failures.length });
const perRole = (p: IsolationResult['perTable'], pick: (c: IsolationResult['perTable'][string][string]) => object) =>
  Object.fromEntries(Object.entries(p).map(([t, roles]) => [t, Object.fromEntries(Object.entries(roles).map(([r, c]) => [r, pick(c)]))]));

export const TENANT_ISOLATION_ITEMS: ChecklistEntry[] = [
  // RLS on every table is not isolation: each role of each school, impersonated as
  // PostgREST does, reads and writes every exposed relation (checklist/isolation/).
  [
    'post',
    'no row of another school is visible to any role on any exposed table',
    async (_sql, _o, _m, proof) => {
      const r = await proof();
      return {
        ok: r.ok.visibility,
        evidence: {
          ...listed(r.failures.visibility),
          totals: r.totals,
          callers: r.callers,
          schemas: r.schemas,
          noTenantPath: r.noTenantPath,
          unusedSharedTables: r.unusedSharedTables,
          errors: r.errors,
          relations: r.relations,
          perTable: perRole(r.perTable, (c) => ({ visible: c.visible, foreign: c.foreign })),
        },
      };
    },
  ],
  [
    'post',
    'no row of another school is writable by any role',
    async (_sql, _o, _m, proof) => {
      const r = await proof();
      return {
        ok: r.ok.writes,
        evidence: {
          ...listed(r.failures.writes),
          writeProbes: r.totals.writeProbes,
          callers: r.totals.callers,
          outcomes: r.writeOutcomes,
          notProbed: r.writesNotProbed,
          perTable: perRole(r.perTable, (c) => ({ probes: c.probes, writable: c.writable })),
        },
      };
    },
  ],
  [
    'post',
    "no API-callable function returns another school's rows",
    async (_sql, _o, _m, proof) => {
      const r = await proof();
      return {
        ok: r.ok.functions,
        evidence: {
          ...listed(r.failures.functions),
          functionsProbed: r.totals.functionsProbed,
          rowsReturned: r.totals.functionRowsReturned,
          unpinnedSecurityDefiner: r.unpinnedSecurityDefiner,
          functions: r.functions,
        },
      };
    },
  ],
];
