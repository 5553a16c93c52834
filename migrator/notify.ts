// The plan's "team notification": a command (the event as JSON on stdin, and in
// HPC_MIGRATION_EVENT / HPC_MIGRATION_MESSAGE) and/or a webhook URL (POST of the JSON), at the
// start, at each phase, on a pause and at the end. A failing hook is logged, never fatal.
import { spawn } from 'node:child_process';
import type { Sql } from './db.ts';
import { recordEvent } from './ledger.ts';
import type { Log } from './log.ts';

export interface MigrationEvent {
  event: string;
  message: string;
  at: string;
  database: string;
  details?: object;
}

export class Notifier {
  readonly sent: MigrationEvent[] = [];

  constructor(
    private readonly sql: Sql,
    private readonly log: Log,
    private readonly database: string,
    private readonly command?: string,
    private readonly url?: string,
  ) {}

  async send(event: string, message: string, details?: object): Promise<void> {
    const payload: MigrationEvent = { event, message, at: new Date().toISOString(), database: this.database, details };
    this.sent.push(payload);
    this.log(`[${event}] ${message}`);
    await recordEvent(this.sql, event, message, details).catch(() => {});
    if (this.command) await this.runCommand(payload).catch((e) => this.log(`notify command failed: ${(e as Error).message}`));
    if (this.url) await this.post(payload).catch((e) => this.log(`notify webhook failed: ${(e as Error).message}`));
  }

  private runCommand(payload: MigrationEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn('sh', ['-c', this.command!], {
        stdio: ['pipe', 'ignore', 'inherit'],
        env: { ...process.env, HPC_MIGRATION_EVENT: payload.event, HPC_MIGRATION_MESSAGE: payload.message },
      });
      child.stdin.end(`${JSON.stringify(payload)}\n`);
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
    });
  }

  private async post(payload: MigrationEvent): Promise<void> {
    const res = await fetch(this.url!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  }
}

/** Host and database of a URL, without the password, for messages. */
export function describeDatabase(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}
