// The skew report: rows per partition of hpc_evaluations (and how many institutions each
// holds), with the share of the whole, so an operator sees which bucket to split next.
import type { Sql } from '../../migrator/db.ts';
import { PARENT, coverage, hashPartitions } from './layout.ts';

export interface SkewRow {
  partition: string;
  bound: string;
  rows: number;
  institutions: number;
  share: number;
}

export async function skewReport(sql: Sql): Promise<{ partitions: SkewRow[]; coverage: ReturnType<typeof coverage>; maxOverMean: number }> {
  const parts = await hashPartitions(sql);
  const out: SkewRow[] = [];
  for (const p of parts) {
    const [r] = await sql.unsafe(`select count(*)::int as n, count(distinct institution_id)::int as i from ${p.name}`);
    out.push({
      partition: p.name,
      bound: `modulus ${p.modulus}, remainder ${p.remainder}`,
      rows: r!.n as number,
      institutions: r!.i as number,
      share: 0,
    });
  }
  const total = out.reduce((a, b) => a + b.rows, 0);
  for (const r of out) r.share = total ? Math.round((1000 * r.rows) / total) / 10 : 0;
  // Compare like with like: a (20, r) bucket should hold half of a (10, r) one.
  const normalised = out.map((r, i) => r.rows * (parts[i]!.modulus / 10));
  const mean = normalised.reduce((a, b) => a + b, 0) / Math.max(1, normalised.length);
  return { partitions: out, coverage: coverage(parts), maxOverMean: mean ? Math.round((100 * Math.max(...normalised)) / mean) / 100 : 0 };
}

export function renderSkew(r: Awaited<ReturnType<typeof skewReport>>): string {
  const lines = [
    `${PARENT}: ${r.partitions.length} partitions, hash space modulus ${r.coverage.modulus}; ` +
      `every remainder covered once: ${r.coverage.uncovered.length === 0 && r.coverage.overlapping.length === 0 ? 'yes (a new institution needs no DDL)' : `NO (uncovered ${r.coverage.uncovered}, overlapping ${r.coverage.overlapping})`}`,
    `largest bucket / mean (per modulus 10): ${r.maxOverMean}`,
  ];
  for (const p of r.partitions)
    lines.push(
      `  ${p.partition.padEnd(36)} ${p.bound.padEnd(24)} ${String(p.rows).padStart(9)} rows  ${String(p.institutions).padStart(4)} institutions  ${p.share}%`,
    );
  return lines.join('\n');
}
