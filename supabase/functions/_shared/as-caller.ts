// Every query of a function runs as its caller, exactly as PostgREST runs a request: one
// transaction, the role authenticated and the caller's claims in request.jwt.claims, both
// set with set_config as PostgREST sets them, then PostgREST's pre-request function (the
// request context the policies read). Row level security and every check in the database
// functions then apply to the function as they apply to the frontend's own supabase-js
// calls; no route uses service_role.
import type { Caller } from './auth.ts';
import { type Row, type Statement, transaction } from './db.ts';
import { translateDatabaseError } from './db-errors.ts';

/** Runs the statements in order in one transaction as the caller, in one round trip, and
 * returns the rows of each. The first failure rolls the transaction back and is the error
 * thrown. */
export async function queryAsCaller(caller: Caller, statements: Statement[]): Promise<Row[][]> {
  try {
    return await transaction(
      (escape) => [
        "select set_config('role', 'authenticated', true)",
        `select set_config('request.jwt.claims', ${escape(caller.claimsJson)}, true)`,
        'select private.set_request_context()',
      ],
      statements,
    );
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

/** The one row of a statement that returns exactly one (an rpc call). */
export async function oneRowAsCaller(caller: Caller, statement: Statement): Promise<Row> {
  const [rows] = await queryAsCaller(caller, [statement]);
  return rows![0]!;
}
