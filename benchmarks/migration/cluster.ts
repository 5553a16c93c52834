// The benchmarks' own cluster with the large legacy database on it, set up as a live
// production database would be: production-sized memory and WAL allowance, the generated
// data vacuumed and checkpointed. Never the dev or test stack.
import { connect } from '../../migrator/db.ts';
import { freshLegacyCluster, type LegacyCluster } from '../../fixtures/legacy-bigday/cluster.ts';
import { startCluster } from '../../stack/cluster.ts';
import { generateLegacy } from '../../fixtures/legacy-bigday/generate.ts';
import type { LegacyShape } from '../../fixtures/legacy-bigday/shapes.ts';

/** The BIG DAY shape the benchmarks migrate: the real one (newer) unless BENCH_SHAPE says. */
export const BENCH_SHAPE = (process.env.BENCH_SHAPE ?? 'newer') as LegacyShape;

export const SHARED_BUFFERS = '2GB';
/** Server settings beyond the ones below, `name=value` separated by commas; applied with
 * ALTER SYSTEM before the database is generated, and named in the results. The default is the
 * runner's own preflight advice for a backfill that writes more WAL than the server keeps for
 * reuse: wal_init_zero=off, so that a new WAL file is not zero-filled while the application's
 * commits wait (FINDINGS.md: backfill-window p99 6.7 ms with it, 14.5-29.6 ms without).
 * BENCH_SERVER_SETTINGS= (empty) measures the server's defaults. */
export const SERVER_SETTINGS = (process.env.BENCH_SERVER_SETTINGS ?? 'wal_init_zero=off')
  .split(',')
  .map((x) => x.trim())
  .filter(Boolean);

export interface BenchCluster {
  cluster: LegacyCluster;
  counts: Record<string, number>;
  generateSeconds: number;
}

/** CHECKPOINT needs a superuser (or pg_checkpoint); the benchmark owns its cluster. */
export async function checkpoint(superUrl: string): Promise<void> {
  const su = connect(superUrl, { max: 1 });
  await su`checkpoint`;
  await su.end();
}

export async function largeLegacyCluster(name: string, port: number, log: (line: string) => void): Promise<BenchCluster> {
  const cluster = await freshLegacyCluster(name, port, { throwaway: false });
  const admin = connect(cluster.superUrl, { max: 1 });
  await admin`alter system set log_lock_waits = on`;
  // deadlock_timeout stays at its default (1 s): the migration's DDL has lock_timeout 50 ms,
  // so in a lock cycle with the application the migration gives way first (and is retried).
  // A shorter deadlock_timeout would make the application's transaction the victim (seen
  // in an earlier run: 4 workload transactions failed). log_lock_waits then logs every wait
  // over 1 s, exactly the target; shorter waits come from the 50 ms sampler.
  await admin`alter system reset deadlock_timeout`;
  await admin`alter system set log_min_messages = 'log'`;
  // Every autovacuum and checkpoint in the server log, to set the workload's slow moments
  // beside them.
  await admin`alter system set log_autovacuum_min_duration = 0`;
  await admin`alter system set log_checkpoints = on`;
  // And every statement over 250 ms, the migration's and the workload's: who stalled whom.
  await admin`alter system set log_min_duration_statement = 250`;
  // A production-sized WAL allowance (Supabase sets 1–4 GB by compute size): a backfill
  // of 2M rows must not force a checkpoint every few seconds.
  await admin`alter system set max_wal_size = '4GB'`;
  // Production-sized shared buffers too (Supabase's Large compute: 2 GB of 8 GB): with the
  // default 128 MB the 1M-row tables and their indexes do not fit, and every batch and
  // every application query pays for reading pages back from the OS cache.
  await admin.unsafe(`alter system set shared_buffers = '${SHARED_BUFFERS}'`);
  for (const setting of SERVER_SETTINGS) {
    const m = /^([a-z_]+)=([\w.-]+)$/.exec(setting);
    if (!m) throw new Error(`BENCH_SERVER_SETTINGS: "${setting}" is not name=value`);
    await admin.unsafe(`alter system set ${m[1]} = '${m[2]}'`);
  }
  await admin.end();
  await cluster.stop();
  await startCluster(cluster.settings);
  const sql = connect(cluster.url, { max: 4 });
  const genStart = Date.now();
  const counts = await generateLegacy(sql, { url: cluster.url, shape: BENCH_SHAPE, preset: 'large' }, log);
  const generateSeconds = (Date.now() - genStart) / 1000;
  await sql.end();
  // A live database has been checkpointing for ages: the generator's 1 GB of dirty pages is
  // on disk and its WAL files are recycled for reuse. Without this checkpoint the migration
  // paid for the load: the checkpointer wrote the generated tables during the backfill, and
  // every new 16 MB WAL file was zero-filled under WALWriteLock while the application's
  // commits waited (measured: 50-300 workload transactions over 20 ms per 10 s until the
  // first checkpoint completed, none after).
  await checkpoint(cluster.superUrl);
  return { cluster, counts, generateSeconds };
}
