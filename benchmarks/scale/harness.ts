// What every section of the scale benchmark measures with: a caller (a role and, for a
// signed-in user, their id), one timed statement as that caller, a result's fingerprint, and
// the hpc_evaluations partitions a plan executed.
import { performance } from 'node:perf_hooks';
import type postgres from 'postgres';
import { asCaller, type CallerRole } from '../caller.ts';

export type Sql = postgres.Sql;
export interface Caller {
  role: CallerRole;
  user?: string;
}
export type Log = (line: string) => void;

export const claimsOf = (user?: string) => JSON.stringify(user ? { sub: user, role: 'authenticated' } : { role: 'service_role' });

/** One timed execution of query as caller; returns [ms, rows]. */
export async function timed(sql: Sql, caller: Caller, query: string, params?: unknown[]): Promise<[number, postgres.Row[]]> {
  return asCaller(sql, caller.role, claimsOf(caller.user), async (tx) => {
    const t = performance.now();
    const rows = params ? await tx.unsafe(query, params as never[], { prepare: true }) : await tx.unsafe(query);
    return [performance.now() - t, [...rows]] as [number, postgres.Row[]];
  });
}

export const fingerprint = (rows: postgres.Row[]) => JSON.stringify(rows);

interface PlanNode {
  'Relation Name'?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** Partitions of hpc_evaluations in an EXPLAIN (ANALYZE, FORMAT JSON) row's plan, each with
 * whether its node ran (not "never executed"). */
export function partitionsInPlan(explainRow: postgres.Row): Map<string, boolean> {
  const plan = (explainRow as Record<string, unknown>)['QUERY PLAN'] as { Plan: PlanNode }[];
  const seen = new Map<string, boolean>();
  const walk = (node: PlanNode) => {
    const rel = node['Relation Name'];
    if (typeof rel === 'string' && /^hpc_evaluations_p\d+$/.test(rel)) {
      seen.set(rel, (seen.get(rel) ?? false) || (node['Actual Loops'] ?? 0) > 0);
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan[0]!.Plan);
  return seen;
}

/** Partitions of hpc_evaluations in the plan, and how many ran (EXPLAIN ANALYZE JSON). */
export async function partitions(sql: Sql, caller: Caller, query: string): Promise<{ inPlan: number; executed: number; names: string[] }> {
  const [row] = await asCaller(sql, caller.role, claimsOf(caller.user), (tx) => tx.unsafe(`explain (analyze, format json) ${query}`));
  const seen = partitionsInPlan(row!);
  const names = [...seen]
    .filter(([, ran]) => ran)
    .map(([n]) => n)
    .sort();
  return { inPlan: seen.size, executed: names.length, names };
}

/** Thrown to roll back a transaction whose changes were only there to be measured. */
export class RollbackSignal extends Error {}
