// Before the migration: what the preflight step found (backup, transactions, replication,
// disk, timeouts, WAL) and the schema snapshot a rollback returns to.
import type { Check, ChecklistEntry } from '../check.ts';

const preflightCheck =
  (key: string): Check =>
  async (sql) => {
    const [row] = await sql`select evidence -> ${key} as e from hpc_migration.steps where name = 'preflight' and status = 'done'`;
    const e = row?.e as { ok: boolean; evidence: unknown } | undefined;
    return e ? { ok: e.ok, evidence: e.evidence } : { ok: false, evidence: 'preflight has not passed' };
  };

export const PRE_MIGRATION_ITEMS: ChecklistEntry[] = [
  ['pre', 'backup taken (pg_dump -Fc) and verified with pg_restore --list', preflightCheck('backup')],
  ['pre', 'no long-running transactions', preflightCheck('longTransactions')],
  ['pre', 'replication lag within threshold (or no replica)', preflightCheck('replication')],
  ['pre', 'free disk for backup and backfill', preflightCheck('disk')],
  ['pre', 'timeouts in force for API roles', preflightCheck('timeouts')],
  ['pre', 'no new WAL file to zero-fill during the backfill (advice: wal_init_zero or WAL kept for reuse)', preflightCheck('walFiles')],
  [
    'pre',
    'baseline schema snapshot recorded (for rollback)',
    async (sql) => {
      const [r] = await sql`select taken_at::text, cardinality(migration_versions) as versions from hpc_migration.baseline_snapshot`;
      return { ok: Boolean(r), evidence: r ?? 'none' };
    },
  ],
];
