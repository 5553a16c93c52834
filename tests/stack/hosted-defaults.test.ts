// The local bootstrap gives what a new hosted Supabase project has, and no more: pg_cron is
// available but not created, `postgres` is no superuser yet may create the extensions
// hosted allows it (and only those); the migrations create pg_cron themselves, so a
// `supabase db push` of all of them passes on such a database and leaves every scheduled
// job in cron.job, owned by postgres, firing as postgres. Its own throwaway cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, sleep, type Sql } from '../../migrator/db.ts';
import { freshLegacyCluster, type LegacyCluster } from '../../fixtures/legacy-bigday/cluster.ts';
import { allMigrations, pushSubset } from '../../migrator/supabase-cli.ts';
import { PRIVILEGED_EXTENSIONS } from '../../stack/privileged-extensions.ts';
import { testPort } from '../support/ports.ts';

const JOBS = [
  'analytics-refresh-completion',
  'analytics-refresh-institution_overview',
  'analytics-refresh-level_distribution',
  'analytics-refresh-requests',
  'analytics-refresh-student_progress',
  'audit-events-partitions',
  'hpc-release-due-reports',
  'hpc-resume-stale-report-jobs',
  'hpc-retention-erasure',
  'hpc-share-forget-rate-windows',
];
/** Available here, needs a superuser, and hosted leaves it off its allow-list as unsafe. */
const NOT_ALLOWED = 'file_fdw';

let cluster: LegacyCluster;
let sql: Sql; // as postgres, as the migrations run
let su: Sql; // the cluster superuser (hosted's supabase_admin), which sees every job

beforeAll(async () => {
  cluster = await freshLegacyCluster('test-hosted-defaults', testPort(54442));
  sql = connect(cluster.url, { max: 1 });
  su = connect(cluster.superUrl, { max: 1 });
});
afterAll(async () => {
  await sql?.end();
  await su?.end();
  await cluster?.destroy();
});

async function createAsPostgres(extension: string): Promise<string> {
  try {
    await sql.begin(async (tx) => {
      await tx.unsafe(`create extension "${extension}"`);
      throw new Error('created'); // roll back: only whether it may
    });
    return 'created';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('hosted defaults', () => {
  it('a freshly bootstrapped database: pg_cron available, not installed; postgres no superuser', async () => {
    const [role] = await sql`select rolsuper from pg_roles where rolname = current_user`;
    expect(role!.rolsuper).toBe(false);
    const [cron] = await sql`select name, installed_version from pg_available_extensions where name = 'pg_cron'`;
    expect(cron).toEqual({ name: 'pg_cron', installed_version: null });
    const installed = await sql`select extname from pg_extension order by extname`;
    // hosted's defaults that this machine has, plus pgTAP (the test tool)
    expect(installed.map((r) => r.extname)).toEqual(['pg_stat_statements', 'pgcrypto', 'pgtap', 'plpgsql', 'uuid-ossp']);
    const [schema] = await sql`select to_regnamespace('cron') as cron`;
    expect(schema!.cron).toBeNull();
  });

  it(`postgres may create an allow-listed extension that needs a superuser, but not ${NOT_ALLOWED}`, async () => {
    const [available] = await sql`
      select array_agg(distinct name order by name) as names from pg_available_extension_versions
      where name in ('dblink', ${NOT_ALLOWED}) and superuser and not trusted`;
    expect(available!.names).toEqual(['dblink', NOT_ALLOWED]); // both untrusted: superuser-only in plain PostgreSQL
    expect(PRIVILEGED_EXTENSIONS).toContain('dblink');
    expect(PRIVILEGED_EXTENSIONS).not.toContain(NOT_ALLOWED);
    expect(await createAsPostgres('dblink')).toBe('created');
    expect(await createAsPostgres(NOT_ALLOWED)).toMatch(/permission denied to create extension "file_fdw"/);
  });

  it('supabase db push of every migration passes and creates pg_cron in pg_catalog', async () => {
    await pushSubset(cluster.url, allMigrations());
    const [ext] = await sql`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_cron'`;
    expect(ext?.schema).toBe('pg_catalog');
    // The rights hosted gives postgres on pg_cron (supautils' after-create script): the
    // schema and its functions, cron.job read-only.
    const [rights] = await sql`
      select has_schema_privilege('cron', 'usage') as usage,
             has_function_privilege('cron.schedule(text, text, text)', 'execute') as schedule,
             has_function_privilege('cron.unschedule(name)', 'execute') as unschedule,
             has_table_privilege('cron.job', 'select') as read_jobs,
             has_table_privilege('cron.job', 'insert, update, delete') as write_jobs`;
    expect(rights).toEqual({ usage: true, schedule: true, unschedule: true, read_jobs: true, write_jobs: false });
  }, 300_000);

  it('every scheduled job is in cron.job by name, owned by postgres', async () => {
    const all = await su`select jobname, username, database from cron.job order by jobname`;
    expect(all.map((j) => j.jobname)).toEqual(JOBS);
    expect(new Set(all.map((j) => `${j.username}@${j.database}`))).toEqual(new Set(['postgres@postgres']));
    // postgres reads them (cron.job shows a user its own jobs) and manages its own
    const mine = await sql`select jobname from cron.job order by jobname`;
    expect(mine.map((j) => j.jobname)).toEqual(JOBS);
    await sql.begin(async (tx) => {
      await tx`select cron.schedule('hosted-defaults-probe', '0 0 1 1 *', 'select 1')`;
      const [probe] = await tx`select username from cron.job where jobname = 'hosted-defaults-probe'`;
      expect(probe!.username).toBe('postgres');
      const [gone] = await tx`select cron.unschedule('hosted-defaults-probe') as ok`;
      expect(gone!.ok).toBe(true);
    });
  });

  it('the every-minute jobs fire, as postgres', async () => {
    const everyMinute = [
      'analytics-refresh-requests',
      'hpc-release-due-reports',
      'hpc-resume-stale-report-jobs',
      'hpc-share-forget-rate-windows',
    ];
    const deadline = Date.now() + 90_000;
    let runs: { jobname: string; username: string; status: string }[] = [];
    while (Date.now() < deadline) {
      runs = (await su`
        select distinct on (j.jobname) j.jobname, d.username, d.status
        from cron.job_run_details as d join cron.job as j using (jobid)
        where d.status in ('succeeded', 'failed') and j.jobname = any (${everyMinute})
        order by j.jobname, d.runid`) as never;
      if (runs.length === everyMinute.length) break;
      await sleep(2_000);
    }
    expect(runs).toEqual(everyMinute.map((jobname) => ({ jobname, username: 'postgres', status: 'succeeded' })));
  }, 120_000);

  it(`after the migrations postgres still cannot create ${NOT_ALLOWED}`, async () => {
    expect(await createAsPostgres(NOT_ALLOWED)).toMatch(/permission denied to create extension "file_fdw"/);
    const [role] = await sql`select rolsuper from pg_roles where rolname = current_user`;
    expect(role!.rolsuper).toBe(false);
  });
});
