// Crash safety and the contract's refusal. The contract migrations refuse to run while rows
// lack institution_id and say how many; the runner is killed (SIGKILL, no cleanup) at a
// random point of the backfill and started again: it resumes from the ledger and every row
// is written exactly once (ranges' counters and a probe trigger's log of every filled row agree
// with the row counts).
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../stack/settings.ts';
import { CommandError } from '../../stack/shell.ts';
import { allMigrations, pushSubset } from '../../migrator/supabase-cli.ts';
import { sleep } from '../../migrator/db.ts';
import { MIGRATION_TEST_PORT, legacyDatabase, nullCounts, type LegacyDatabase } from './support.ts';

let db: LegacyDatabase | undefined;
afterAll(async () => db?.close());

function runner(url: string, extra: string[] = []) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(projectRoot, 'migrator', 'cli.ts'),
      'run',
      '--db-url',
      url,
      '--mapping',
      'existing',
      '--skip-backup',
      '--observe',
      '0',
      '--workers',
      '2',
      '--fixed-batch',
      '--batch-size',
      '100',
      '--sleep-ms',
      '25',
      '--duty-cycle',
      '1',
      '--report-dir',
      join(projectRoot, '.local', 'test-migration-resume', 'report'),
      ...extra,
    ],
    { cwd: projectRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, output: () => output };
}

const backfilled = ['user_profiles', 'academic_terms', 'courses', 'sections', 'section_students', 'section_courses'];

describe('contract refusal and crash resume', () => {
  it('the contract refuses before the backfill, saying why', async () => {
    db = await legacyDatabase('test-migration-resume', MIGRATION_TEST_PORT, 'older', { studentsPerSchool: 2_000 });
    const expandOnly = runner(db.cluster.url, ['--stop-after', 'phase1.expand']);
    expect(await expandOnly.exited, expandOnly.output()).toBe(0);

    const error = await pushSubset(db.cluster.url, allMigrations()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommandError);
    const profiles = db.counts.user_profiles!;
    expect((error as CommandError).output).toContain(
      `contract refused: ${profiles} rows of public.user_profiles still have institution_id null`,
    );
    expect((error as CommandError).output).toContain('run the backfill first');
    const [history] =
      await db.sql`select count(*)::int as n from supabase_migrations.schema_migrations where starts_with(name, 'contract_')`;
    expect(history!.n).toBe(0);
  }, 120_000);

  it('killed at a random point of the backfill, resumes to exact counts', async () => {
    const total = backfilled.reduce((n, t) => n + db!.counts[t]!, 0);
    const killAt = Math.round(total * (0.15 + Math.random() * 0.6));
    // A probe (test only) logs every write that fills a row's institution_id.
    await db!.sql.unsafe(`
      create schema test_probe;
      create table test_probe.fills (table_name text not null, id uuid not null);
      create function test_probe.log_fill() returns trigger language plpgsql as $$
      begin insert into test_probe.fills values (tg_table_name, new.id); return null; end $$;`);
    for (const t of backfilled) {
      await db!.sql.unsafe(`create trigger test_probe_fill after update of institution_id on public.${t} for each row
        when (old.institution_id is null and new.institution_id is not null) execute function test_probe.log_fill();
        alter table public.${t} enable always trigger test_probe_fill`); // it must see the backfill's replica-mode writes
    }
    const first = runner(db!.cluster.url);
    let scanned = 0;
    for (;;) {
      const [r] = await db!.sql`select coalesce(sum(rows_scanned), 0)::int as n from hpc_migration.backfill_ranges`.catch(() => [{ n: 0 }]);
      scanned = r!.n as number;
      if (scanned >= killAt) break;
      expect(first.child.exitCode, first.output()).toBeNull();
      await sleep(20);
    }
    process.kill(-first.child.pid!, 'SIGKILL');
    await first.exited;
    const midway = await nullCounts(db!.sql);
    const stillNull = Object.values(midway).reduce((a, b) => a + b, 0);
    expect(stillNull).toBeGreaterThan(0);
    expect(stillNull).toBeLessThan(total);
    const [step] = await db!.sql`select status from hpc_migration.steps where name = 'phase2.backfill'`;
    expect(step!.status).toBe('running'); // the ledger shows the crash

    // Still refused, now with the smaller count.
    const error = await pushSubset(db!.cluster.url, allMigrations()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as CommandError).output).toMatch(/contract refused: .*still have institution_id null/);

    const second = runner(db!.cluster.url);
    expect(await second.exited, second.output()).toBe(0);
    expect(second.output()).toContain('phase1.expand: already done, skipped');

    expect(Object.values(await nullCounts(db!.sql)).every((n) => n === 0)).toBe(true);
    const [ledger] = await db!.sql`select sum(rows_updated)::int as updated, count(*) filter (where status <> 'done')::int as open
                                   from hpc_migration.backfill_ranges`;
    expect(ledger!.open).toBe(0);
    // Exactly once: every row that needed its institution was updated once, by one of the two runs.
    expect(ledger!.updated).toBe(total);
    const [fills] = await db!.sql`select count(*)::int as n, count(distinct (table_name, id))::int as rows from test_probe.fills`;
    expect(fills).toEqual({ n: total, rows: total });
    for (const t of Object.keys(db!.counts)) {
      const [r] = await db!.sql.unsafe(`select count(*)::int as n from public.${t}`);
      expect(r!.n, t).toBe(db!.counts[t]);
    }
    const [notNull] = await db!.sql`select count(*)::int as n from pg_attribute where attname = 'institution_id' and attnotnull
      and attrelid = any(array['public.user_profiles', 'public.academic_terms', 'public.courses', 'public.cohorts', 'public.sections',
                               'public.section_students', 'public.section_courses']::regclass[])`;
    expect(notNull!.n).toBe(7);
  }, 180_000);
});
