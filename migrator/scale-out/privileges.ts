// A table's privileges kept across create_distributed_table_concurrently. That variant first
// makes the table a Citus local table, which puts a new table in the old one's place, and the
// new one gets what a new table gets: the owner's default privileges. In public on Supabase
// those grant anon, authenticated and service_role everything; on the lab authenticated could
// then insert into and update a table the coordinator had granted it only SELECT on. So the
// grants are read before and given again, exactly, after.
import type postgres from 'postgres';

export interface TableGrant {
  /** A role name as SQL quotes it, or 'public'. */
  grantee: string;
  privilege: string;
  grantable: boolean;
}

/** The table's grants to anyone but its owner. */
export async function tableGrants(sql: postgres.Sql | postgres.ReservedSql, table: string): Promise<TableGrant[]> {
  return sql<TableGrant[]>`
    select case when a.grantee = 0 then 'public' else quote_ident(r.rolname) end as grantee,
           a.privilege_type as privilege, a.is_grantable as grantable
    from pg_class as c, aclexplode(c.relacl) as a
    left join pg_roles as r on r.oid = a.grantee
    where c.oid = ${table}::regclass and a.grantee <> c.relowner
    order by 1, 2`;
}

/** The statements that turn `now` back into `before`: every grantee of either revoked, then
 * `before` granted again. Nothing when they are equal. */
export function restoreGrantStatements(table: string, before: TableGrant[], now: TableGrant[]): string[] {
  const key = (g: TableGrant) => `${g.grantee} ${g.privilege} ${g.grantable}`;
  const same = before.length === now.length && before.every((g, i) => key(g) === key(now[i]!));
  if (same) return [];
  const grantees = [...new Set([...before, ...now].map((g) => g.grantee))];
  return [
    ...grantees.map((g) => `revoke all on table ${table} from ${g}`),
    ...before.map((g) => `grant ${g.privilege.toLowerCase()} on table ${table} to ${g.grantee}${g.grantable ? ' with grant option' : ''}`),
  ];
}
