// The automated rollback triggers: a threshold crossed during the backfill pauses it (and
// says so), health for a while resumes it; crossed while a rollout wave is observed, the
// wave is undone (flags off again) and the runner stops. Thresholds are forced here by
// setting them to zero, which every probe then exceeds.
import { afterAll, describe, expect, it } from 'vitest';
import { runMigration } from '../../migrator/runner.ts';
import { quietLog } from '../../migrator/log.ts';
import { sleep } from '../../migrator/db.ts';
import { migrationStatus } from '../../migrator/status.ts';
import { MIGRATION_TEST_PORT, legacyDatabase, testOptions, type LegacyDatabase } from './support.ts';

let db: LegacyDatabase | undefined;
afterAll(async () => db?.close());

describe('automated rollback triggers', () => {
  it('pause the backfill and resume it when healthy; undo a rollout wave', async () => {
    db = await legacyDatabase('test-migration-triggers', MIGRATION_TEST_PORT, 'older', { studentsPerSchool: 1_000 });
    const o = testOptions(db);
    o.mapping = { mode: 'existing' };
    Object.assign(o.backfill, { fixedBatch: true, initialBatch: 100, sleepMs: 20 });
    o.thresholds.latencyFactor = 0;
    o.thresholds.latencyFloorMs = 0;
    o.thresholds.resumeAfterSeconds = 1;
    // Once the backfill has been paused, health returns (the thresholds go back up).
    const watcher = (async () => {
      for (let i = 0; i < 600; i++) {
        const [row] = await db!.sql`select value from hpc_migration.control where key = 'backfill'`.catch(() => []);
        if (row?.value === 'auto-pause') {
          o.thresholds.latencyFactor = 1_000;
          return true;
        }
        await sleep(50);
      }
      return false;
    })();
    const first = await runMigration(o, quietLog);
    expect(await watcher).toBe(true);
    expect(first.failure).toBeUndefined();
    const events = await db.sql`select kind, message from hpc_migration.events order by id`;
    const pause = events.find((e) => e.kind === 'pause');
    expect(pause?.message).toMatch(/backfill paused automatically: probe latency .* > 0× baseline/);
    expect(events.some((e) => e.kind === 'resume')).toBe(true);
    const backfill = first.steps.find((s) => s.name === 'phase2.backfill')!.evidence as { triggers: { action: string }[] };
    expect(backfill.triggers.some((t) => t.action === 'backfill paused')).toBe(true);

    // A rollout wave under a crossed threshold is undone.
    o.thresholds.latencyFactor = 0;
    o.pilot = ['all'];
    o.observeSeconds = 3;
    const second = await runMigration(o, quietLog);
    expect(second.failure).toMatch(/rollout pilot undone \(flags off again\): probe latency/);
    const [flags] = await db.sql`select count(*)::int as n, count(*) filter (where enabled)::int as on
                                 from public.institution_feature_flags where feature = 'hpc'`;
    expect(flags!.n).toBeGreaterThan(0);
    expect(flags!.on).toBe(0);
    const status = await migrationStatus(db.sql);
    expect(status).toContain('phase3.pilot');
    expect(status).toMatch(/phase2\.backfill\s+done/);
    expect(status).toContain('Slowest statements');
  }, 180_000);
});
