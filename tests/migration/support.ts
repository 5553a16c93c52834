// Helpers for the migration tests: a legacy BIG DAY database on its own throwaway cluster
// (never the test stack: the migration is tested from the pre-HPC state), and runner
// options suited to tests (no backup unless asked, short observation windows).
import { join } from 'node:path';
import { connect, type Sql } from '../../migrator/db.ts';
import { freshLegacyCluster, type LegacyCluster } from '../../fixtures/legacy-bigday/cluster.ts';
import { generateLegacy } from '../../fixtures/legacy-bigday/generate.ts';
import { presets, type LegacyPreset } from '../../fixtures/legacy-bigday/presets.ts';
import type { LegacyShape } from '../../fixtures/legacy-bigday/shapes.ts';
import { defaultOptions, type RunnerOptions } from '../../migrator/options.ts';
import { quietLog } from '../../migrator/log.ts';
import { runMigration } from '../../migrator/runner.ts';
import { testPort } from '../support/ports.ts';

export interface LegacyDatabase {
  cluster: LegacyCluster;
  sql: Sql;
  counts: Record<string, number>;
  close(): Promise<void>;
}

export async function legacyDatabase(
  name: string,
  port: number,
  shape: LegacyShape,
  preset: Partial<LegacyPreset> = {},
  options: { cliHistory?: boolean } = {},
): Promise<LegacyDatabase> {
  const cluster = await freshLegacyCluster(name, port);
  const sql = connect(cluster.url, { max: 4 });
  const counts = await generateLegacy(
    sql,
    { url: cluster.url, shape, preset: { ...presets.small, ...preset }, cliHistory: options.cliHistory },
    quietLog,
  );
  return {
    cluster,
    sql,
    counts,
    async close() {
      await sql.end();
      await cluster.destroy();
    },
  };
}

export function testOptions(db: LegacyDatabase): RunnerOptions {
  const o = defaultOptions(db.cluster.url);
  o.skipBackup = true;
  o.observeSeconds = 0;
  o.reportDir = join(db.cluster.settings.home, 'report');
  o.backupDir = join(db.cluster.settings.home, 'backups');
  o.thresholds.resumeAfterSeconds = 1;
  o.backfill.dutyCycle = 1; // no rest between batches: small databases, quick tests
  return o;
}

/** The runner, legacy institutions kept as they are, up to and including `step`; returns
 * the options so that a test can run the rest. */
export async function migrateUntil(db: LegacyDatabase, step: string): Promise<RunnerOptions> {
  const o = testOptions(db);
  o.mapping = { mode: 'existing' };
  o.stopAfter = step;
  const outcome = await runMigration(o, quietLog);
  if (outcome.failure) throw new Error(`the migration stopped before ${step}: ${outcome.failure}`);
  return o;
}

export async function nullCounts(sql: Sql): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections', 'section_students', 'section_courses']) {
    const [r] = await sql.unsafe(`select count(*)::int as n from public.${t} where institution_id is null`);
    out[t] = r!.n as number;
  }
  return out;
}

export async function rowsPerInstitution(sql: Sql, table: string): Promise<Record<string, number>> {
  const rows = await sql.unsafe(`select i.slug, count(*)::int as n from public.${table} as t
                                 join public.institutions as i on i.id = t.institution_id group by i.slug order by i.slug`);
  return Object.fromEntries(rows.map((r) => [r.slug, r.n]));
}

/** The migration tests' own cluster port (one cluster at a time; files run in sequence). */
export const MIGRATION_TEST_PORT = testPort(54432);
