// The limit: the same backfill as single UPDATE statements (one per table, in the order the
// composite keys need, in replica mode as the batches run) in one transaction, rolled back.
// Nothing else runs meanwhile; no batching, no ledger, no pauses.
import type { Sql } from '../../migrator/db.ts';
import { presentBackfillTables } from '../../migrator/backfill/tables.ts';
import { withoutApplicationTriggers } from '../../migrator/backfill/batch.ts';

export async function rawUpdateRate(
  sql: Sql,
): Promise<{ rows: number; seconds: number; rowsPerSecond: number; perTable: Record<string, number> }> {
  const perTable: Record<string, number> = {};
  let rows = 0;
  const tables = await presentBackfillTables(sql);
  const started = performance.now();
  await sql
    .begin(async (tx) => {
      await tx`set local statement_timeout = 0`;
      await tx.unsafe(withoutApplicationTriggers); // as the backfill's own batches run
      for (const t of [...tables].sort((a, b) => a.stage - b.stage)) {
        const r = await tx.unsafe(`update public.${t.name} as u set institution_id = w.target
        from (select s.id, ${t.target} as target from public.${t.name} as s) as w
        where u.id = w.id and u.institution_id is null and w.target is not null`);
        perTable[t.name] = r.count;
        rows += r.count;
      }
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  const seconds = (performance.now() - started) / 1000;
  return { rows, seconds, rowsPerSecond: Math.round(rows / seconds), perTable };
}

class Rollback extends Error {}
