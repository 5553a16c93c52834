// Preflight: is it safe to start? Connectivity and versions, long-running transactions,
// replication lag, free disk, a verified backup, the timeouts in force. Every check leaves
// evidence; a failed hard check stops the run before anything changes. One check is
// advice only (it never stops the run): whether the server will have to create new WAL
// files during the backfill.
import { statfsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../stack/shell.ts';
import { PG_BIN } from '../rollback/dump.ts';
import { planEstimateSeconds } from '../plan.ts';
import { tenantTables } from '../backfill/tables.ts';
import { StepFailed, type Step, type StepContext } from './step.ts';
import { peopleWithoutClassLink } from './people-placement.ts';
import { withoutApplicationTriggers } from '../backfill/batch.ts';

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
    checks.replicaMode = await replicaMode(ctx);
    const dbBytes = await databaseSize(ctx);
    checks.disk = disk(ctx, dbBytes);
    checks.backup = ctx.options.skipBackup ? { ok: true, evidence: 'skipped (--skip-backup)' } : await backup(ctx);
    const failed = Object.entries(checks)
      .filter(([, c]) => !c.ok)
      .map(([k]) => k);
    checks.walFiles = await walFiles(ctx);
    // Listed before anything changes; the institutions step places them by rules or stops.
    checks.peopleWithoutClassLink = { ok: true, evidence: await peopleWithoutClassLink(ctx.sql) };
    const unlinked = checks.peopleWithoutClassLink.evidence as { count: number; byRole: Record<string, number> };
    if (unlinked.count)
      ctx.log(`people without a class link, to be placed by a rule: ${unlinked.count} ${JSON.stringify(unlinked.byRole)}`);
    if (!checks.walFiles.ok) ctx.log(`advice: ${(checks.walFiles.evidence as { advice: string }).advice}`);
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

/** The backfill writes in replica mode, past the application's row triggers (batch.ts). */
async function replicaMode(ctx: StepContext) {
  try {
    await ctx.sql.begin(async (tx) => {
      await tx.unsafe(withoutApplicationTriggers);
    });
    return { ok: true, evidence: 'session_replication_role can be set to replica for the backfill' };
  } catch (error) {
    return {
      ok: false,
      evidence:
        `the backfill cannot run past the application's triggers: ${(error as Error).message} ` +
        '(hosted Supabase allows it to postgres; elsewhere: grant set on parameter session_replication_role to <the migration role>)',
    };
  }
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
    evidence: {
      primary: !rec!.replica,
      replicas: [...rows],
      worstLagSeconds: worst,
      thresholdSeconds: ctx.options.maxReplicationLagSeconds,
    },
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
  const apiRolesBounded = roles
    .filter((r) => ['anon', 'authenticated'].includes(r.rolname as string))
    .every((r) => (r.settings as string[]).some((x) => x.startsWith('statement_timeout=')));
  return { ok: apiRolesBounded, evidence: { roles: [...roles], runnerSession: session } };
}

// Advice, measured (benchmarks/migration/FINDINGS.md): the backfill rewrites every row of the
// tenant tables, with a new entry in every index and full-page images after each checkpoint:
// on the benchmark's database, 0.8 GB of tables and indexes, it wrote 3.9 GB of WAL. So the
// estimate is five times their size.
// Once the WAL files the server keeps for reuse run out, each new 16 MB file is zero-filled
// while WALWriteLock is held, and every commit of the application waits for that: 60-70 ms
// stalls, many per second, for the rest of the backfill. With wal_init_zero = off (a
// server setting, superuser or the platform's configuration) a new file is only sized, and
// the stalls went away (backfill window p99 6.7 ms against 14.5-29.6 ms with it on).
async function walFiles(ctx: StepContext) {
  const [s] = await ctx.sql`
    select current_setting('wal_init_zero') as wal_init_zero, current_setting('min_wal_size') as min_wal_size,
           current_setting('max_wal_size') as max_wal_size,
           (select setting::int8 from pg_catalog.pg_settings where name = 'wal_segment_size') as segment,
           (select coalesce(sum(pg_total_relation_size(format('public.%I', t)::regclass)), 0)::bigint
              from unnest(${tenantTables}::text[]) as t where to_regclass(format('public.%I', t)) is not null) as estimate`;
  const estimatedWalBytes = 5 * Number(s!.estimate);
  // pg_ls_waldir() needs pg_monitor (or superuser); without it the files ahead are unknown.
  const ahead = await ctx.sql`
    select count(*)::int as files, coalesce(sum(size), 0)::bigint as bytes from pg_ls_waldir()
    where name ~ '^[0-9A-F]{24}$' and name > pg_walfile_name(pg_current_wal_insert_lsn())`.catch(() => undefined);
  const reusableWalBytes = ahead ? Number(ahead[0]!.bytes) : null;
  const segmentBytes = Number(s!.segment);
  const newFiles = Math.max(0, Math.ceil((estimatedWalBytes - (reusableWalBytes ?? 0)) / segmentBytes));
  const zeroFilled = s!.wal_init_zero !== 'off';
  // A handful of new files is a handful of short stalls; the measured harm came from hundreds.
  const ok = !zeroFilled || newFiles <= 8;
  const gb = (b: number) => `${(b / 2 ** 30).toFixed(1)} GB`;
  const advice = ok
    ? zeroFilled
      ? `at most ${newFiles} new WAL files to zero-fill during the backfill`
      : 'wal_init_zero is off: new WAL files are not zero-filled'
    : `the backfill will write about ${gb(estimatedWalBytes)} of WAL and ${reusableWalBytes === null ? 'the WAL files kept for reuse are unknown (needs pg_monitor)' : `only ${gb(reusableWalBytes)} of WAL files are kept for reuse`}; ` +
      'with wal_init_zero = on each new file is zero-filled while the commits of the application wait (60-70 ms stalls measured): ' +
      'set wal_init_zero = off for the migration window, or run the backfill when the application is quiet';
  return {
    ok,
    evidence: {
      walInitZero: s!.wal_init_zero,
      minWalSize: s!.min_wal_size,
      maxWalSize: s!.max_wal_size,
      estimatedWalBytes,
      reusableWalBytes,
      newFiles,
      advice,
    },
  };
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
  return {
    ok: freeBytes > 2 * dbBytes,
    evidence: {
      databaseBytes: dbBytes,
      freeBytesAtBackupDir: freeBytes,
      note: 'server disk is measured where the backup is written; on a remote server check its volume too',
    },
  };
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
