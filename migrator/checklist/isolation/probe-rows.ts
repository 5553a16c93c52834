// The rows the write probes aim at, found as postgres before any caller acts: one row of
// each school per relation, and for relations judged through their links, the map from
// each row to the schools it reaches.
import type { ProbeRow, Relation } from './types.ts';
import { ident, lit, run, type Reserved } from './sql.ts';

export function keyMatch(rel: Relation, values: Record<string, string | null>, alias = 't'): string {
  if (!rel.key.length) return `${alias}.ctid = ${lit(values.ctid!)}::tid and ${alias}.tableoid = ${lit(values.tableoid!)}::oid`;
  return rel.key
    .map((k) => {
      const col = rel.columns.find((c) => c.name === k)!;
      return `${alias}.${ident(k)} = ${lit(values[k] ?? null)}::${col.type}`;
    })
    .join(' and ');
}

/** Build, as postgres, the map from each row of a links-judged relation to the schools its
 * links reach (a temporary table the callers may read: their own reads join it). */
export async function buildSchoolMap(c: Reserved, rel: Relation, n: number) {
  const name = `iso_map_${n}`;
  const keyCols = rel.key.length ? rel.key.map((k) => `t0.${ident(k)}`).join(', ') : 't0.ctid as tid';
  await run(c, `drop table if exists pg_temp.${name}`);
  await run(
    c,
    `create temporary table ${name} as
    select ${keyCols}, array(select distinct s from unnest(array[${rel.pathExprs.join(', ')}]::text[]) as s where s is not null order by 1) as schools
    from ${rel.sqlName} as t0`,
  );
  await run(c, `grant select on pg_temp.${name} to anon, authenticated`);
  rel.mapTable = `pg_temp.${name}`;
}

export const mapJoin = (rel: Relation) =>
  rel.key.length ? rel.key.map((k) => `m.${ident(k)} = t.${ident(k)}`).join(' and ') : 'm.tid = t.ctid';

/** One row of each school, as postgres, each column as text. */
export async function probeRows(c: Reserved, rel: Relation, schools: string[]): Promise<Map<string, ProbeRow>> {
  const out = new Map<string, ProbeRow>();
  const cols = rel.columns.map((col) => `t.${ident(col.name)}::text as ${ident(col.name)}`);
  if (!rel.key.length) cols.push('t.ctid::text as ctid', 't.tableoid::text as tableoid');
  for (const school of schools) {
    const schoolType = rel.columns.find((x) => x.name === rel.schoolColumn)?.type ?? 'uuid';
    const where =
      rel.judged === 'direct'
        ? `from ${rel.sqlName} as t where t.${ident(rel.schoolColumn!)} = ${lit(school)}::${schoolType}`
        : `from ${rel.sqlName} as t join ${rel.mapTable} as m on ${mapJoin(rel)} where m.schools = array[${lit(school)}]::text[]`;
    const [row] = await run(c, `select ${cols.join(', ')} ${where} limit 1`);
    if (row) out.set(school, { school, values: row as unknown as Record<string, string | null> });
  }
  return out;
}
