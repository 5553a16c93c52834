// Evaluations of archived cycles leave the hot, partitioned table for
// public.hpc_evaluations_archive (same columns and checks, RLS on, no API grants: read
// through reports, never directly), in batches, each one short transaction that deletes
// from the hot table and inserts the same rows into the archive. The audit trail records
// the deletes as it records every write to an HPC table.
import type { Sql } from '../../migrator/db.ts';
import { PARENT } from './layout.ts';

export const ARCHIVE = 'public.hpc_evaluations_archive';

export async function ensureArchiveTable(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`set local lock_timeout = '1s'`;
    await tx.unsafe(`create table if not exists ${ARCHIVE} (like ${PARENT} including all)`);
    await tx.unsafe(`alter table ${ARCHIVE} enable row level security`);
    await tx.unsafe(`revoke all on ${ARCHIVE} from anon, authenticated`);
    await tx.unsafe(
      `comment on table ${ARCHIVE} is 'Evaluations of archived cycles, moved out of hpc_evaluations by npm run migrate -- partitions archive.'`,
    );
  });
}

export async function archiveEvaluations(
  sql: Sql,
  options: { batch?: number } = {},
): Promise<{ moved: number; batches: number; seconds: number }> {
  await ensureArchiveTable(sql);
  const started = Date.now();
  let moved = 0;
  let batches = 0;
  for (;;) {
    const n: number = await sql.begin(async (tx) => {
      await tx`set local lock_timeout = '300ms'`;
      await tx`set local statement_timeout = '30s'`;
      const r = await tx.unsafe(
        `with victims as (
           select e.institution_id, e.id from ${PARENT} as e
           join public.hpc_evaluation_cycles as c on c.institution_id = e.institution_id and c.id = e.cycle_id
           where c.status = 'archived'
           limit $1
         ), gone as (
           delete from ${PARENT} as e using victims as v
           where e.institution_id = v.institution_id and e.id = v.id
           returning e.*
         )
         insert into ${ARCHIVE} select * from gone`,
        [options.batch ?? 1_000],
      );
      return r.count;
    });
    if (n === 0) break;
    moved += n;
    batches += 1;
  }
  return { moved, batches, seconds: (Date.now() - started) / 1000 };
}
