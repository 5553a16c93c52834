// Rollback, both kinds. Immediate: HPC off, and how long until a new request sees it.
// Schema: back to the baseline, proven by comparing `pg_dump --schema-only` before the
// migration and after the rollback; then the migration applies again. And the last resort:
// the preflight's pg_dump restored with pg_restore into a fresh database.
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../migrator/db.ts';
import { runMigration } from '../../migrator/runner.ts';
import { quietLog } from '../../migrator/log.ts';
import { hpcOff } from '../../migrator/rollback/flags-off.ts';
import { runSchemaRollback } from '../../migrator/rollback/execute.ts';
import { configuredPreRequest } from '../../migrator/checklist/pre-request.ts';
import { dumpDifference, schemaDump } from '../../migrator/rollback/dump.ts';
import { restoreBackup } from '../../migrator/rollback/restore.ts';
import { applyBootstrap } from '../../stack/bootstrap.ts';
import { dbUrl } from '../../stack/settings.ts';
import { MIGRATION_TEST_PORT, legacyDatabase, testOptions, type LegacyDatabase } from './support.ts';

let db: LegacyDatabase | undefined;
afterAll(async () => db?.close());

describe('rollback', () => {
  it('flags off is seen by the next request; schema rollback restores the baseline dump; the migration applies again', async () => {
    db = await legacyDatabase('test-migration-rollback', MIGRATION_TEST_PORT, 'newer-baseline', { schools: 1 });
    const before = await schemaDump(db.cluster.superUrl);
    const o = testOptions(db);
    o.skipBackup = false;
    o.pilot = ['all'];
    const applied = await runMigration(o, quietLog);
    expect(applied.failure).toBeUndefined();
    const migrated = await schemaDump(db.cluster.superUrl);
    expect(migrated).not.toEqual(before);
    expect(await configuredPreRequest(db.sql)).toBe('private.set_request_context');

    const off = await hpcOff(db.sql, db.cluster.url);
    expect(off.institutions).toBe(1);
    expect(off.msUntilVisible).toBeLessThan(5 * 60 * 1000); // the plan: immediate rollback under 5 minutes
    console.log(`flags off visible to a new request after ${off.msUntilVisible} ms`);

    const rolledBack = await runSchemaRollback(db.sql, quietLog);
    expect(rolledBack.statements.length).toBeGreaterThan(50);
    const after = await schemaDump(db.cluster.superUrl);
    const diff = dumpDifference(before, after);
    expect(diff).toEqual({ onlyBefore: [], onlyAfter: [] });
    expect(after).toEqual(before); // same lines in the same order
    // PostgREST's settings live outside the dump: its pre-request function is unset again.
    expect(await configuredPreRequest(db.sql)).toBeNull();
    const [history] = await db.sql`select array_agg(version order by version) as v from supabase_migrations.schema_migrations`;
    expect(history!.v).toEqual(['20240101000000']);

    const again = await runMigration(o, quietLog);
    expect(again.failure).toBeUndefined();
    expect(again.steps.every((s) => s.status === 'done')).toBe(true);
  }, 180_000);

  it('the pre-migration backup restores with pg_restore into a fresh database', async () => {
    const [backup] = await db!
      .sql`select evidence -> 'backup' -> 'evidence' ->> 'file' as file from hpc_migration.steps where name = 'preflight'`;
    const admin = connect(db!.cluster.superUrl, { max: 1 });
    await admin`drop database if exists restored`;
    await admin`create database restored owner postgres`;
    await admin.end();
    await applyBootstrap(db!.cluster.settings, 'restored');
    const restoredUrl = dbUrl(db!.cluster.settings, 'postgres', 'restored');
    await restoreBackup(backup!.file as string, restoredUrl);
    const restored = connect(restoredUrl, { max: 1 });
    try {
      for (const t of Object.keys(db!.counts)) {
        const [r] = await restored.unsafe(`select count(*)::int as n from public.${t}`);
        expect(r!.n, t).toBe(db!.counts[t]);
      }
      const [cols] = await restored`select count(*)::int as n from information_schema.columns
                                    where table_schema = 'public' and table_name = 'user_profiles' and column_name = 'institution_id'`;
      expect(cols!.n).toBe(0); // the backup is the pre-HPC database
      const [history] = await restored`select count(*)::int as n from supabase_migrations.schema_migrations`;
      expect(history!.n).toBe(1);
    } finally {
      await restored.end();
    }
  }, 120_000);
});
