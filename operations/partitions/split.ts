// Splits one hash partition of hpc_evaluations in two, online: (10, r) → (20, r) + (20, r+10).
// PostgreSQL 15 has no SPLIT PARTITION, so:
//   1. two empty tables shaped like the parent (columns, defaults, checks, indexes, the
//      parent's foreign keys — valid at once, being empty), each with
//      CHECK (satisfies_hash_partition(parent, 20, r, institution_id)): ATTACH will find
//      its partition constraint implied and skip the scan;
//   2. a trigger on the old partition mirrors every write into the right new table from now on;
//   3. the rows are copied in keyset batches, each under a brief SHARE lock on the old
//      partition (writers wait for one batch, never readers), so no write can slip between
//      the copy and the mirror;
//   4. the swap, one short transaction with lock_timeout and retries: detach the old
//      partition, attach the two new ones. Readers and writers wait milliseconds at most.
//   5. the old partition is dropped (or kept with --keep-old for a while).
// Only one bucket moves at a time; every other bucket keeps serving.
import postgres from 'postgres';
import type { Sql } from '../../migrator/db.ts';
import { sleep } from '../../migrator/db.ts';
import { PARENT, hashPartitions } from './layout.ts';

export interface SplitResult {
  from: string;
  into: string[];
  rowsBefore: number;
  rowsAfter: number[];
  copySeconds: number;
  swapMs: number;
  swapRetries: number;
  attachSkippedScan: boolean;
  notices: string[];
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function splitPartition(
  sql: Sql,
  url: string,
  remainder: number,
  options: { batch?: number; keepOld?: boolean } = {},
): Promise<SplitResult> {
  const parts = await hashPartitions(sql);
  const old = parts.find((p) => p.modulus === 10 && p.remainder === remainder);
  if (!old)
    throw new Error(
      `no partition (modulus 10, remainder ${remainder}) of ${PARENT}; layout: ${parts.map((p) => `${p.name}(${p.modulus},${p.remainder})`).join(' ')}`,
    );
  // Partitions live in the schema `partitions`, out of the API (20250101000800_audit_events.sql).
  const targets = [remainder, remainder + 10].map((r) => ({ r, name: `partitions.hpc_evaluations_m20_r${r}` }));
  const [before] = await sql.unsafe(`select count(*)::int as n from ${old.name}`);

  // 1. The new tables, shaped like the parent.
  const fks = await sql`select conname, pg_get_constraintdef(oid) as def from pg_constraint
                        where conrelid = ${PARENT}::regclass and contype = 'f' and conparentid = 0`;
  await sql.begin(async (tx) => {
    await tx`set local lock_timeout = '1s'`;
    for (const t of targets) {
      await tx.unsafe(`create table ${t.name} (like ${PARENT} including all)`);
      await tx.unsafe(`alter table ${t.name} add constraint ${t.name.split('.')[1]}_bucket
        check (satisfies_hash_partition('${PARENT}'::regclass, 20, ${t.r}, institution_id))`);
      for (const fk of fks) await tx.unsafe(`alter table ${t.name} add constraint ${quoteIdent(fk.conname as string)} ${fk.def}`);
      // Partitions do not inherit RLS: closed like every other partition.
      await tx.unsafe(`alter table ${t.name} enable row level security`);
      await tx.unsafe(`revoke all on ${t.name} from anon, authenticated`);
    }
    // 2. Mirror writes on the old partition into the new tables.
    await tx.unsafe(`create or replace function private.hpc_split_mirror_r${remainder}() returns trigger
      language plpgsql set search_path = '' as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          delete from ${targets[0]!.name} where institution_id = old.institution_id and id = old.id;
          delete from ${targets[1]!.name} where institution_id = old.institution_id and id = old.id;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          if satisfies_hash_partition('${PARENT}'::regclass, 20, ${remainder}, new.institution_id) then
            insert into ${targets[0]!.name} select new.*;
          else
            insert into ${targets[1]!.name} select new.*;
          end if;
        end if;
        return null;
      end $$`);
    await tx.unsafe(`create trigger hpc_split_mirror after insert or update or delete on ${old.name}
      for each row execute function private.hpc_split_mirror_r${remainder}()`);
  });

  // 3. Copy in keyset batches, each holding off writers to the old partition briefly.
  const copyStarted = Date.now();
  let after: { i: string; id: string } | null = null;
  const batch = options.batch ?? 2_000;
  for (;;) {
    const last: { i: string; id: string } | null = await sql.begin(async (tx) => {
      await tx`set local lock_timeout = '2s'`;
      await tx.unsafe(`lock table ${old.name} in share mode`);
      const rows = await tx.unsafe(
        `with b as (
           select * from ${old.name}
           where $1::uuid is null or (institution_id, id) > ($1::uuid, $2::uuid)
           order by institution_id, id limit $3
         ), a as (
           insert into ${targets[0]!.name} select * from b where satisfies_hash_partition('${PARENT}'::regclass, 20, ${remainder}, institution_id)
           on conflict do nothing
         ), c as (
           insert into ${targets[1]!.name} select * from b where not satisfies_hash_partition('${PARENT}'::regclass, 20, ${remainder}, institution_id)
           on conflict do nothing
         )
         select institution_id::text as i, id::text as id from b order by institution_id desc, id desc limit 1`,
        [after?.i ?? null, after?.id ?? null, batch],
      );
      return rows[0] ? { i: rows[0].i as string, id: rows[0].id as string } : null;
    });
    if (!last) break;
    after = last;
  }
  const copySeconds = (Date.now() - copyStarted) / 1000;

  // 4. The swap, on its own connection that keeps the server's DEBUG1 notices: ATTACH says
  // "partition constraint for table ... is implied by existing constraints" when it skips
  // the scan, which is the evidence asked for.
  const notices: string[] = [];
  const swapSql = postgres(url, { max: 1, onnotice: (n) => notices.push(String(n.message)) });
  let swapRetries = 0;
  let swapMs = 0;
  try {
    for (;;) {
      const began = performance.now();
      try {
        await swapSql.begin(async (tx) => {
          await tx`set local lock_timeout = '300ms'`;
          await tx`set local client_min_messages = debug1`;
          await tx.unsafe(`alter table ${PARENT} detach partition ${old.name}`);
          await tx.unsafe(`drop trigger hpc_split_mirror on ${old.name}`);
          for (const t of targets) {
            await tx.unsafe(`alter table ${PARENT} attach partition ${t.name} for values with (modulus 20, remainder ${t.r})`);
            await tx.unsafe(`alter table ${t.name} drop constraint ${t.name.split('.')[1]}_bucket`);
          }
        });
        swapMs = Math.round(performance.now() - began);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '55P03' || swapRetries >= 50) throw error;
        swapRetries += 1;
        await sleep(Math.min(100 * swapRetries, 2_000));
      }
    }
  } finally {
    await swapSql.end();
  }
  await sql.unsafe(`drop function private.hpc_split_mirror_r${remainder}()`);
  if (!options.keepOld) await sql.unsafe(`drop table ${old.name}`);
  const after0 = await sql.unsafe(`select count(*)::int as n from ${targets[0]!.name}`);
  const after1 = await sql.unsafe(`select count(*)::int as n from ${targets[1]!.name}`);
  return {
    from: old.name,
    into: targets.map((t) => t.name),
    rowsBefore: before!.n as number,
    rowsAfter: [after0[0]!.n as number, after1[0]!.n as number],
    copySeconds,
    swapMs,
    swapRetries,
    attachSkippedScan: targets.every((t) =>
      notices.some((n) => n.includes('is implied by existing constraints') && n.includes(t.name.split('.')[1]!)),
    ),
    notices: notices.filter((n) => /implied|partition/.test(n)),
  };
}
