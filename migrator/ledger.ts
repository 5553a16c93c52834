// Reading and writing the ledger (ledger.sql). Steps are recorded here so that the runner
// can be killed at any moment and started again: `done` steps are skipped, a `running` step
// is simply run again (every step is idempotent).
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './db.ts';

const ledgerSql = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'ledger.sql'), 'utf8');

export async function ensureLedger(sql: Sql): Promise<void> {
  // Two runners starting at once must not race on `create table if not exists`.
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('hpc_migration.ledger'))`;
    await tx.unsafe(ledgerSql);
  });
}

export async function ledgerExists(sql: Sql): Promise<boolean> {
  const [row] = await sql`select to_regclass('hpc_migration.steps') is not null as present`;
  return Boolean(row?.present);
}

export interface StepRow {
  name: string;
  status: string;
  seconds: number | null;
  evidence: Record<string, unknown>;
  error: string | null;
}

export async function stepRow(sql: Sql, name: string): Promise<StepRow | undefined> {
  const [row] = await sql<StepRow[]>`
    select name, status, seconds::float8 as seconds, evidence, error from hpc_migration.steps where name = ${name}`;
  return row;
}

export async function markRunning(sql: Sql, name: string): Promise<void> {
  await sql`
    insert into hpc_migration.steps (name, status, started_at, attempts)
    values (${name}, 'running', now(), 1)
    on conflict (name) do update
      set status = 'running', started_at = now(), finished_at = null, error = null,
          attempts = hpc_migration.steps.attempts + 1`;
}

export async function markDone(sql: Sql, name: string, seconds: number, evidence: object): Promise<void> {
  await sql`
    update hpc_migration.steps
    set status = 'done', finished_at = now(), seconds = ${seconds}, evidence = ${sql.json(evidence as never)}
    where name = ${name}`;
}

export async function markFailed(sql: Sql, name: string, error: string): Promise<void> {
  await sql`update hpc_migration.steps set status = 'failed', finished_at = now(), error = ${error} where name = ${name}`;
}

export async function recordEvent(sql: Sql, kind: string, message: string, details?: object): Promise<void> {
  await sql`insert into hpc_migration.events (kind, message, details)
            values (${kind}, ${message}, ${details ? sql.json(details as never) : null})`;
}

export type BackfillSwitch = 'run' | 'pause' | 'auto-pause' | 'cancel';

export async function backfillSwitch(sql: Sql): Promise<BackfillSwitch> {
  const [row] = await sql`select value from hpc_migration.control where key = 'backfill'`;
  return (row?.value ?? 'run') as BackfillSwitch;
}

export async function setBackfillSwitch(sql: Sql, value: BackfillSwitch): Promise<void> {
  await sql`insert into hpc_migration.control (key, value) values ('backfill', ${value})
            on conflict (key) do update set value = excluded.value, changed_at = now()`;
}
