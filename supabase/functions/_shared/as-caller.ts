// Every query of a function runs as its caller, exactly as PostgREST runs a request: one
// transaction, the role authenticated and the caller's claims in request.jwt.claims, both
// set with set_config as PostgREST sets them, then PostgREST's pre-request function (the
// request context the policies read). Row level security and every check in the database functions then
// apply to the function as they apply to the frontend's own supabase-js calls; no route
// uses service_role.
// @ts-types="@types/pg"
import type pg from 'pg';
import type { Caller } from './auth.ts';
import { db, type Row, type Statement } from './db.ts';
import { translateDatabaseError } from './db-errors.ts';

/** Runs the statements in order in one transaction as the caller and returns the rows of
 * each. The first failure rolls the transaction back and is the error thrown. */
export async function queryAsCaller(caller: Caller, statements: Statement[]): Promise<Row[][]> {
  let client: pg.PoolClient | undefined;
  let broken = false;
  try {
    client = await db().connect();
    await client.query(openingAs(client, caller));
    const results: Row[][] = [];
    for (const statement of statements) results.push((await client.query(statement.text, statement.values)).rows);
    await client.query('commit');
    return results;
  } catch (error) {
    // a connection that cannot even roll back is closed, not returned to the pool
    if (client) broken = await client.query('rollback').then(() => false, () => true);
    throw translateDatabaseError(error);
  } finally {
    client?.release(broken);
  }
}

/** PostgREST's opening of a request, in one round trip: a simple-protocol query of four
 * statements. The claims are the one value spliced into a text, because a simple query takes
 * no parameters; they come from a verified token and go through the driver's literal escaping.
 * The role is set with set_config, not SET LOCAL: Citus passes a SET LOCAL on to the workers
 * as the whole query text it came in, so they would run the request context again, and fan
 * out again from there. */
function openingAs(client: pg.PoolClient, caller: Caller): string {
  return [
    'begin',
    "select set_config('role', 'authenticated', true)",
    `select set_config('request.jwt.claims', ${client.escapeLiteral(caller.claimsJson)}, true)`,
    'select private.set_request_context()',
  ].join('; ');
}

/** The one row of a statement that returns exactly one (an rpc call). */
export async function oneRowAsCaller(caller: Caller, statement: Statement): Promise<Row> {
  const [rows] = await queryAsCaller(caller, [statement]);
  return rows![0]!;
}
