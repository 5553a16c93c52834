// The functions a shard may call but Citus never copied to the workers. Citus copies a
// function to the workers when it is created, unless its signature names the row type of a
// table that is local then: every migration ran before scale-out, so such a function
// (PostgREST's computed relationship previous_version, for one) stays on the coordinator,
// and a shard that calls it fails ("function previous_version(hpc_reports_104099) does not
// exist"). Distributing its table does not copy it either. Here each is copied once its
// tables are in Citus, and its EXECUTE grants are given again so that the workers' copies
// hold exactly the coordinator's: a copy gets the defaults a new function gets there (PUBLIC,
// and the roles of the owner's default privileges: on the lab anon could execute the
// workers' previous_version, which the coordinator revokes), and only a grant or revoke made
// after the copy reaches the workers.
import type postgres from 'postgres';
import { scaledSchemas } from './catalog.ts';

export interface CoordinatorOnlyFunction {
  /** regprocedure text, e.g. public.previous_version(record) */
  fn: string;
  /** Roles that may execute it, 'PUBLIC' for everyone. */
  executors: string[];
  /** Roles a new copy lets execute it: the owner's default privileges for functions. */
  defaultExecutors: string[];
}

/** Functions of the scaled schemas that name a Citus table's row type and are not Citus
 * objects yet (pg_dist_object), with who may execute them. */
export async function coordinatorOnlyFunctions(
  sql: postgres.Sql | postgres.TransactionSql | postgres.ReservedSql,
): Promise<CoordinatorOnlyFunction[]> {
  return sql<CoordinatorOnlyFunction[]>`
    select p.oid::regprocedure::text as fn,
           coalesce((select array_agg(g.name order by g.name)
                     from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) as a
                     cross join lateral (select case when a.grantee = 0 then 'PUBLIC' else a.grantee::regrole::text end) as g (name)
                     where a.privilege_type = 'EXECUTE'), '{}') as executors,
           coalesce((select array_agg(distinct g.name order by g.name)
                     from pg_default_acl as d, aclexplode(d.defaclacl) as a
                     cross join lateral (select case when a.grantee = 0 then 'PUBLIC' else a.grantee::regrole::text end) as g (name)
                     where d.defaclobjtype = 'f' and d.defaclrole = p.proowner
                       and d.defaclnamespace in (0, p.pronamespace)), '{}') as "defaultExecutors"
    from pg_proc as p
    join pg_namespace as n on n.oid = p.pronamespace
    where n.nspname = any(${scaledSchemas}) and p.prokind = 'f'
      and exists (select 1 from pg_depend as d
                  join pg_type as t on t.oid = d.refobjid
                  join pg_dist_partition as dp on dp.logicalrelid = t.typrelid
                  where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.refclassid = 'pg_type'::regclass)
      and not exists (select 1 from pg_dist_object as o where o.classid = 'pg_proc'::regclass and o.objid = p.oid)
    order by 1`;
}

/** The statements that give the workers' copy of a function the coordinator's grants. */
export function grantStatements(f: CoordinatorOnlyFunction): string[] {
  const role = (r: string) => (r === 'PUBLIC' ? 'public' : r);
  const revoked = ['PUBLIC', ...f.defaultExecutors.filter((r) => r !== 'PUBLIC')];
  return [
    `revoke all on function ${f.fn} from ${revoked.map(role).join(', ')}`,
    ...f.executors.map((r) => `grant execute on function ${f.fn} to ${role(r)}`),
  ];
}

/** Copies them to the workers (run after the tables are in Citus); answers what was copied. */
export async function propagateFunctions(sql: postgres.ReservedSql): Promise<string[]> {
  const functions = await coordinatorOnlyFunctions(sql);
  for (const f of functions) {
    await sql`select create_distributed_function(${f.fn}::regprocedure)`;
    for (const statement of grantStatements(f)) await sql.unsafe(statement);
  }
  return functions.map((f) => f.fn);
}
