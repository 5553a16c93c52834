// The partition layout of hpc_evaluations as the catalog has it, and the coverage proof:
// with hash moduli that divide each other, every hash value belongs to exactly one
// partition when each remainder of the largest modulus is covered exactly once. Then any
// institution — including one created tomorrow — routes to a partition with no DDL.
import type { Sql } from '../../migrator/db.ts';

export const PARENT = 'public.hpc_evaluations';

export interface HashPartition {
  name: string;
  modulus: number;
  remainder: number;
}

export async function hashPartitions(sql: Sql, parent = PARENT): Promise<HashPartition[]> {
  const rows = await sql`
    select c.oid::regclass::text as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits as i join pg_class as c on c.oid = i.inhrelid
    where i.inhparent = ${parent}::regclass order by 1`;
  return rows.map((r) => {
    const m = /modulus (\d+), remainder (\d+)/.exec(r.bound as string);
    if (!m) throw new Error(`${r.name} is not a hash partition: ${r.bound}`);
    return { name: r.name as string, modulus: Number(m[1]), remainder: Number(m[2]) };
  });
}

export interface Coverage {
  modulus: number;
  uncovered: number[];
  overlapping: number[];
}

export function coverage(parts: HashPartition[]): Coverage {
  const modulus = Math.max(...parts.map((p) => p.modulus));
  const hits = new Array<number>(modulus).fill(0);
  for (const p of parts) {
    if (modulus % p.modulus !== 0) throw new Error(`modulus ${p.modulus} does not divide ${modulus}`);
    for (let r = p.remainder; r < modulus; r += p.modulus) hits[r]! += 1;
  }
  return {
    modulus,
    uncovered: hits.flatMap((n, r) => (n === 0 ? [r] : [])),
    overlapping: hits.flatMap((n, r) => (n > 1 ? [r] : [])),
  };
}
