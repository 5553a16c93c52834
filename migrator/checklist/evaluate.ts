// The plan's checklist (pre, during, post) as machine-checked items, each pass/fail with the
// evidence read from the database and the ledger at the moment the report is written. The
// items, by concern and in the order the report lists them, are in checklist/items/.
import type { Sql } from '../db.ts';
import type { RunnerOptions } from '../options.ts';
import type { HealthMonitor } from '../health/monitor.ts';
import { proveIsolation, type IsolationResult } from './isolation/prove.ts';
import type { ChecklistEntry, ChecklistItem, Proof } from './check.ts';
import { PRE_MIGRATION_ITEMS } from './items/pre-migration.ts';
import { BACKFILL_ITEMS } from './items/backfill.ts';
import { CONTRACT_ITEMS } from './items/contract.ts';
import { TENANT_ISOLATION_ITEMS } from './items/tenant-isolation.ts';
import { LIVE_APP_WRITES_ITEMS } from './items/live-app-writes.ts';
import { ROLLOUT_ITEMS } from './items/rollout.ts';

export type { ChecklistItem } from './check.ts';

const items: ChecklistEntry[] = [
  ...PRE_MIGRATION_ITEMS,
  ...BACKFILL_ITEMS,
  ...CONTRACT_ITEMS,
  ...TENANT_ISOLATION_ITEMS,
  ...LIVE_APP_WRITES_ITEMS,
  ...ROLLOUT_ITEMS,
];

export async function evaluateChecklist(sql: Sql, o: RunnerOptions, m?: HealthMonitor): Promise<ChecklistItem[]> {
  const out: ChecklistItem[] = [];
  let isolation: Promise<IsolationResult> | undefined;
  const proof: Proof = () => (isolation ??= proveIsolation(sql, o.isolation));
  for (const [stage, item, check] of items) {
    try {
      out.push({ stage, item, ...(await check(sql, o, m, proof)) });
    } catch (error) {
      out.push({ stage, item, ok: false, evidence: `could not check: ${(error as Error).message}` });
    }
  }
  return out;
}
