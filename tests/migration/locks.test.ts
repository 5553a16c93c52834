// Lock discipline. Every migration carries its own lock and statement timeouts; while the
// runbook runs, the locks it takes on the large tables are sampled from pg_locks (50 ms):
// the backfill never takes more than row-level write locks, and no step holds ACCESS
// EXCLUSIVE on a large table for long. (The benchmark reports the same on 1M rows.)
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsDir } from '../../migrator/supabase-cli.ts';
import { LockSampler } from '../../benchmarks/migration/lock-sampler.ts';
import { runMigration } from '../../migrator/runner.ts';
import { quietLog } from '../../migrator/log.ts';
import { MIGRATION_TEST_PORT, legacyDatabase, testOptions, type LegacyDatabase } from './support.ts';

let db: LegacyDatabase | undefined;
afterAll(async () => db?.close());

describe('lock discipline', () => {
  it('every migration file sets lock_timeout and statement_timeout', () => {
    const missing = readdirSync(migrationsDir)
      .filter((f) => f.endsWith('.sql'))
      .filter((f) => {
        const text = readFileSync(join(migrationsDir, f), 'utf8');
        return !/^set (local )?lock_timeout/m.test(text) || !/^set (local )?statement_timeout/m.test(text);
      });
    expect(missing).toEqual([]);
  });

  it('per step, the locks taken on the large tables: row locks only while backfilling, ACCESS EXCLUSIVE only briefly', async () => {
    db = await legacyDatabase('test-migration-locks', MIGRATION_TEST_PORT, 'older', { studentsPerSchool: 1_000 });
    const sampler = new LockSampler(db.cluster.url);
    sampler.start();
    const o = testOptions(db);
    o.mapping = { mode: 'existing' };
    o.backfill.maxBatch = 500; // many batches, so the sampler sees the backfill's locks
    const outcome = await runMigration(o, quietLog);
    const held = await sampler.stop();
    expect(outcome.failure).toBeUndefined();
    console.log(held.map((h) => `${h.step} ${h.table} ${h.mode} longest ${h.longestMs} ms`).join('\n'));

    const backfill = held.filter((h) => h.step === 'phase2.backfill');
    expect(backfill.length).toBeGreaterThan(0);
    expect(
      [...new Set(backfill.map((h) => h.mode))].every((m) => ['AccessShareLock', 'RowShareLock', 'RowExclusiveLock'].includes(m)),
    ).toBe(true);
    const exclusive = held.filter((h) => h.mode === 'AccessExclusiveLock');
    for (const h of exclusive) expect(h.longestMs, `${h.step} ${h.table}`).toBeLessThan(2_000);
  }, 180_000);
});
