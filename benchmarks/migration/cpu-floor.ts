// `npm run bench:cpu-floor`: what CPU alone costs the application's latency on this machine.
// The BIG DAY workload runs as in bench:migration, on the same large legacy database; in
// alternating 25 s windows, nothing else, or one backend busy in the backfill's rhythm
// (bursts of CPU in short transactions) at several duty cycles, doing no database work at all.
// Its p99 beside the workload's before-p99 is the floor under the migration benchmark's p99
// target here. Writes CPU-FLOOR.md and cpu-floor.json.
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import { sleep } from '../../migrator/db.ts';
import { BENCH_SHAPE, largeLegacyCluster } from './cluster.ts';
import { Workload, windowStats, type WindowStats } from './workload.ts';
import { BusyBackend } from './busy-backend.ts';

const here = dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.BENCH_PORT ?? 54372);
const RATE = Number(process.env.BENCH_RATE ?? 800);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WINDOW_MS = 25_000;
const log = (l: string) => console.log(`[cpu-floor ${new Date().toISOString().slice(11, 19)}] ${l}`);

interface Setting {
  label: string;
  duty?: number;
  idlePolicy?: boolean;
}
const SETTINGS: Setting[] = [
  { label: 'nothing else' },
  { label: 'busy backend, duty 0.3', duty: 0.3 },
  { label: 'busy backend, duty 0.7', duty: 0.7 },
  { label: "busy backend, duty 0.85 (bench:migration's backfill)", duty: 0.85 },
  { label: 'busy backend, duty 1', duty: 1 },
  { label: 'busy backend, duty 0.85, SCHED_IDLE', duty: 0.85, idlePolicy: true },
];

async function main() {
  const { cluster } = await largeLegacyCluster('bench-cpu-floor', PORT, log);
  const logDir = join(cluster.settings.home, 'pgbench');
  const workload = new Workload({ port: PORT, clients: 8, rate: RATE, logDir, shape: BENCH_SHAPE });
  workload.start();
  await sleep(10_000);
  const measured: { round: number; setting: Setting; stats: WindowStats }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const setting of SETTINGS) {
      // The busy backend keeps bench:migration's rhythm: 50 ms batches and the rest they earn.
      const busy = setting.duty
        ? new BusyBackend({ url: cluster.url, dutyCycle: setting.duty, batchMs: 50, idlePolicy: setting.idlePolicy })
        : undefined;
      await busy?.start();
      const from = Date.now();
      await sleep(WINDOW_MS);
      const to = Date.now();
      await busy?.stop();
      const stats = windowStats(logDir, from, to);
      measured.push({ round, setting, stats });
      log(`round ${round}, ${setting.label}: p99 ${stats.p99} ms, p95 ${stats.p95} ms, max ${stats.max} ms`);
      await sleep(3_000);
    }
  }
  await workload.stop();
  if (workload.errors.length) throw new Error(`workload errors: ${workload.errors.join('; ')}`);
  await cluster.destroy();

  const quiet = measured.filter((m) => !m.setting.duty).map((m) => m.stats.p99);
  const baseline = quiet.reduce((a, b) => a + b, 0) / quiet.length;
  const lines = [
    '# The CPU floor: what a busy core costs the workload here',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on this machine (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, PostgreSQL 15), ` +
      `on the large legacy database of \`bench:migration\`, under its workload (pgbench, 8 clients at ${RATE} tps). ` +
      `Windows of ${WINDOW_MS / 1000} s, the settings in turn, ${ROUNDS} rounds. The busy backend runs bursts of CPU in short transactions ` +
      "(a PL/pgSQL loop on the clock) in the backfill's rhythm: no table, no lock, no WAL.",
    '',
    '| round | setting | transactions | p50 | p95 | p99 | p99 ÷ mean quiet p99 | max |',
    '|---|---|---|---|---|---|---|---|',
    ...measured.map(
      (m) =>
        `| ${m.round} | ${m.setting.label} | ${m.stats.transactions} | ${m.stats.p50} | ${m.stats.p95} | ${m.stats.p99} | ${(m.stats.p99 / baseline).toFixed(2)}× | ${m.stats.max} |`,
    ),
    '',
    `Mean p99 with nothing else running: ${baseline.toFixed(2)} ms. What the figures mean for the migration's targets: \`FINDINGS.md\`, "The CPU floor".`,
    '',
    'Reproduce: `npm run bench:cpu-floor` (about 8 minutes; own cluster in .local/bench-cpu-floor, port 54372; `BENCH_ROUNDS`, `BENCH_RATE`).',
    '',
  ];
  writeFileSync(join(here, 'CPU-FLOOR.md'), lines.join('\n'));
  writeFileSync(
    join(here, 'cpu-floor.json'),
    JSON.stringify({ measuredAt: new Date().toISOString(), rate: RATE, windowMs: WINDOW_MS, measured }, null, 2),
  );
  log('done: benchmarks/migration/CPU-FLOOR.md');
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
