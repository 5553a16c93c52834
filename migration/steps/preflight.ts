// Preflight: is it safe to start? Connectivity and versions, long-running transactions,
// replication lag, free disk, a verified backup, the timeouts in force. Every check leaves
// evidence; a failed hard check stops the run before anything changes.
import { statfsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../stack/shell.ts';
import { PG_BIN } from '../rollback/dump.ts';
import { planEstimateSeconds } from '../plan.ts';
import { StepFailed, type Step, type StepContext } from './step.ts';

export const preflight: Step = {
  name: 'preflight',
  phase: 'preflight',
  estimateSeconds: planEstimateSeconds.preflight,
  async run(ctx) {
    const checks: Record<string, { ok: boolean; evidence: unknown }> = {};
    checks.connectivity = await versions(ctx);
    checks.longTransactions = await longTransactions(ctx);
    checks.replication = await replication(ctx);
    checks.timeouts = await timeouts(ctx);
    const dbBytes = await databaseSize(ctx);
    checks.disk = disk(ctx, dbBytes);
    checks.backup = ctx.options.skipBackup ? { ok: true, evidence: 'skipped (--skip-backup)' } : await backup(ctx);
    const failed = Object.entries(checks).filter(([, c]) => !c.ok).map(([k]) => k);
    if (failed.length) throw new StepFailed(`preflight failed: ${failed.join(', ')}`, checks);
    return checks;
  },
};

async function versions(ctx: StepContext) {
  const [row] = await ctx.sql`select current_setting('server_version_num')::int as num, version() as version,
                                    current_user as user, current_database() as database`;
  const cli = await run(join(PG_BIN, 'pg_dump'), ['--version']).catch(() => 'unknown');
  return { ok: row!.num >= 150000, evidence: { server: row!.version, user: row!.user, database: row!.database, pg_dump: cli.trim() } };
}

async function longTransactions(ctx: StepContext) {
  const rows = await ctx.sql`
    select pid, application_name, state, round(extract(epoch from now() - xact_start))::int as seconds, left(query, 120) as query
    from pg_stat_activity
    where xact_start < now() - make_interval(secs => ${ctx.options.maxTransactionSeconds})
      and pid <> pg_backend_pid() and backend_type = 'client backend'`;
  return { ok: rows.length === 0, evidence: { thresholdSeconds: ctx.options.maxTransactionSeconds, transactions: [...rows] } };
}

async function replication(ctx: StepContext) {
  const [rec] = await ctx.sql`select pg_is_in_recovery() as replica`;
  const rows = await ctx.sql`
    select application_name, state, coalesce(extract(epoch from replay_lag), 0)::float8 as lag_seconds
    from pg_stat_replication`;
  const worst = Math.max(0, ...rows.map((r) => r.lag_seconds as number));
  return {
    ok: !rec!.replica && worst <= ctx.options.maxReplicationLagSeconds,
    evidence: { primary: !rec!.replica, replicas: [...rows], worstLagSeconds: worst, thresholdSeconds: ctx.options.maxReplicationLagSeconds },
  };
}

async function timeouts(ctx: StepContext) {
  const roles = await ctx.sql`
    select r.rolname, coalesce(s.setconfig, '{}') as settings
    from pg_roles as r left join pg_db_role_setting as s on s.setrole = r.oid and s.setdatabase = 0
    where r.rolname in ('anon', 'authenticated', 'authenticator', 'postgres', 'service_role')
    order by r.rolname`;
  const [session] = await ctx.sql`select current_setting('statement_timeout') as statement_timeout,
    current_setting('lock_timeout') as lock_timeout, current_setting('idle_in_transaction_session_timeout') as idle_in_transaction`;
  const apiRolesBounded = roles.filter((r) => ['anon', 'authenticated'].includes(r.rolname as string))
    .every((r) => (r.settings as string[]).some((x) => x.startsWith('statement_timeout=')));
  return { ok: apiRolesBounded, evidence: { roles: [...roles], runnerSession: session } };
}

async function databaseSize(ctx: StepContext): Promise<number> {
  const [row] = await ctx.sql`select pg_database_size(current_database())::bigint as bytes`;
  return Number(row!.bytes);
}

function disk(ctx: StepContext, dbBytes: number) {
  mkdirSync(ctx.options.backupDir, { recursive: true });
  const fs = statfsSync(ctx.options.backupDir);
  const freeBytes = fs.bavail * fs.bsize;
  // The backup (compressed, smaller than the database) plus the backfill's new row versions
  // and WAL (about the size of the rewritten tables): twice the database is the margin asked.
  return { ok: freeBytes > 2 * dbBytes, evidence: { databaseBytes: dbBytes, freeBytesAtBackupDir: freeBytes, note: 'server disk is measured where the backup is written; on a remote server check its volume too' } };
}

async function backup(ctx: StepContext) {
  const file = join(ctx.options.backupDir, `pre-hpc-${new Date().toISOString().replace(/[:.]/g, '-')}.dump`);
  const started = Date.now();
  // The schemas the migration changes, plus the CLI's history; platform schemas (auth,
  // storage) are the platform's to back up and are not touched by the migration.
  await run(join(PG_BIN, 'pg_dump'), ['-Fc', '-n', 'public', '-n', 'supabase_migrations', '-f', file, '-d', ctx.options.dbUrl]);
  const dumpSeconds = (Date.now() - started) / 1000;
  const listing = await run(join(PG_BIN, 'pg_restore'), ['--list', file]);
  const entries = listing.split('\n').filter((l) => /^\d+;/.test(l)).length;
  const tableData = listing.split('\n').filter((l) => l.includes(' TABLE DATA ')).length;
  const bytes = statSync(file).size;
  ctx.log(`backup ${file}: ${(bytes / 1e6).toFixed(1)} MB in ${dumpSeconds.toFixed(1)} s, ${entries} entries verified`);
  return { ok: entries > 0 && tableData > 0, evidence: { file, bytes, seconds: dumpSeconds, entries, tableData } };
}
