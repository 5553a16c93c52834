// Runs the schema rollback: plan from the catalog difference, then every statement with a
// short lock_timeout and retries (GitLab's pattern: a DDL that waits behind a long
// transaction must not queue the whole workload behind it). The plan is recomputed from
// the catalog on every run, so an interrupted rollback is finished by running it again.
import type { Sql } from '../db.ts';
import { sleep } from '../db.ts';
import { readCatalog, readSnapshot, migrationVersions } from './snapshot.ts';
import { rollbackPlan, type RollbackStatement } from './plan.ts';
import type { Log } from '../log.ts';

export interface RollbackResult {
  statements: RollbackStatement[];
  seconds: number;
  retries: number;
}

export async function planSchemaRollback(sql: Sql): Promise<RollbackStatement[]> {
  const snapshot = await readSnapshot(sql);
  if (!snapshot) {
    throw new Error(
      'schema rollback refused: no baseline snapshot (hpc_migration.baseline_snapshot); ' +
        'this database was not migrated by the runner, restore it from the pre-migration backup instead',
    );
  }
  return rollbackPlan(snapshot.catalog, await readCatalog(sql), snapshot.versions, await migrationVersions(sql));
}

export async function runSchemaRollback(sql: Sql, log: Log, options: { keepLedger?: boolean } = {}): Promise<RollbackResult> {
  const started = Date.now();
  const statements = await planSchemaRollback(sql);
  let retries = 0;
  for (const s of statements) {
    retries += await withLockRetries(sql, s, log);
  }
  // A second pass must find nothing left: proof the rollback converged.
  const left = await planSchemaRollback(sql);
  if (left.length) throw new Error(`schema rollback incomplete, still to undo:\n${left.map((s) => s.sql).join('\n')}`);
  if (!options.keepLedger) await sql`drop schema if exists hpc_migration cascade`;
  log(`schema rollback: ${statements.length} statements in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { statements, seconds: (Date.now() - started) / 1000, retries };
}

async function withLockRetries(sql: Sql, s: RollbackStatement, log: Log): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      if (s.concurrently) {
        await sql.unsafe(`set lock_timeout = '2s'`);
        await sql.unsafe(s.sql);
      } else {
        await sql.begin(async (tx) => {
          await tx.unsafe(`set local lock_timeout = '500ms'`);
          await tx.unsafe(`set local statement_timeout = '5min'`);
          await tx.unsafe(s.sql);
        });
      }
      return attempt;
    } catch (error) {
      if ((error as { code?: string }).code !== '55P03' || attempt >= 50) {
        throw new Error(`rollback statement failed (${s.why}): ${s.sql}\n${(error as Error).message}`);
      }
      log(`lock timeout on: ${s.sql.slice(0, 80)}… retry ${attempt + 1}`);
      await sleep(Math.min(100 * 2 ** attempt, 5_000));
    }
  }
}
