// The backfill: parallel workers over disjoint block ranges claimed from the ledger, each batch
// its own transaction with its own lock and statement timeout, sized by time, slowed down
// when the database is under pressure, stopped or held by the operator's switch
// (`migrate -- pause | resume | cancel`) or by the health monitor.
import type { Sql } from '../db.ts';
import { sleep } from '../db.ts';
import { backfillSwitch, type BackfillSwitch } from '../ledger.ts';
import { runBatch } from './batch.ts';
import { BatchSizer } from './sizing.ts';
import { presentBackfillTables, type BackfillTable } from './tables.ts';
import { claimRange, planRanges, releaseOrphanedRanges, type Range } from './ranges.ts';
import { sweepLateRows } from './sweep.ts';
import { dutyCycleRestMs, type BackfillOptions } from './options.ts';

export interface BackfillProgress {
  totalRows: number;
  scannedRows: number;
  updatedRows: number;
  batches: number;
  failedBatches: number;
  /** Time spent inside batches (the rest is the workers' pauses). */
  busyMs: number;
  switchState: BackfillSwitch;
  table?: string;
}

export interface BackfillHooks {
  /** True while the database is under pressure (lock waits, long queries): throttle. */
  pressure?: () => boolean;
  /** True while the application's latency (the monitor's probe) is above its baseline. */
  slowing?: () => boolean;
  /** The monitor may lower the target batch duration after a trigger. */
  targetBatchMs?: () => number;
  progress?: (p: BackfillProgress) => void;
}

export interface BackfillSummary {
  status: 'done' | 'cancelled';
  seconds: number;
  rowsScanned: number;
  rowsUpdated: number;
  rowsPerSecond: number;
  batches: number;
  failedBatches: number;
  /** Seconds inside batches, summed over workers: against `seconds`, how hard it worked. */
  busySeconds: number;
  sweptRows: number;
  ranges: Record<string, number>;
}

const retryable = new Set(['55P03', '57014', '40P01', '40001']);

export async function runBackfill(sql: Sql, options: BackfillOptions, hooks: BackfillHooks = {}): Promise<BackfillSummary> {
  const started = Date.now();
  const tables = (await presentBackfillTables(sql)).filter((t) => !options.tables || options.tables.includes(t.name));
  await releaseOrphanedRanges(sql);
  const ranges: Record<string, number> = {};
  for (const t of tables) ranges[t.name] = await planRanges(sql, t.name, options.workers);

  const [totals] = await sql`
    select coalesce(sum(rows_scanned), 0)::bigint as scanned, coalesce(sum(rows_updated), 0)::bigint as updated
    from hpc_migration.backfill_ranges where table_name = any(${tables.map((t) => t.name)})`;
  const totalRows = await countRows(sql, tables);
  const progress: BackfillProgress = {
    totalRows,
    scannedRows: Number(totals!.scanned),
    updatedRows: Number(totals!.updated),
    batches: 0,
    failedBatches: 0,
    busyMs: 0,
    switchState: await backfillSwitch(sql),
  };
  const resumedScanned = progress.scannedRows;
  const resumedUpdated = progress.updatedRows;

  // The switch is polled by one loop, not by every batch.
  let polling = true;
  const poller = (async () => {
    while (polling) {
      progress.switchState = await backfillSwitch(sql).catch(() => progress.switchState);
      await sleep(250);
    }
  })();

  let cancelled = false;
  let swept = 0;
  try {
    for (const stage of [1, 2, 3, 4, 5] as const) {
      const stageTables = tables.filter((t) => t.stage === stage);
      if (stageTables.length === 0) continue;
      const workers = Array.from({ length: options.workers }, (_, i) =>
        worker(sql, `w${i}-${process.pid}`, stageTables, options, hooks, progress),
      );
      const outcomes = await Promise.all(workers);
      if (outcomes.includes('cancelled')) {
        cancelled = true;
        break;
      }
      // The next stage's composite keys need every parent row filled, including those the
      // application moved behind a cursor meanwhile: sweep this stage before going on.
      swept += await sweepLateRows(sql, stageTables, options);
    }
  } finally {
    polling = false;
    await poller;
  }
  // Rows the old application inserted into earlier stages' tables while later stages ran
  // (the last stage was swept just above).
  const lastStage = Math.max(...tables.map((t) => t.stage));
  if (!cancelled)
    swept += await sweepLateRows(
      sql,
      tables.filter((t) => t.stage < lastStage),
      options,
    );
  const seconds = (Date.now() - started) / 1000;
  const rowsUpdated = progress.updatedRows - resumedUpdated + swept;
  return {
    status: cancelled ? 'cancelled' : 'done',
    seconds,
    rowsScanned: progress.scannedRows - resumedScanned,
    rowsUpdated,
    rowsPerSecond: Math.round(rowsUpdated / Math.max(seconds, 0.001)),
    batches: progress.batches,
    failedBatches: progress.failedBatches,
    busySeconds: Math.round(progress.busyMs) / 1000,
    sweptRows: swept,
    ranges,
  };
}

async function countRows(sql: Sql, tables: BackfillTable[]): Promise<number> {
  let n = 0;
  for (const t of tables) {
    const [row] = await sql.unsafe(`select count(*)::bigint as n from public.${t.name}`);
    n += Number(row!.n);
  }
  return n;
}

async function worker(
  sql: Sql,
  name: string,
  tables: BackfillTable[],
  o: BackfillOptions,
  hooks: BackfillHooks,
  progress: BackfillProgress,
): Promise<'done' | 'cancelled'> {
  const sizer = new BatchSizer({ targetMs: o.targetBatchMs, minSize: o.minBatch, maxSize: o.maxBatch }, o.initialBatch);
  let range: Range | undefined;
  let table: BackfillTable | undefined;
  let rest = 1; // multiplier of the duty-cycle rest, raised while the application slows down
  for (;;) {
    if (progress.switchState === 'cancel') {
      if (range)
        await sql`update hpc_migration.backfill_ranges set status = 'pending', worker = null
                           where table_name = ${range.table_name} and range_no = ${range.range_no}`;
      return 'cancelled';
    }
    if (progress.switchState !== 'run') {
      await sleep(250);
      continue;
    }
    if (!range) {
      range = await claimRange(
        sql,
        tables.map((t) => t.name),
        name,
      );
      if (!range) return 'done';
      table = tables.find((t) => t.name === range!.table_name)!;
    }
    if (hooks.pressure?.()) await sleep(o.throttleMs);
    const wanted = hooks.targetBatchMs?.();
    if (wanted && wanted !== o.targetBatchMs && !o.fixedBatch) sizer.retarget(wanted);
    const size = o.fixedBatch ? o.initialBatch : sizer.size;
    // Sizes are in rows (as the operator thinks of them); a batch is whole heap blocks.
    const blocks = Math.max(1, Math.round(size / range.rows_per_block));
    const began = performance.now();
    const current: Range = range;
    let batchMs = 0;
    try {
      const r = await runBatch(sql, table!, current, blocks, o);
      const ms = performance.now() - began;
      batchMs = ms;
      progress.busyMs += ms;
      if (!o.fixedBatch) sizer.observe((r.nextBlock - current.next_block) * current.rows_per_block, ms);
      range.next_block = r.nextBlock;
      progress.scannedRows += r.scanned;
      progress.updatedRows += r.updated;
      progress.batches += 1;
      progress.table = table!.name;
      await recordBatch(sql, range, size, r.updated, ms, true, null);
      if (r.rangeDone) range = undefined;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!retryable.has(code)) throw error;
      // A lock or statement timeout: the batch rolled back with its cursor; smaller and later.
      progress.failedBatches += 1;
      progress.busyMs += performance.now() - began;
      sizer.failed();
      await recordBatch(sql, current, size, 0, performance.now() - began, false, `${code} ${(error as Error).message}`);
      await sleep(Math.max(o.throttleMs, 100));
    }
    hooks.progress?.(progress);
    if (o.sleepMs > 0) await sleep(o.sleepMs);
    if (o.dutyCycle < 1 && batchMs > 0) {
      rest = hooks.slowing?.() ? Math.min(rest * 2, 8) : Math.max(rest * 0.8, 1);
      await sleep(dutyCycleRestMs(batchMs, o.dutyCycle) * rest);
    }
  }
}

async function recordBatch(sql: Sql, range: Range, size: number, updated: number, ms: number, ok: boolean, error: string | null) {
  await sql`insert into hpc_migration.batches (table_name, range_no, batch_size, rows_updated, ms, ok, error)
            values (${range.table_name}, ${range.range_no}, ${size}, ${updated}, ${ms.toFixed(1)}, ${ok}, ${error})`;
}
