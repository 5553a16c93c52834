// Cuts a table's heap into disjoint block ranges, once (the ledger keeps them across
// restarts). The ranges end at the table's size when they are planned: rows that land beyond
// it later (the old application's inserts, or a row it moved while updating it) are caught
// by the late sweep, as are rows it moved behind a range's cursor.
import type { Sql } from '../db.ts';

export interface Range {
  table_name: string;
  range_no: number;
  first_block: number;
  end_block: number;
  next_block: number;
  rows_per_block: number;
}

export async function planRanges(sql: Sql, table: string, workers: number): Promise<number> {
  const [existing] = await sql`select count(*)::int as n from hpc_migration.backfill_ranges where table_name = ${table}`;
  if (existing!.n > 0) return existing!.n as number;
  const [size] = await sql.unsafe(
    `select (pg_relation_size('public.${table}') / current_setting('block_size')::int)::int as blocks,
            (select count(*) from public.${table})::bigint as rows`,
  );
  const blocks = size!.blocks as number;
  const rowsPerBlock = blocks > 0 ? Math.max(1, Number(size!.rows) / blocks) : 1;
  // Enough ranges for every worker to keep busy to the end, none too small to be worth a claim.
  const perRange = Math.max(64, Math.ceil(blocks / Math.max(1, workers * 8)));
  const ranges: Range[] = [];
  for (let first = 0, no = 0; first < blocks || no === 0; first += perRange, no += 1) {
    const end = Math.min(blocks, first + perRange);
    ranges.push({ table_name: table, range_no: no, first_block: first, end_block: end, next_block: first, rows_per_block: rowsPerBlock });
  }
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('hpc_migration.ranges.' || ${table}))`;
    const [again] = await tx`select count(*)::int as n from hpc_migration.backfill_ranges where table_name = ${table}`;
    if (again!.n > 0) return;
    await tx`insert into hpc_migration.backfill_ranges
             ${tx(ranges, 'table_name', 'range_no', 'first_block', 'end_block', 'next_block', 'rows_per_block')}`;
  });
  return ranges.length;
}

/** After a crash, ranges still marked running belong to no one: hand them out again
 * (next_block says where to continue). Called while holding the runner lock. */
export async function releaseOrphanedRanges(sql: Sql): Promise<number> {
  const rows = await sql`update hpc_migration.backfill_ranges set status = 'pending', worker = null
                         where status = 'running' returning 1`;
  return rows.length;
}

/** A range its worker gives back unfinished (the operator cancelled): pending again, to be
 * continued from its next_block by a later run. */
export async function releaseRange(sql: Sql, range: Range): Promise<void> {
  await sql`update hpc_migration.backfill_ranges set status = 'pending', worker = null
            where table_name = ${range.table_name} and range_no = ${range.range_no}`;
}

export async function claimRange(sql: Sql, tables: string[], worker: string): Promise<Range | undefined> {
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
    returning r.table_name, r.range_no, r.first_block::int as first_block, r.end_block::int as end_block,
              r.next_block::int as next_block, r.rows_per_block::float8 as rows_per_block`;
  return row as Range | undefined;
}
