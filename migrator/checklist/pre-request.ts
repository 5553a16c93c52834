// PostgREST's pre-request function, as the database configures it (`pgrst.db_pre_request`
// on the authenticator role, in-database configuration): PostgREST calls it in every request's
// transaction after setting the role and the claims. The checklist impersonates callers the
// same way, so it calls the same function, and none on a database that configures none (BIG
// DAY before the migration).
import type postgres from 'postgres';

type Runner = postgres.Sql | postgres.TransactionSql | postgres.ReservedSql;

/** The configured pre-request function's name, or null. */
export async function configuredPreRequest(sql: Runner): Promise<string | null> {
  const [row] = await sql<{ fn: string | null }[]>`
    select max(split_part(c, '=', 2)) as fn
    from pg_catalog.pg_db_role_setting as s
    cross join lateral unnest(s.setconfig) as c
    where s.setrole = (select r.oid from pg_catalog.pg_roles as r where r.rolname = 'authenticator')
      and s.setdatabase in (0, (select oid from pg_catalog.pg_database where datname = current_database()))
      and c like 'pgrst.db_pre_request=%'`;
  const fn = row?.fn ?? null;
  return fn && /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/.test(fn) ? fn : null;
}

/** Runs the pre-request function, if there is one, in the caller's transaction. */
export async function runPreRequest(tx: Runner, fn: string | null): Promise<void> {
  if (fn) await tx.unsafe(`select ${fn}()`);
}
