// During the migration: the backfill's batches, its control switch, its ranges, and the lock
// waits the health monitor saw.
import type { ChecklistEntry } from '../check.ts';

export const BACKFILL_ITEMS: ChecklistEntry[] = [
  [
    'during',
    'failed batches at most 5%',
    async (sql, o) => {
      const [r] = await sql`select count(*)::int as total, count(*) filter (where not ok)::int as failed from hpc_migration.batches`;
      const rate = r!.total ? r!.failed / r!.total : 0;
      return { ok: rate <= o.thresholds.failedBatchRate, evidence: { ...r, rate } };
    },
  ],
  [
    'during',
    'backfill not paused or cancelled',
    async (sql) => {
      const [r] = await sql`select value from hpc_migration.control where key = 'backfill'`;
      return { ok: r?.value === 'run', evidence: r?.value };
    },
  ],
  [
    'during',
    'every backfill range done',
    async (sql) => {
      const rows = await sql`select status, count(*)::int as n from hpc_migration.backfill_ranges group by status`;
      return {
        ok: rows.length > 0 && rows.every((r) => r.status === 'done'),
        evidence: Object.fromEntries(rows.map((r) => [r.status, r.n])),
      };
    },
  ],
  [
    'during',
    'no lock wait over 1 s seen by the monitor',
    async (_sql, _o, m) => ({
      ok: (m?.longestLockWaitMs ?? 0) <= 1000,
      evidence: { longestLockWaitMs: Math.round(m?.longestLockWaitMs ?? 0) },
    }),
  ],
];
