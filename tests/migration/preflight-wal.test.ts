// The preflight's WAL advice: how much WAL the backfill will write against the WAL files the
// server keeps for reuse, and whether new files will be zero-filled meanwhile
// (benchmarks/migration/FINDINGS.md, "New WAL files"). Advice only: it never stops the run.
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../migrator/db.ts';
import { quietLog } from '../../migrator/log.ts';
import { runMigration } from '../../migrator/runner.ts';
import { tenantTables } from '../../migrator/backfill/tables.ts';
import { MIGRATION_TEST_PORT, legacyDatabase, testOptions, type LegacyDatabase } from './support.ts';

let db: LegacyDatabase | undefined;
afterAll(async () => db?.close());

interface WalEvidence {
  walInitZero: string;
  estimatedWalBytes: number;
  reusableWalBytes: number | null;
  newFiles: number;
  advice: string;
}

async function preflightWal(d: LegacyDatabase): Promise<{ ok: boolean; evidence: WalEvidence }> {
  const o = testOptions(d);
  o.stopAfter = 'preflight';
  const outcome = await runMigration(o, quietLog);
  expect(outcome.failure).toBeUndefined();
  const [row] = await d.sql`select evidence -> 'walFiles' as w from hpc_migration.steps where name = 'preflight'`;
  await d.sql`delete from hpc_migration.steps where name = 'preflight'`; // so that it runs again
  return row!.w as { ok: boolean; evidence: WalEvidence };
}

describe('preflight: WAL files for the backfill', () => {
  it('estimates the WAL, counts the files kept for reuse, and passes once wal_init_zero is off', async () => {
    db = await legacyDatabase('test-migration-preflight-wal', MIGRATION_TEST_PORT, 'older');
    const [size] = await db.sql`select sum(pg_total_relation_size(format('public.%I', t)::regclass))::bigint as bytes
      from unnest(${tenantTables}::text[]) as t where to_regclass(format('public.%I', t)) is not null`;

    const before = await preflightWal(db);
    expect(before.evidence.walInitZero).toBe('on');
    expect(before.evidence.estimatedWalBytes).toBe(5 * Number(size!.bytes));
    expect(before.evidence.reusableWalBytes).not.toBeNull();
    const expectedNew = Math.max(0, Math.ceil((before.evidence.estimatedWalBytes - before.evidence.reusableWalBytes!) / 2 ** 24));
    expect(before.evidence.newFiles).toBe(expectedNew);
    expect(before.ok).toBe(expectedNew <= 8);

    const su = connect(db.cluster.superUrl, { max: 1 });
    await su`alter system set wal_init_zero = off`;
    await su`select pg_reload_conf()`;
    await su.end();
    const after = await preflightWal(db);
    expect(after.evidence.walInitZero).toBe('off');
    expect(after.ok).toBe(true);
    expect(after.evidence.advice).toContain('wal_init_zero is off');
  }, 120_000);
});
