// Why Citus would refuse a table, read from the catalog before anything is changed. Each
// reason names the object and the Citus rule it breaks, so the fix is plain.
import { ACCOUNTS_TABLE, DISTRIBUTION_COLUMN as COLUMN, type ForeignKey, type ScaleOutCatalog, type Table } from './catalog.ts';

const SUBQUERY_POLICY = 'Citus: "Subqueries are not supported in policies on distributed tables"';
const shown = (names: string[], max = 4) => names.slice(0, max).join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');

function ownReasons(table: Table, expectedType: string | null): string[] {
  const reasons: string[] = [];
  if (table.policiesWithSubquery.length > 0) {
    const n = table.policiesWithSubquery.length;
    reasons.push(
      `${n} ${n === 1 ? 'policy holds' : 'policies hold'} a subquery (${shown(table.policiesWithSubquery)}); ${SUBQUERY_POLICY}`,
    );
  }
  if (!table.tenant) {
    for (const trigger of table.writingTriggers) {
      reasons.push(`trigger ${trigger} writes a table, and a reference table's triggers run on every node's copy`);
    }
    return reasons;
  }
  for (const key of table.keysWithoutTenant) {
    reasons.push(`unique key ${key} does not include ${COLUMN}; Citus enforces uniqueness within a shard only`);
  }
  if (table.subPartitioned) reasons.push('a partition is itself partitioned; Citus does not distribute multi-level partitioning');
  if (expectedType && table.distributionType !== expectedType) {
    reasons.push(`${COLUMN} is ${table.distributionType}, the other tenant tables' is ${expectedType}; colocated tables share one type`);
  }
  return reasons;
}

function foreignKeyReason(fk: ForeignKey, from: Table, to: Table | undefined, citusKind: string | undefined): string | null {
  if (fk.from === fk.to) return null;
  if (!to) {
    if (citusKind === 'reference' || (citusKind === 'distributed' && from.tenant)) return null;
    if (fk.to === ACCOUNTS_TABLE) return null;
    return `foreign key ${fk.name} references ${fk.to}, which stays a local table on the coordinator; a Citus table cannot reference a local table`;
  }
  if (!from.tenant && to.tenant) {
    return `foreign key ${fk.name} references tenant table ${fk.to}; a reference table cannot reference a distributed table`;
  }
  if (from.tenant && to.tenant && !fk.matchesOnTenant) {
    return `foreign key ${fk.name} to ${fk.to} does not match ${COLUMN} with ${COLUMN}; Citus requires the distribution column at the same position in both keys`;
  }
  if (from.tenant && to.tenant && fk.unsupportedAction) {
    return `foreign key ${fk.name} sets ${COLUMN} to NULL / DEFAULT or cascades its updates; Citus does not support that over the distribution column`;
  }
  return null;
}

/** The most common type of institution_id: the colocation group's. */
export function distributionType(tables: Table[]): string | null {
  const counts = new Map<string, number>();
  for (const t of tables) if (t.tenant && t.distributionType) counts.set(t.distributionType, (counts.get(t.distributionType) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** Reasons per table, in the given order (parents first), so a refused parent refuses its children. */
export function refusalReasons(catalog: ScaleOutCatalog, ordered: Table[]): Map<string, string[]> {
  const byName = new Map(catalog.tables.map((t) => [t.name, t]));
  const citusKind = new Map(catalog.citusTables.map((c) => [c.name, c.kind]));
  const expectedType = distributionType(catalog.tables);
  const refused = new Map<string, string[]>();
  for (const table of ordered) {
    const reasons = ownReasons(table, expectedType);
    const blockedBy = new Set<string>();
    for (const fk of catalog.foreignKeys.filter((k) => k.from === table.name)) {
      const reason = foreignKeyReason(fk, table, byName.get(fk.to), citusKind.get(fk.to));
      if (reason) reasons.push(reason);
      else if (fk.from !== fk.to && refused.has(fk.to)) blockedBy.add(fk.to);
    }
    if (blockedBy.size > 0) reasons.push(`references ${[...blockedBy].join(', ')}, refused above: parents go first`);
    const kind = citusKind.get(table.name);
    if (kind === 'local') reasons.push('already a Citus local table; undistribute it (undistribute_table) first');
    if (reasons.length > 0) refused.set(table.name, reasons);
  }
  return refused;
}
