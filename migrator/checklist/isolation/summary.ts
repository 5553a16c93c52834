// The proof's verdict: relations without a path to a school (allowed only when shared on
// purpose), SECURITY DEFINER functions without a pinned search_path, and the report.
import type { Caller, Cell, FunctionTally, IsolationOptions, IsolationResult, Relation } from './types.ts';
import type { Reserved } from './sql.ts';

/** SECURITY DEFINER functions the API roles may execute whose search_path is not pinned. */
export async function unpinnedSecurityDefiners(c: Reserved, schemas: string[]): Promise<string[]> {
  const [unpinned] = await c`
    select coalesce(array_agg(p.oid::regprocedure::text order by 1), '{}') as names from pg_proc as p
    where p.pronamespace = any(select oid from pg_namespace where nspname = any(${schemas})) and p.prosecdef
      and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
      and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) as s where s like 'search_path=%')`;
  return unpinned!.names as string[];
}

/** Relations with no tenant path: rows seen per kind of caller; rows seen of one that is not
 * an allowed shared table fail the check. */
export function judgeNoTenantPath(
  checked: Relation[],
  noPathVisible: Map<string, Record<string, number>>,
  callers: Caller[],
  options: IsolationOptions,
  failures: IsolationResult['failures'],
): IsolationResult['noTenantPath'] {
  const kindOf = (label: string) => callers.find((x) => x.label === label)!.kind;
  return checked
    .filter((r) => !r.skipped && r.judged === 'none')
    .map((r) => {
      const visible = noPathVisible.get(r.name) ?? {};
      const reason = options.sharedTables[r.name];
      const total = Object.values(visible).reduce((a, b) => a + b, 0);
      if (total > 0 && !reason) {
        for (const [caller, count] of Object.entries(visible)) {
          if (count > 0)
            failures.visibility.push({
              table: r.name,
              role: kindOf(caller),
              caller,
              count,
              why: 'no tenant path: rows with no school, not an allowed shared table',
            });
        }
      }
      const byKind: Record<string, number> = {};
      for (const [label, count] of Object.entries(visible)) byKind[kindOf(label)] = (byKind[kindOf(label)] ?? 0) + count;
      return { table: r.name, visible: byKind, ...(reason ? { shared: reason } : {}) };
    });
}

export interface Tallies {
  rowsChecked: number;
  rowsVisible: number;
  writeProbes: number;
  writeOutcomes: Record<string, number>;
  perTable: Record<string, Record<string, Cell>>;
  writesNotProbed: { table: string; why: string }[];
}

export function isolationReport(args: {
  relations: Relation[];
  rootOid: number | null;
  schemas: string[];
  callers: Caller[];
  institutions: number;
  options: IsolationOptions;
  failures: IsolationResult['failures'];
  tallies: Tallies;
  functions: IsolationResult['functions'];
  functionsProbed: number;
  noTenantPath: IsolationResult['noTenantPath'];
  unpinnedSecurityDefiner: string[];
  errors: string[];
}): IsolationResult {
  const { relations, callers, failures, tallies, functions } = args;
  const covered = relations.filter((r) => r.skipped?.startsWith('partition of')).length;
  const tablesChecked = relations.filter((r) => !r.skipped).length;
  const returned = (rows: Record<string, FunctionTally> | undefined) => Object.values(rows ?? {}).reduce((b, r) => b + r.returned, 0);
  return {
    ok: {
      visibility: failures.visibility.length === 0 && tablesChecked > 0 && callers.length > 1,
      writes: failures.writes.length === 0 && callers.length > 1,
      functions: failures.functions.length === 0,
    },
    failures,
    totals: {
      tablesChecked,
      partitionsCoveredByParent: covered,
      tablesCovered: tablesChecked + covered,
      rowsChecked: tallies.rowsChecked,
      rowsVisible: tallies.rowsVisible,
      callers: callers.length,
      institutions: args.institutions,
      writeProbes: tallies.writeProbes,
      functionsProbed: args.functionsProbed,
      functionRowsReturned: functions.reduce((a, f) => a + returned(f.rows), 0),
    },
    schemas: args.schemas,
    callers: callers.map((x) => x.label),
    relations: relations.map((r) => ({
      table: r.name,
      kind: r.kind,
      judged: r.oid === args.rootOid ? 'direct (the tenant root)' : r.judged,
      ...(r.paths.length ? { path: r.paths } : {}),
      rows: r.totalRows,
      ...(r.skipped ? { skipped: r.skipped } : {}),
    })),
    noTenantPath: args.noTenantPath,
    unusedSharedTables: Object.keys(args.options.sharedTables).filter((t) => !relations.some((x) => x.name === t)),
    perTable: tallies.perTable,
    writeOutcomes: tallies.writeOutcomes,
    writesNotProbed: tallies.writesNotProbed,
    functions,
    unpinnedSecurityDefiner: args.unpinnedSecurityDefiner,
    errors: args.errors,
  };
}
