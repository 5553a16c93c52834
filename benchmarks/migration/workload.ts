// The concurrent workload: one pgbench process with the BIG DAY scripts, its connections
// open for the whole benchmark as an application's pooled connections are (an earlier
// harness restarted pgbench every 10 s; each restart's fresh connections were slow for
// half a second, which inflated every window's p99 and hid the real baseline). Latencies
// are read from the per-transaction log and cut into windows by timestamp.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PG_BIN } from '../../migrator/rollback/dump.ts';
import { percentile } from '../../migrator/health/stats.ts';
import { sleep } from '../../migrator/db.ts';

const here = dirname(fileURLToPath(import.meta.url));

export interface WorkloadOptions {
  port: number;
  clients: number;
  /** Target rate (transactions/s), the app's steady load; latency includes any schedule lag. */
  rate: number;
  logDir: string;
  /** Which BIG DAY's scripts: its newer shape reads and writes its timetable too. */
  shape: string;
}

export class Workload {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private stopping = false;
  private output = '';
  errors: string[] = [];

  constructor(private readonly o: WorkloadOptions) {}

  private scriptSuffix(): string {
    return this.o.shape === 'newer' ? '-newer' : '';
  }

  start(): void {
    mkdirSync(this.o.logDir, { recursive: true });
    const args = [
      '-h',
      '127.0.0.1',
      '-p',
      String(this.o.port),
      '-U',
      'postgres',
      '-n',
      '-M',
      'prepared',
      '-c',
      String(this.o.clients),
      '-j',
      '2',
      '-T',
      '86400',
      '-R',
      String(this.o.rate),
      '-l',
      `--log-prefix=${join(this.o.logDir, 'workload')}`,
      '-f',
      `${join(here, `workload-reads${this.scriptSuffix()}.sql`)}@4`,
      '-f',
      `${join(here, `workload-writes${this.scriptSuffix()}.sql`)}@1`,
      'postgres',
    ];
    const child = spawn(join(PG_BIN, 'pgbench'), args, {
      env: { ...process.env, PGPASSWORD: 'postgres' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (c) => (this.output += c));
    // pgbench reports an error the moment a client hits one (and that client stops).
    child.stderr!.on('data', (c) => {
      this.output += c;
      for (const line of String(c).split('\n')) if (/aborted|ERROR|FATAL/.test(line)) this.errors.push(line.trim());
    });
    this.exited = new Promise((resolve) =>
      child.on('close', (code, signal) => {
        if (!this.stopping) this.errors.push(`pgbench exited early (${signal ?? code}): ${this.output.slice(-500)}`);
        resolve();
      }),
    );
  }

  /** pgbench has no clean stop: SIGINT ends it, and whatever its log buffer (well under a
   * second of transactions) had not written yet is lost. Hence the grace before it. */
  async stop(): Promise<void> {
    if (!this.child) return;
    await sleep(2_000);
    this.stopping = true;
    this.child.kill('SIGINT');
    await this.exited;
  }
}

export interface WindowStats {
  transactions: number;
  tps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  failed: number;
}

/** Latencies (ms) of transactions that completed in [from, to) (epoch ms). */
export function windowStats(logDir: string, from: number, to: number): WindowStats {
  const latencies: number[] = [];
  let failed = 0;
  for (const f of readdirSync(logDir)) {
    // The text after the last newline is a line pgbench had not finished writing when stopped.
    const lines = readFileSync(join(logDir, f), 'utf8').split('\n').slice(0, -1);
    for (const line of lines) {
      // client_id transaction_no time script_no time_epoch time_us [schedule_lag]
      const parts = line.trim().split(/\s+/);
      if (parts.length < 6) continue;
      const at = Number(parts[4]) * 1000 + Number(parts[5]) / 1000;
      if (at < from || at >= to) continue;
      if (parts[2] === 'failed' || parts[2] === 'skipped') {
        failed += 1;
        continue;
      }
      latencies.push(Number(parts[2]) / 1000);
    }
  }
  const seconds = Math.max(0.001, (to - from) / 1000);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    transactions: latencies.length,
    tps: r(latencies.length / seconds),
    p50: r(percentile(latencies, 0.5)),
    p95: r(percentile(latencies, 0.95)),
    p99: r(percentile(latencies, 0.99)),
    max: r(latencies.reduce((a, b) => Math.max(a, b), 0)),
    failed,
  };
}
