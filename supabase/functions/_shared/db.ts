// The database as the functions use it. Supabase hands functions SUPABASE_DB_URL; through
// the pooler in transaction mode prepared statements cannot be used, hence prepare: false.
//
// asCaller runs work exactly as PostgREST runs a request: one transaction, `set local role
// authenticated`, the caller's claims in request.jwt.claims. Row level security and every
// check in the database functions then apply to the function as they apply to the
// frontend's direct supabase-js calls.
import postgres from 'postgres';
import type { Caller } from './caller.ts';
import { translateDatabaseError } from './db-errors.ts';

let client: postgres.Sql | undefined;

export function db(): postgres.Sql {
  if (!client) {
    const url = Deno.env.get('SUPABASE_DB_URL');
    if (!url) throw new Error('SUPABASE_DB_URL is not set');
    client = postgres(url, { prepare: false, max: 10, idle_timeout: 30, connect_timeout: 5, onnotice: () => {} });
  }
  return client;
}

export type Tx = postgres.ReservedSql;

// asCaller pipelines: `begin`, the claims and the work's first query leave in one write on a
// reserved connection (postgres.js sends queries without waiting for earlier answers; the
// database still runs them in order, in one transaction), then `commit`. Two round trips
// for a one-query request instead of four — it matters under Deno, where a round trip costs
// about a millisecond. A failed setup or work rolls the transaction back.
export async function asCaller<T>(caller: Caller, work: (tx: Tx) => Promise<T>): Promise<T> {
  let conn: postgres.ReservedSql | undefined;
  try {
    conn = await db().reserve();
    const setup = Promise.all([
      conn`begin`.execute(),
      conn`select set_config('role', 'authenticated', true),
                  set_config('request.jwt.claims', ${JSON.stringify(caller.claims)}, true)`.execute(),
    ]);
    setup.catch(() => {}); // awaited below; its error explains any later one
    let result: T;
    try {
      result = await work(conn);
    } catch (error) {
      await setup;
      throw error;
    }
    await setup;
    await conn`commit`;
    return result;
  } catch (error) {
    if (conn) await conn`rollback`.catch(() => {});
    throw translateDatabaseError(error);
  } finally {
    conn?.release();
  }
}

/**
 * One round trip: `begin`, the caller's claims, a fixed list of statements and `commit`,
 * all pipelined on a reserved connection — for work whose statements do not depend on each
 * other's results (an RPC call, a read with its checks). Statements still run in order, in
 * one transaction, under RLS as the caller. If one fails, the transaction is aborted and the
 * pipelined COMMIT rolls it back; the first failure is the error thrown.
 */
export async function pipelineAsCaller(
  caller: Caller,
  statements: (tx: Tx) => postgres.PendingQuery<postgres.Row[]>[],
): Promise<postgres.RowList<postgres.Row[]>[]> {
  let conn: postgres.ReservedSql | undefined;
  try {
    conn = await db().reserve();
    const sent = [
      conn`begin`.execute(),
      conn`select set_config('role', 'authenticated', true),
                  set_config('request.jwt.claims', ${JSON.stringify(caller.claims)}, true)`.execute(),
      ...statements(conn).map((q) => q.execute()),
      conn`commit`.execute(),
    ];
    const settled = await Promise.allSettled(sent);
    const failure = settled.find((s) => s.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
    return settled.slice(2, -1).map((s) => (s as PromiseFulfilledResult<postgres.RowList<postgres.Row[]>>).value);
  } catch (error) {
    if (conn) await conn`rollback`.catch(() => {});
    throw translateDatabaseError(error);
  } finally {
    conn?.release();
  }
}
