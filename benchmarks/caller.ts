// Acting as a caller in a benchmark's raw SQL, the way PostgREST and the functions'
// queryAsCaller do for a request: one transaction whose role and request.jwt.claims are set
// locally and whose request context is computed from them (PostgREST's pre-request function),
// so that row level security sees the same caller as through the API.
import type postgres from 'postgres';

export type CallerRole = 'authenticated' | 'service_role';

/** Makes the rest of the transaction run as the role with the claims (JSON text). */
export async function actAs(tx: postgres.TransactionSql, role: CallerRole, claims: string): Promise<void> {
  await tx.unsafe(`select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)`, [claims, role]);
  await tx`select private.set_request_context()`;
}

/** Runs fn in a transaction of its own as the role with the claims. */
export function asCaller<T>(
  sql: postgres.Sql,
  role: CallerRole,
  claims: string,
  fn: (tx: postgres.TransactionSql) => Promise<T>,
): Promise<T> {
  return sql.begin(async (tx) => {
    await actAs(tx, role, claims);
    return fn(tx);
  }) as Promise<T>;
}
