// One backfill worker: it claims a block range from the ledger, runs batches over it until
// it is done, rests between batches as the duty cycle asks, and claims the next range until
// none is left. The operator's switch is read from the shared progress (one poller sets it):
// `pause` holds the worker, `cancel` gives its range back.
import type { Sql } from '../db.ts';
import { sleep } from '../db.ts';
import type { BackfillSwitch } from '../ledger.ts';
import { runBatch } from './batch.ts';
import { BatchSizer } from './sizing.ts';
import type { BackfillTable } from './tables.ts';
import { claimRange, releaseRange, type Range } from './ranges.ts';
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

/** What a worker shares with the rest of the backfill. */
export interface WorkerContext {
  sql: Sql;
  name: string;
  tables: BackfillTable[];
  options: BackfillOptions;
  hooks: BackfillHooks;
  progress: BackfillProgress;
}

interface ClaimedRange {
  range: Range;
  table: BackfillTable;
}

/** Lock and statement timeouts, serialization failures and deadlocks: the batch rolled back
 * with its cursor, so it is tried again, smaller and later. */
const retryable = new Set(['55P03', '57014', '40P01', '40001']);

export async function worker(w: WorkerContext): Promise<'done' | 'cancelled'> {
  const o = w.options;
  const sizer = new BatchSizer({ targetMs: o.targetBatchMs, minSize: o.minBatch, maxSize: o.maxBatch }, o.initialBatch);
  let claimed: ClaimedRange | undefined;
  let restFactor = 1; // multiplier of the duty-cycle rest, raised while the application slows down
  for (;;) {
    if (w.progress.switchState === 'cancel') {
      if (claimed) await releaseRange(w.sql, claimed.range);
      return 'cancelled';
    }
    if (w.progress.switchState !== 'run') {
      await sleep(250);
      continue;
    }
    claimed ??= await claimNextRange(w);
    if (!claimed) return 'done';
    const batch = await runNextBatch(w, claimed, sizer);
    if (batch.rangeDone) claimed = undefined;
    w.hooks.progress?.(w.progress);
    restFactor = await restAfterBatch(w, batch.ms, restFactor);
  }
}

async function claimNextRange(w: WorkerContext): Promise<ClaimedRange | undefined> {
  const range = await claimRange(
    w.sql,
    w.tables.map((t) => t.name),
    w.name,
  );
  if (!range) return undefined;
  return { range, table: w.tables.find((t) => t.name === range.table_name)! };
}

/** The next batch of the claimed range, sized by time (or fixed), recorded in the ledger
 * whether it committed or not. `ms` is the committed batch's duration, 0 for one that
 * rolled back. */
async function runNextBatch(
  w: WorkerContext,
  { range, table }: ClaimedRange,
  sizer: BatchSizer,
): Promise<{ ms: number; rangeDone: boolean }> {
  const { sql, options: o, hooks, progress } = w;
  if (hooks.pressure?.()) await sleep(o.throttleMs);
  const wanted = hooks.targetBatchMs?.();
  if (wanted && wanted !== o.targetBatchMs && !o.fixedBatch) sizer.retarget(wanted);
  const size = o.fixedBatch ? o.initialBatch : sizer.size;
  // Sizes are in rows (as the operator thinks of them); a batch is whole heap blocks.
  const blocks = Math.max(1, Math.round(size / range.rows_per_block));
  const began = performance.now();
  try {
    const r = await runBatch(sql, table, range, blocks, o);
    const ms = performance.now() - began;
    progress.busyMs += ms;
    if (!o.fixedBatch) sizer.observe((r.nextBlock - range.next_block) * range.rows_per_block, ms);
    range.next_block = r.nextBlock;
    progress.scannedRows += r.scanned;
    progress.updatedRows += r.updated;
    progress.batches += 1;
    progress.table = table.name;
    await recordBatch(sql, range, size, r.updated, ms, true, null);
    return { ms, rangeDone: r.rangeDone };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!retryable.has(code)) throw error;
    progress.failedBatches += 1;
    progress.busyMs += performance.now() - began;
    sizer.failed();
    await recordBatch(sql, range, size, 0, performance.now() - began, false, `${code} ${(error as Error).message}`);
    await sleep(Math.max(o.throttleMs, 100));
    return { ms: 0, rangeDone: false };
  }
}

/** The pause after a batch: the operator's fixed sleep, then the duty cycle's rest after a
 * committed batch, doubled (up to 8×) while the application slows down and eased back as it
 * recovers. Returns the rest factor for the next batch. */
async function restAfterBatch(w: WorkerContext, batchMs: number, restFactor: number): Promise<number> {
  const o = w.options;
  if (o.sleepMs > 0) await sleep(o.sleepMs);
  if (o.dutyCycle < 1 && batchMs > 0) {
    restFactor = w.hooks.slowing?.() ? Math.min(restFactor * 2, 8) : Math.max(restFactor * 0.8, 1);
    await sleep(dutyCycleRestMs(batchMs, o.dutyCycle) * restFactor);
  }
  return restFactor;
}

async function recordBatch(sql: Sql, range: Range, size: number, updated: number, ms: number, ok: boolean, error: string | null) {
  await sql`insert into hpc_migration.batches (table_name, range_no, batch_size, rows_updated, ms, ok, error)
            values (${range.table_name}, ${range.range_no}, ${size}, ${updated}, ${ms.toFixed(1)}, ${ok}, ${error})`;
}
