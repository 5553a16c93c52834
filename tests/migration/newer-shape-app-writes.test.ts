// The live app's writes replayed on the newer-shape fixture (the real BIG DAY schema): every
// edge-function write works, every browser write fails with 42P17, nothing is left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacySchoolId } from '../../fixtures/legacy-bigday/presets.ts';
import { appWriteAdjustments, replayAppWrites, skippedAppWrites } from '../../migrator/checklist/app-writes.ts';
import { newerShapeDatabase, tableCounts } from './newer-shape-support.ts';
import type { LegacyDatabase } from './support.ts';

let db: LegacyDatabase;
beforeAll(async () => {
  db = await newerShapeDatabase('test-migration-newer-app-writes');
});
afterAll(async () => db?.close());

describe("the live app's writes, replayed (migrator/checklist/app-writes.ts)", () => {
  it('on the fresh fixture: every service write works, every browser write fails with 42P17, nothing is left behind', async () => {
    const before = await tableCounts(db);
    const results = await replayAppWrites(db.sql, { institutionId: legacySchoolId(2) });
    expect(await tableCounts(db)).toEqual(before);
    expect(new Set(results.map((r) => r.name)).size).toBe(results.length);
    const service = results.filter((r) => r.client === 'service');
    const browser = results.filter((r) => r.client === 'browser');
    expect(service.filter((r) => !r.ok)).toEqual([]);
    expect(service.length).toBeGreaterThanOrEqual(10);
    expect(browser.length).toBeGreaterThanOrEqual(30);
    expect(browser.filter((r) => r.ok || r.sqlstate !== '42P17')).toEqual([]);
    expect(new Set(results.map((r) => r.table)).size).toBeGreaterThanOrEqual(19);
    expect(skippedAppWrites.every((s) => s.reason.length > 0)).toBe(true);
    expect(skippedAppWrites.filter((s) => results.some((r) => r.name === s.name))).toEqual([]);
    expect(Object.keys(appWriteAdjustments).filter((name) => !results.some((r) => r.name === name))).toEqual([]);
    // The first school by default, also without claims left in the session afterwards.
    const again = await replayAppWrites(db.sql);
    expect(again.map((r) => [r.name, r.ok, r.sqlstate])).toEqual(results.map((r) => [r.name, r.ok, r.sqlstate]));
    const [session] = await db.sql`select current_user as u, current_setting('request.jwt.claims', true) as claims`;
    expect(session!.u).toBe('postgres');
    expect(session!.claims || null).toBeNull();
    expect(await tableCounts(db)).toEqual(before);
  });
});
