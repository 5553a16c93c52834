// Takes one planned table into Citus. One statement per table, outside any transaction
// block (create_distributed_table_concurrently refuses to run inside one), on one reserved
// connection that carries the session settings.
import type postgres from 'postgres';
import { DISTRIBUTION_COLUMN, scaledSchemas } from './catalog.ts';
import type { Step } from './plan.ts';
import { restoreGrantStatements, tableGrants } from './privileges.ts';

/** The tables carry triggers; Citus refuses those unless told that they are meant to run on
 * the shards (the trigger functions keep the Citus-safety rules of docs/scale-out.md).
 * A new reference table would otherwise turn every local table that references it, and all
 * tables connected to those by foreign keys, into Citus local tables first (a cascade that
 * reaches auth.users and took 12.7 s on the lab): here each of them is distributed next, in
 * order, and takes its foreign keys along. */
export async function prepareSession(sql: postgres.ReservedSql): Promise<void> {
  await sql`set citus.enable_unsafe_triggers = on`;
  await sql`set citus.enable_local_reference_table_foreign_keys = off`;
}

/** A forced generic plan leaves Citus no parameter values to route a function's statements to
 * their shard ("could not create distributed plan"). On one node it is a measured choice
 * (benchmarks/reports/FINDINGS.md: planning the card query costs more than running it); on
 * Citus each call plans with its values. Answers the functions, changed unless `dryRun`. */
export async function planWithValues(sql: postgres.Sql | postgres.ReservedSql, dryRun: boolean): Promise<string[]> {
  const forced = await sql<{ fn: string }[]>`
    select p.oid::regprocedure::text as fn
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = any(${scaledSchemas}) and 'plan_cache_mode=force_generic_plan' = any(p.proconfig)
    order by 1`;
  if (!dryRun) for (const f of forced) await sql.unsafe(`alter function ${f.fn} set plan_cache_mode = force_custom_plan`);
  return forced.map((f) => f.fn);
}

function distribute(sql: postgres.ReservedSql, step: Step, shardCount: number | null) {
  const colocateWith = step.colocateWith ?? 'default';
  const shards = colocateWith === 'none' ? shardCount : null;
  if (step.method === 'create_reference_table') return sql`select create_reference_table(${step.table}::regclass)`;
  if (step.method === 'create_distributed_table_concurrently') {
    return sql`select create_distributed_table_concurrently(${step.table}::regclass, ${DISTRIBUTION_COLUMN}, 'hash', ${colocateWith}, ${shards}::int)`;
  }
  return sql`select create_distributed_table(${step.table}::regclass, ${DISTRIBUTION_COLUMN}, 'hash', ${colocateWith}, ${shards}::int)`;
}

/** Citus copies the existing rows into the shards with the table's triggers in place, so an
 * audit trigger would log every row again and a guard trigger (closed cycle) would refuse
 * rows it accepted long ago. The blocking variants switch the user triggers off for the copy
 * in the same transaction, which holds the table's writes back throughout: no write goes
 * unaudited. The concurrent variant copies with logical replication, which fires no triggers,
 * and may not run in a transaction block. */
export async function takeTable(sql: postgres.ReservedSql, step: Step, shardCount: number | null): Promise<void> {
  // Citus refuses a subquery in a policy: the context readers are read per row instead.
  for (const statement of step.policyUnwraps) await sql.unsafe(statement);
  // step.table is quoted by the catalog query (format('%I.%I')).
  const dropKeys = step.droppedKeys.map((key) => `alter table ${step.table} drop constraint "${key.replaceAll('"', '""')}"`);
  if (step.method === 'create_distributed_table_concurrently') {
    const before = await tableGrants(sql, step.table);
    for (const statement of dropKeys) await sql.unsafe(statement);
    await distribute(sql, step, shardCount);
    for (const statement of restoreGrantStatements(step.table, before, await tableGrants(sql, step.table))) await sql.unsafe(statement);
    return;
  }
  if (step.triggers === 0 && dropKeys.length === 0) {
    await distribute(sql, step, shardCount);
    return;
  }
  // The keys go in the transaction that distributes the table: a failed step keeps them.
  await sql`begin`;
  try {
    for (const statement of dropKeys) await sql.unsafe(statement);
    await sql.unsafe(`alter table ${step.table} disable trigger user`);
    await distribute(sql, step, shardCount);
    await sql.unsafe(`alter table ${step.table} enable trigger user`);
    await sql`commit`;
  } catch (error) {
    await sql`rollback`;
    throw error;
  }
}
