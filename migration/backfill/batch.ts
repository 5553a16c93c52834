// One backfill batch: the next `size` ids of a range after its cursor, their institution
// computed and written where it is still missing (a value already there — a legacy value,
// or a row the new application wrote — is never overwritten), and the range's cursor moved, all in ONE
// transaction. A kill at any moment loses at most the open batch, which rolls back with
// its cursor: a resume neither skips nor repeats a row.
import type { Sql } from '../db.ts';
import type { BackfillTable } from './tables.ts';

export interface Range {
  table_name: string;
  range_no: number;
  lo: string | null;
  hi: string | null;
  cursor: string | null;
}

export interface BatchResult {
  scanned: number;
  updated: number;
  lastId: string | null;
  rangeDone: boolean;
}

export interface BatchLimits {
  lockTimeoutMs: number;
  statementTimeoutMs: number;
}

export async function runBatch(sql: Sql, table: BackfillTable, range: Range, size: number, limits: BatchLimits): Promise<BatchResult> {
  return sql.begin(async (tx) => {
    await tx.unsafe(`set local lock_timeout = '${limits.lockTimeoutMs}ms'`);
    await tx.unsafe(`set local statement_timeout = '${limits.statementTimeoutMs}ms'`);
    // A lost batch is redone from the ledger after a crash (same transaction), so the
    // commit need not wait for the WAL flush.
    await tx.unsafe(`set local synchronous_commit = off`);
    const after = range.cursor ?? range.lo;
    const [row] = await tx.unsafe(
      `with batch as (
         select t.id from public.${table.name} as t
         where ($1::uuid is null or t.id > $1::uuid) and ($2::uuid is null or t.id <= $2::uuid)
         order by t.id
         limit $3
       ), wanted as (
         select s.id, ${table.target} as target
         from public.${table.name} as s join batch as b on b.id = s.id
       ), changed as (
         update public.${table.name} as t set institution_id = w.target
         from wanted as w
         where t.id = w.id and w.target is not null and t.institution_id is null
         returning 1
       )
       select (select b.id from batch as b order by b.id desc limit 1)::text as last_id,
              (select count(*) from batch)::int as scanned,
              (select count(*) from changed)::int as updated`,
      [after, range.hi, size],
    );
    const scanned = row!.scanned as number;
    const updated = row!.updated as number;
    const lastId = (row!.last_id as string | null) ?? after;
    const rangeDone = scanned < size;
    await tx`
      update hpc_migration.backfill_ranges
      set cursor = ${lastId}, rows_scanned = rows_scanned + ${scanned}, rows_updated = rows_updated + ${updated},
          heartbeat = now(), status = ${rangeDone ? 'done' : 'running'}
      where table_name = ${range.table_name} and range_no = ${range.range_no}`;
    return { scanned, updated, lastId, rangeDone };
  });
}
