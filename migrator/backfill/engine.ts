// The backfill: parallel workers over disjoint block ranges claimed from the ledger, each batch
// its own transaction with its own lock and statement timeout, sized by time, slowed down
// when the database is under pressure, stopped or held by the operator's switch
// (`migrate -- pause | resume | cancel`) or by the health monitor.
import type { Sql } from '../db.ts';
import { sleep } from '../db.ts';
import { backfillSwitch } from '../ledger.ts';
import { presentBackfillTables, type BackfillTable } from './tables.ts';
import { planRanges, releaseOrphanedRanges } from './ranges.ts';
import { sweepLateRows } from './sweep.ts';
import type { BackfillOptions } from './options.ts';
import { worker, type BackfillHooks, type BackfillProgress } from './worker.ts';

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
        worker({ sql, name: `w${i}-${process.pid}`, tables: stageTables, options, hooks, progress }),
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
