// Rows the block ranges missed are caught by a last sweep over the rows still null: the old
// application keeps inserting without institution_id until it is upgraded (beyond the
// planned end of the heap), and its UPDATE of a row not yet filled may write the new version
// into free space behind a range's cursor. Keyset-paged on (institution_id, id), each page
// its own short transaction.
import type { Sql } from '../db.ts';
import type { BackfillOptions } from './options.ts';
import type { BackfillTable } from './tables.ts';
import { withoutApplicationTriggers } from './batch.ts';

export async function sweepLateRows(sql: Sql, tables: BackfillTable[], o: BackfillOptions): Promise<number> {
  let total = 0;
  for (const t of tables) {
    let after: string | null = null;
    for (;;) {
      const result: { last_id: string | null; scanned: number; updated: number } = await sql.begin(async (tx) => {
        await tx.unsafe(`set local lock_timeout = '${o.lockTimeoutMs}ms'`);
        await tx.unsafe(`set local statement_timeout = '${o.statementTimeoutMs}ms'`);
        await tx.unsafe(withoutApplicationTriggers);
        const [row] = await tx.unsafe(
          `with batch as (
             select t.id from public.${t.name} as t
             where t.institution_id is null and ($1::uuid is null or t.id > $1::uuid)
             order by t.id limit 1000
           ), changed as (
             update public.${t.name} as u set institution_id = w.target
             from (select s.id, ${t.target} as target from public.${t.name} as s join batch as b on b.id = s.id) as w
             where u.id = w.id and w.target is not null
             returning 1
           )
           select (select b.id from batch as b order by b.id desc limit 1)::text as last_id,
                  (select count(*) from batch)::int as scanned, (select count(*) from changed)::int as updated`,
          [after],
        );
        return row as never;
      });
      total += result.updated;
      if (result.scanned < 1000) break;
      after = result.last_id;
    }
  }
  return total;
}
