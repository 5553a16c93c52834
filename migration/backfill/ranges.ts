// Cuts a table's primary key into disjoint ranges, once (the ledger keeps them across
// restarts). Boundaries come from the data itself (every n-th id), so ranges hold about the
// same number of rows whatever the id distribution. The last range is open-ended: rows
// inserted beyond the last boundary while the backfill runs are still covered.
import type { Sql } from '../db.ts';

export async function planRanges(sql: Sql, table: string, workers: number): Promise<number> {
  const [existing] = await sql`select count(*)::int as n from hpc_migration.backfill_ranges where table_name = ${table}`;
  if (existing!.n > 0) return existing!.n as number;
  const [est] = await sql.unsafe(`select count(*)::bigint as n from public.${table}`);
  const rows = Number(est!.n);
  // Enough ranges for every worker to keep busy to the end, none too small to be worth a claim.
  const perRange = Math.max(2_000, Math.ceil(rows / Math.max(1, workers * 8)));
  const bounds = await sql.unsafe(
    `select id::text as id from (
       select id, row_number() over (order by id) as rn from public.${table}
     ) as x where rn % $1 = 0 order by id`,
    [perRange],
  );
  const edges: (string | null)[] = [null, ...bounds.map((b) => b.id as string)];
  const ranges = edges.map((lo, i) => ({
    table_name: table, range_no: i, lo, hi: i + 1 < edges.length ? edges[i + 1]! : null,
  }));
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('hpc_migration.ranges.' || ${table}))`;
    const [again] = await tx`select count(*)::int as n from hpc_migration.backfill_ranges where table_name = ${table}`;
    if (again!.n > 0) return;
    await tx`insert into hpc_migration.backfill_ranges ${tx(ranges, 'table_name', 'range_no', 'lo', 'hi')}`;
  });
  return ranges.length;
}

/** After a crash, ranges still marked running belong to no one: hand them out again
 * (their cursor says where to continue). Called while holding the runner lock. */
export async function releaseOrphanedRanges(sql: Sql): Promise<number> {
  const rows = await sql`update hpc_migration.backfill_ranges set status = 'pending', worker = null
                         where status = 'running' returning 1`;
  return rows.length;
}

export async function claimRange(sql: Sql, tables: string[], worker: string) {
  const [row] = await sql`
    update hpc_migration.backfill_ranges as r
    set status = 'running', worker = ${worker}, heartbeat = now()
    from (
      select table_name, range_no from hpc_migration.backfill_ranges
      where status = 'pending' and table_name = any(${tables})
      order by range_no, table_name
      limit 1
      for update skip locked
    ) as pick
    where r.table_name = pick.table_name and r.range_no = pick.range_no
    returning r.table_name, r.range_no, r.lo::text as lo, r.hi::text as hi, r.cursor::text as cursor`;
  return row as { table_name: string; range_no: number; lo: string | null; hi: string | null; cursor: string | null } | undefined;
}
