// The scale-out plan: every table of the scaled schemas once, in foreign-key order, as a
// reference table (no institution_id) or distributed by institution_id in one colocation
// group, with the Citus function that takes it and why; or refused, with the reasons.
import {
  ACCOUNTS_TABLE,
  DISTRIBUTION_COLUMN,
  type ForeignKey,
  localByDecision,
  referenceByDecision,
  type ScaleOutCatalog,
  type Table,
} from './catalog.ts';
import { parentsFirst } from './order.ts';
import { refusalReasons } from './refusals.ts';

export type Method = 'create_reference_table' | 'create_distributed_table' | 'create_distributed_table_concurrently';

export interface Step {
  table: string;
  kind: 'reference' | 'distributed';
  method: Method;
  /** Distributed only: 'none' starts the colocation group, every other table joins it. */
  colocateWith: string | null;
  partitioned: boolean;
  /** Its triggers are switched off while Citus copies the rows into the shards. */
  triggers: number;
  /** `alter policy` statements run first: the context readers' per-statement wrappers out. */
  policyUnwraps: string[];
  /** Its foreign keys to auth.users, dropped as it is taken (ACCOUNTS_TABLE). */
  droppedKeys: string[];
  /** Already what the plan wants: a second run skips it. */
  done: boolean;
  why: string;
}

export interface Refusal {
  table: string;
  reasons: string[];
}

export interface ScaleOutPlan {
  steps: Step[];
  refusals: Refusal[];
  /** Tables that stay local on the coordinator by decision, with the reason. */
  local: { table: string; why: string }[];
  /** The tenant table that starts (or started) the colocation group. */
  anchor: string | null;
}

export interface PlanOptions {
  /** The concurrent variant streams the rows with logical replication. */
  walLevelLogical: boolean;
}

/** Tables this one references or is referenced by, itself aside. */
function foreignKeyNeighbours(table: Table, foreignKeys: ForeignKey[]): string[] {
  const neighbours = foreignKeys.flatMap((fk) =>
    fk.from === fk.to ? [] : fk.from === table.name ? [fk.to] : fk.to === table.name ? [fk.from] : [],
  );
  return [...new Set(neighbours)];
}

/** create_distributed_table_concurrently first adds the table to Citus' metadata as a Citus
 * local table, which Citus 13 refuses for a table "involved in a foreign key relationship with
 * another table" (a reference table included); so it takes only tables without foreign keys
 * to or from other tables, and every other one is distributed with writes blocked. */
function distributionMethod(table: Table, catalog: ScaleOutCatalog, options: PlanOptions): { method: Method; why: string } {
  const blocking = (why: string) => ({ method: 'create_distributed_table' as const, why: `blocking: ${why}` });
  if (!options.walLevelLogical) return blocking('wal_level is not logical, which the concurrent variant needs');
  if (!table.replicaIdentity) return blocking('no primary key or replica identity: UPDATE and DELETE would fail while it copies');
  // The concurrent variant first makes the table a Citus local table, which renames the table
  // itself to a shard and puts a new one in its place; once the rows are split off, that shard
  // goes, and with it every function that names its row type and every view that reads it
  // (on the lab: private.hpc_student_audit_events, returns setof audit_events, gone without a
  // word). The blocking variant keeps the table.
  if (table.dependents.length > 0) {
    const shown = table.dependents.slice(0, 2).join(', ') + (table.dependents.length > 2 ? ` and ${table.dependents.length - 2} more` : '');
    return blocking(
      `${shown} ${table.dependents.length === 1 ? 'depends' : 'depend'} on its row type, which the concurrent variant would drop with the table it replaces`,
    );
  }
  const neighbours = foreignKeyNeighbours(table, catalog.foreignKeys);
  if (neighbours.length > 0) {
    const shown = neighbours.slice(0, 3).join(', ') + (neighbours.length > 3 ? ` and ${neighbours.length - 3} more` : '');
    return blocking(`foreign keys with ${shown}; the concurrent variant takes tables without foreign keys only`);
  }
  return { method: 'create_distributed_table_concurrently', why: 'concurrently: no foreign keys; writes continue while it copies' };
}

export function planScaleOut(catalog: ScaleOutCatalog, options: PlanOptions): ScaleOutPlan {
  const { order, cyclic } = parentsFirst(catalog.tables, catalog.foreignKeys);
  const refused = refusalReasons(catalog, order);
  for (const t of cyclic)
    refused.set(t.name, ['on a foreign-key cycle: no order distributes every table before the tables referencing it']);
  const citus = new Map(catalog.citusTables.map((c) => [c.name, c]));
  // A table added after the scale-out (or left out by --only) joins the colocation group the
  // cluster already has, wherever its anchor is: a group of its own would make every join
  // and foreign key with the other tenant tables cross shards.
  const distributedTenant =
    order.find((t) => t.tenant && citus.get(t.name)?.distributionColumn === DISTRIBUTION_COLUMN)?.name ??
    catalog.citusTables.find((c) => c.kind === 'distributed' && c.distributionColumn === DISTRIBUTION_COLUMN)?.name;
  const anchor = distributedTenant ?? order.find((t) => t.tenant && !refused.has(t.name))?.name ?? null;
  const steps: Step[] = [];
  for (const table of order) {
    const current = citus.get(table.name);
    if (table.tenant && current?.kind === 'distributed' && current.distributionColumn !== DISTRIBUTION_COLUMN) {
      refused.set(table.name, [...(refused.get(table.name) ?? []), `already distributed by ${current.distributionColumn}`]);
    }
    if (refused.has(table.name)) continue;
    const droppedKeys = catalog.foreignKeys.filter((fk) => fk.from === table.name && fk.to === ACCOUNTS_TABLE).map((fk) => fk.name);
    const base = {
      table: table.name,
      partitioned: table.partitioned,
      triggers: table.triggers,
      policyUnwraps: table.policyUnwraps,
      droppedKeys,
    };
    if (!table.tenant) {
      const done = current?.kind === 'reference';
      steps.push({
        ...base,
        kind: 'reference',
        method: 'create_reference_table',
        colocateWith: null,
        done,
        why: referenceByDecision[table.name] ?? 'no institution_id: a copy on every node (blocks writes while it copies)',
      });
      continue;
    }
    const { method, why } = distributionMethod(table, catalog, options);
    const done = current?.kind === 'distributed';
    steps.push({ ...base, kind: 'distributed', method, colocateWith: table.name === anchor ? 'none' : anchor, done, why });
  }
  const refusals = [...order, ...cyclic]
    .filter((t) => refused.has(t.name))
    .map((t) => ({ table: t.name, reasons: refused.get(t.name) ?? [] }));
  const local = catalog.localTables.map((table) => ({ table, why: localByDecision[table] ?? '' }));
  for (const { table } of local) {
    const kind = citus.get(table)?.kind;
    if (kind)
      refusals.push({
        table,
        reasons: [`stays local by decision, but Citus holds it as a ${kind} table; undistribute_table('${table}') first`],
      });
  }
  return { steps, refusals, local, anchor };
}
