// Writes aimed at another school's row as the caller: UPDATE and DELETE through a cursor
// opened as postgres (only the write policies decide), INSERT of a copy (where it lands
// decides). Each in a savepoint rolled back at once.
import { randomUUID } from 'node:crypto';
import type { Caller, Column, ProbeRow, Relation } from './types.ts';
import { code, firstError, ident, lit, message, pipeline, value, type Reserved } from './sql.ts';
import { keyMatch } from './probe-rows.ts';

export type Outcome = { written: number; outcome: string; fails: boolean; category: string };

function classify(error: unknown, op: string): Outcome {
  const c = code(error);
  if (c === '42501')
    return {
      written: 0,
      outcome: `refused (${message(error)})`,
      fails: false,
      category: /row-level security/.test(message(error)) ? 'refused by a policy' : 'refused: no privilege',
    };
  // The row passed the policy (RLS filters rows before triggers and constraints run): only a
  // constraint stopped it. On INSERT, BEFORE triggers run before the policy check, so their
  // errors prove nothing either way.
  if (c.startsWith('23'))
    return {
      written: 1,
      outcome: `${op} admitted by the policy, refused by a constraint (${c}: ${message(error)})`,
      fails: true,
      category: 'admitted, refused by a constraint',
    };
  return { written: 0, outcome: `inconclusive: ${c} ${message(error)}`, fails: true, category: 'inconclusive' };
}

/** Which columns an API role may update or insert, per relation (asked once, as postgres). */
export class Privileges {
  private cache = new Map<string, Set<string>>();
  constructor(private c: Reserved) {}
  async columns(rel: Relation, role: string, privilege: 'update' | 'insert'): Promise<Set<string>> {
    const key = `${rel.oid}|${role}|${privilege}`;
    let found = this.cache.get(key);
    if (!found) {
      const [r] = await this.c`
        select coalesce(array_agg(a.name), '{}') as names from unnest(${rel.columns.map((x) => x.name)}::text[]) as a(name)
        where has_column_privilege(${role}::name, ${rel.oid}::oid, a.name, ${privilege})`;
      found = new Set(r!.names as string[]);
      this.cache.set(key, found);
    }
    return found;
  }
}

export async function writeProbe(
  c: Reserved,
  rel: Relation,
  row: ProbeRow,
  op: 'update' | 'delete' | 'insert',
  caller: Caller,
  asCaller: string,
  privileges: Privileges,
): Promise<Outcome | null> {
  if (op === 'insert') return insertProbe(c, rel, row, caller, asCaller, privileges);
  let statement: string;
  const target = rel.kind === 'view' ? `where ${keyMatch(rel, row.values, rel.sqlName)}` : 'where current of iso_c';
  if (op === 'update') {
    // Some column the role may update, the same value again: updated_at first, keys last.
    const may = await privileges.columns(rel, caller.role, 'update');
    const candidates = rel.columns.filter((x) => may.has(x.name) && !x.generated && !x.identityAlways);
    const rank = (x: Column) => (x.name === 'updated_at' ? 0 : rel.key.includes(x.name) || x.name === rel.schoolColumn ? 2 : 1);
    const column = candidates.sort((a, b) => rank(a) - rank(b))[0];
    if (!column)
      return { written: 0, outcome: 'refused (no UPDATE privilege on any column)', fails: false, category: 'refused: no privilege' };
    statement = `update ${rel.sqlName} set ${ident(column.name)} = ${lit(row.values[column.name] ?? null)}::${column.type} ${target}`;
  } else {
    statement = `delete from ${rel.sqlName} ${target}`;
  }
  // Aimed as postgres through a cursor; the caller's statement reads no column, so only its
  // UPDATE or DELETE policies decide (a view has no cursor: its key filter, read as the caller).
  // A cursor pruned to one partition cannot aim an UPDATE of the parent, which visits every
  // partition: unpruned, the other partitions' scans are simply not on a row.
  const aim =
    rel.kind === 'view'
      ? []
      : [
          ...(rel.kind === 'partitioned table' ? ['set local enable_partition_pruning = off'] : []),
          `declare iso_c no scroll cursor for select 1 from ${rel.sqlName} as t where ${keyMatch(rel, row.values)}`,
          'fetch iso_c',
        ];
  const results = await pipeline(c, ['savepoint iso_write', ...aim, asCaller, statement, 'rollback to savepoint iso_write']);
  if (aim.length && value(results[aim.length]!)?.length === 0) return null; // the row is gone since
  const error = firstError(results);
  if (error) return classify(error, op);
  const count = value(results[results.length - 2]!)!.count;
  return count > 0
    ? { written: count, outcome: `${op} changed ${count} row(s) of another school`, fails: true, category: 'WRITTEN' }
    : { written: 0, outcome: 'no row reached', fails: false, category: 'no row reached' };
}

async function insertProbe(
  c: Reserved,
  rel: Relation,
  row: ProbeRow,
  caller: Caller,
  asCaller: string,
  privileges: Privileges,
): Promise<Outcome | null> {
  if (rel.isRoot) return null; // the tenant root: a new row is a new school, not another's
  // A single uuid (or defaulted) key of its own: the copy gets a new one. Otherwise the copy
  // keeps its key, so a policy that admits it is caught by the duplicate key (23505).
  const ownKey = rel.key.filter((k) => k !== rel.schoolColumn);
  const keyCol = ownKey.length === 1 ? rel.columns.find((x) => x.name === ownKey[0]) : undefined;
  const fresh = keyCol && (keyCol.type === 'uuid' || keyCol.hasDefault || keyCol.identityAlways) ? keyCol : undefined;
  const allowed = await privileges.columns(rel, caller.role, 'insert');
  if (allowed.size === 0) return { written: 0, outcome: 'refused (no INSERT privilege)', fails: false, category: 'refused: no privilege' };
  const newKey = fresh && fresh.type === 'uuid' && allowed.has(fresh.name) && !fresh.identityAlways ? randomUUID() : undefined;
  // The fresh key column is left to its default when the caller may not set it.
  const cols = rel.columns.filter((x) => allowed.has(x.name) && !x.generated && !x.identityAlways && (x !== fresh || newKey));
  const values = cols.map((col) => (col === fresh ? `${lit(newKey!)}::uuid` : `${lit(row.values[col.name] ?? null)}::${col.type}`));
  const insert = `insert into ${rel.sqlName} (${cols.map((x) => ident(x.name)).join(', ')}) values (${values.join(', ')})`;
  if (!fresh || !newKey) {
    const results = await pipeline(c, ['savepoint iso_write', asCaller, insert, 'rollback to savepoint iso_write']);
    const error = firstError(results);
    if (error) return classify(error, 'insert');
    return value(results[2]!)!.count === 0
      ? { written: 0, outcome: 'nothing inserted', fails: false, category: 'nothing inserted' }
      : {
          written: 1,
          outcome: "inserted a copy of another school's row (its key came from a default: judged by the school it named)",
          fails: true,
          category: 'WRITTEN',
        };
  }
  // Where did it land? Read back as postgres by its new key; and is it visible to the caller?
  const match = `t0.${ident(fresh.name)} = ${lit(newKey)}::uuid`;
  const schoolExpr =
    rel.judged === 'direct'
      ? `array[t0.${ident(rel.schoolColumn!)}::text]`
      : `array(select distinct s from unnest(array[${rel.pathExprs.join(', ')}]::text[]) as s where s is not null)`;
  const results = await pipeline(c, [
    'savepoint iso_write',
    asCaller,
    insert,
    'reset role',
    `select ${schoolExpr} as schools from ${rel.sqlName} as t0 where ${match}`,
    asCaller,
    `select count(*)::int as n from ${rel.sqlName} as t0 where ${match}`,
    'rollback to savepoint iso_write',
  ]);
  if (results[2]!.status === 'rejected') return classify(results[2]!.reason, 'insert');
  if (value(results[2]!)!.count === 0) return { written: 0, outcome: 'nothing inserted', fails: false, category: 'nothing inserted' };
  const landed = (value(results[4]!)?.[0]?.schools as string[] | undefined) ?? [];
  const seen = Number(value(results[6]!)?.[0]?.n ?? 0);
  const mine = caller.institutionId && landed.length > 0 && landed.every((x) => x === caller.institutionId);
  if (mine)
    return {
      written: 0,
      outcome: "inserted, but stored under the caller's own school",
      fails: false,
      category: "stored under the caller's own school",
    };
  return {
    written: 1,
    outcome: `inserted into another school (${seen ? 'visible' : 'invisible'} to the caller)`,
    fails: true,
    category: 'WRITTEN',
  };
}
