// The concurrent workload: pgbench with the BIG DAY scripts, run in back-to-back 10-second
// segments (each ends cleanly with its summary and complete per-transaction log) until
// told to stop. Latencies are read from the logs and cut into windows by timestamp.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PG_BIN } from '../../migration/rollback/dump.ts';
import { percentile } from '../../migration/health/stats.ts';

const here = dirname(fileURLToPath(import.meta.url));

export interface WorkloadOptions {
  port: number;
  clients: number;
  /** Target rate (transactions/s), the app's steady load; latency includes any schedule lag. */
  rate: number;
  logDir: string;
}

export class Workload {
  private stopped = false;
  private loop?: Promise<void>;
  errors: string[] = [];
  segments = 0;

  constructor(private readonly o: WorkloadOptions) {}

  start(): void {
    mkdirSync(this.o.logDir, { recursive: true });
    this.loop = (async () => {
      while (!this.stopped) await this.segment(this.segments++);
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private segment(i: number): Promise<void> {
    const args = ['-h', '127.0.0.1', '-p', String(this.o.port), '-U', 'postgres', '-n', '-M', 'prepared',
      '-c', String(this.o.clients), '-j', '2', '-T', '10', '-R', String(this.o.rate),
      '-l', `--log-prefix=${join(this.o.logDir, `seg${String(i).padStart(4, '0')}`)}`,
      '-f', `${join(here, 'workload-reads.sql')}@4`, '-f', `${join(here, 'workload-writes.sql')}@1`, 'postgres'];
    return new Promise((resolve) => {
      const child = spawn(join(PG_BIN, 'pgbench'), args, { env: { ...process.env, PGPASSWORD: 'postgres' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      child.on('close', (code) => {
        const failed = /number of failed transactions: (\d+)/.exec(out);
        if (code !== 0) this.errors.push(`segment ${i} exited ${code}: ${out.slice(-500)}`);
        for (const line of out.split('\n')) if (/aborted|ERROR/.test(line)) this.errors.push(line);
        if (failed && Number(failed[1]) > 0) this.errors.push(`segment ${i}: ${failed[1]} failed transactions`);
        resolve();
      });
    });
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
    for (const line of readFileSync(join(logDir, f), 'utf8').split('\n')) {
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
    transactions: latencies.length, tps: r(latencies.length / seconds),
    p50: r(percentile(latencies, 0.5)), p95: r(percentile(latencies, 0.95)), p99: r(percentile(latencies, 0.99)),
    max: r(latencies.reduce((a, b) => (b > a ? b : a), 0)), failed,
  };
}
