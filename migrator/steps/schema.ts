// Schema steps through the Supabase CLI: the baseline snapshot (for rollback), phase 1
// (every migration except the contract ones) and enforcement (the contract migrations,
// which refuse to run until the backfill is complete and say why).
import { planEstimateSeconds } from '../plan.ts';
import { takeSnapshot, migrationVersions } from '../rollback/snapshot.ts';
import {
  allMigrations,
  isAuditEventKeysFile,
  isContractMigration,
  markApplied,
  pushSubset,
  tenantIndexTable,
  versionOf,
} from '../supabase-cli.ts';
import { StepFailed, type Step, type StepContext } from './step.ts';
import { CommandError } from '../../stack/shell.ts';
import { sleep } from '../db.ts';
import { sweepLateRows } from '../backfill/sweep.ts';
import { presentBackfillTables } from '../backfill/tables.ts';

export const snapshot: Step = {
  name: 'snapshot',
  phase: 'preflight',
  estimateSeconds: planEstimateSeconds.snapshot,
  run: async (ctx) => takeSnapshot(ctx.sql),
};

/** Every migration sets a short lock_timeout (50 ms): behind a busy table its DDL gives up
 * instead of queueing the workload behind it. The push is then retried (the CLI applies
 * whole files in transactions, so a retry continues with the file that gave up), with a
 * growing pause, as GitLab's lock retries do. Short because waiting longer rarely helps: a
 * file that already holds one table and waits for the next is usually in a lock cycle with
 * an application query that waits for the first, and everything behind that query stalls
 * for as long as the timeout (large benchmark: with 300 ms, workload stalls up to 314 ms
 * and p99 45 ms during the migration; with 50 ms, 178 ms and 25 ms). */
const MAX_LOCK_RETRIES = 30;

async function push(ctx: StepContext, files: string[]) {
  const before = await migrationVersions(ctx.sql);
  const pending = files.filter((f) => !before.includes(versionOf(f)));
  if (pending.length === 0) return { applied: [], note: 'nothing to apply' };
  let lockRetries = 0;
  for (;;) {
    try {
      await pushSubset(ctx.options.dbUrl, files);
      break;
    } catch (error) {
      const output = error instanceof CommandError ? error.output : String(error);
      // The contract's own refusal is the message that matters; the CLI wraps it.
      const refusal = /contract refused[^\n]*/.exec(output)?.[0];
      if (refusal) throw new StepFailed(refusal, { output: output.slice(-4000) });
      if (/lock timeout|deadlock detected/i.test(output) && lockRetries < MAX_LOCK_RETRIES) {
        lockRetries += 1;
        const file = [...output.matchAll(/Applying migration ([\w.-]+?\.sql)/g)].pop()?.[1] ?? 'a migration';
        ctx.log(`lock timeout or deadlock (the migration gave way to the workload) in ${file}; retry ${lockRetries}/${MAX_LOCK_RETRIES}`);
        await sleep(Math.min(200 * lockRetries, 3_000));
        continue;
      }
      throw new StepFailed(`supabase db push failed:\n${output.slice(-2000)}`, { output: output.slice(-4000), lockRetries });
    }
  }
  const after = await migrationVersions(ctx.sql);
  return { applied: after.filter((v) => !before.includes(v)), lockRetries };
}

/** Our first migration creates BIG DAY as a fresh project gets it. A database that already
 * runs BIG DAY (made by its own CLI history, the dashboard, or an older copy of ours) has
 * those tables: the baseline is recorded as applied instead of pushed over them. */
async function adoptExistingBigDay(ctx: StepContext): Promise<string | undefined> {
  const baseline = allMigrations()[0]!;
  if ((await migrationVersions(ctx.sql)).includes(versionOf(baseline))) return undefined;
  const [bigDay] = await ctx.sql`select to_regclass('public.user_profiles') is not null as present`;
  if (!bigDay!.present) return undefined;
  await markApplied(ctx.options.dbUrl, [baseline]);
  ctx.log(`an existing BIG DAY database: ${baseline} recorded as applied, not run`);
  return versionOf(baseline);
}

/** GitLab's "prepare async index": the files that index institution_id on an existing
 * table build it under SHARE, which stalls that table's writers for the length of the build
 * (and an application whose write transactions touch the table with them). On a live
 * database the runner builds the very same index CONCURRENTLY first; the files then find it
 * and do nothing. The statement comes from the database (private.institution_column_index_
 * statement), so the index is defined once. A build interrupted earlier left an INVALID index
 * of that name: it is dropped and built again. */
async function prebuildTenantIndexes(ctx: StepContext, files: string[]): Promise<string[]> {
  const built: string[] = [];
  for (const table of files.map(tenantIndexTable).filter((t): t is string => t !== undefined)) {
    const [row] = await ctx.sql`select private.institution_column_index_statement(${table}, true) as statement`;
    if (!row?.statement) continue;
    const [invalid] = await ctx.sql`
      select format('%I.%I', n.nspname, c.relname) as name from pg_catalog.pg_class as c
      join pg_catalog.pg_namespace as n on n.oid = c.relnamespace join pg_catalog.pg_index as i on i.indexrelid = c.oid
      where n.nspname = 'public' and c.relname = ${`${table}_institution_id_idx`} and not i.indisvalid`;
    if (invalid) await ctx.sql.unsafe(`drop index concurrently if exists ${invalid.name as string}`);
    await ctx.sql.unsafe(row.statement as string);
    built.push(table);
  }
  if (built.length) ctx.log(`built concurrently, ahead of their migration files: institution_id indexes on ${built.join(', ')}`);
  return built;
}

export const expand: Step = {
  name: 'phase1.expand',
  phase: 'phase 1: schema extension',
  estimateSeconds: planEstimateSeconds['phase1.expand'],
  async run(ctx) {
    const adoptedBaseline = await adoptExistingBigDay(ctx);
    const files = allMigrations().filter((f) => !isContractMigration(f));
    const firstIndexFile = files.findIndex((f) => tenantIndexTable(f) !== undefined);
    if (firstIndexFile <= 0) return { adoptedBaseline, ...(await push(ctx, files)) };
    const columns = await push(ctx, files.slice(0, firstIndexFile));
    const prebuiltIndexes = await prebuildTenantIndexes(ctx, files.slice(firstIndexFile));
    const rest = await push(ctx, files);
    return {
      adoptedBaseline,
      prebuiltIndexes,
      applied: [...columns.applied, ...rest.applied],
      lockRetries: (columns.lockRetries ?? 0) + (rest.lockRetries ?? 0),
    };
  },
};

/** The same for the audit log's new primary key (institution_id, occurred_at, id): each
 * partition brings its own unique index to it (20250901000612), which that file would build
 * under SHARE, holding back every audited write to the partition meanwhile. The runner builds
 * them CONCURRENTLY first, from the statements the database gives (private.audit_event_school_
 * key_statements, defined by the contract file before it); an invalid one left by an
 * interrupted build is dropped and built again. */
async function prebuildAuditEventKeys(ctx: StepContext): Promise<number> {
  const invalid = await ctx.sql<{ name: string }[]>`
    select format('%I.%I', n.nspname, x.relname) as name
    from pg_catalog.pg_inherits as i
    join pg_catalog.pg_index as xi on xi.indrelid = i.inhrelid and not xi.indisvalid
    join pg_catalog.pg_class as x on x.oid = xi.indexrelid
    join pg_catalog.pg_namespace as n on n.oid = x.relnamespace
    where i.inhparent = 'public.audit_events'::regclass and x.relname like '%\_school\_key'`;
  for (const index of invalid) await ctx.sql.unsafe(`drop index concurrently if exists ${index.name}`);
  const statements = await ctx.sql<{ statement: string }[]>`
    select s as statement from private.audit_event_school_key_statements(true) as s`;
  for (const { statement } of statements) await ctx.sql.unsafe(statement);
  if (statements.length) ctx.log(`built concurrently, ahead of their migration file: ${statements.length} audit_events partition keys`);
  return statements.length;
}

export const contract: Step = {
  name: 'enforcement.contract',
  phase: 'enforcement',
  estimateSeconds: planEstimateSeconds['enforcement.contract'],
  async run(ctx) {
    // The old application kept inserting rows without institution_id after the backfill
    // finished (until it is upgraded, it does not know the column). Fill them first, or the
    // contract refuses, and a rerun, whose backfill step is already done, would refuse again.
    const swept = await sweepLateRows(ctx.sql, await presentBackfillTables(ctx.sql), ctx.options.backfill);
    if (swept > 0) ctx.log(`contract: filled ${swept} rows the application wrote without institution_id since the backfill`);
    const files = allMigrations();
    const keysFile = files.findIndex(isAuditEventKeysFile);
    if (keysFile <= 0) return { sweptRows: swept, ...(await push(ctx, files)) };
    const before = await push(ctx, files.slice(0, keysFile));
    const prebuiltAuditKeys = await prebuildAuditEventKeys(ctx);
    const rest = await push(ctx, files);
    return {
      sweptRows: swept,
      prebuiltAuditKeys,
      applied: [...before.applied, ...rest.applied],
      lockRetries: (before.lockRetries ?? 0) + (rest.lockRetries ?? 0),
    };
  },
};
