// What the scale-out step reads from the database: the project's tables with the facts that
// decide whether and how Citus can take them (keys, foreign keys, policies, partitioning),
// and what Citus already holds. Read through the caller's connection, so that a test can add
// a table in a transaction and see the plan take it before rolling it back.
import type postgres from 'postgres';
import { citusPolicyExpression } from './policy-form.ts';

/** The schemas the project writes; Supabase's own (auth, storage, …) stay on the coordinator. */
export const scaledSchemas = ['public', 'private', 'analytics'];

/** The column every tenant table is distributed by. */
export const DISTRIBUTION_COLUMN = 'institution_id';

/** Tables with institution_id that are reference tables all the same, each with the reason.
 * An explicit list, not a rule: "institution_id is nullable" or "the key has no
 * institution_id" would also take tables whose school-less rows are a fault to clean up
 * before distribution (user_permissions, timetable_conflicts: docs/scale-out.md "Keys"), and
 * a new table would change sides unseen. Each of these holds rows without a school by
 * decision, keeps its key by id (a key on a nullable column cannot be primary), and is small
 * enough to copy to every node. */
export const referenceByDecision: Record<string, string> = {
  'private.institution_email_domains':
    'reference by decision: an e-mail domain belongs to one school platform-wide (the key is the domain alone) and is looked up before the school is known; a few rows per school, a copy on every node',
  'public.user_groups':
    "reference by decision: BIG DAY's default groups have no school and every school's profiles point at them (user_profiles.group_id, a group's parent_group_id); a few rows per school, a copy on every node",
  'public.system_settings':
    "reference by decision: platform-wide settings (no school) beside each school's own, read by every school; keyed by id, a few rows per school, a copy on every node",
  'public.system_reports':
    "reference by decision: BIG DAY's reports over every school (no school), written by its service-role function; keyed by id, few rows, a copy on every node",
};

/** Tables that stay local on the coordinator, each with the reason: the coordinator's own
 * bookkeeping, read and written there only. A reference table's trigger runs on every node's
 * copy, and the schedules' trigger (re)schedules the coordinator's pg_cron jobs. Left out of
 * the plan's tables, so a key to one of them is refused as a key to any local table. */
export const localByDecision: Record<string, string> = {
  'analytics.refresh_schedules':
    "local by decision: the schedules of the coordinator's refresh jobs; its trigger calls cron.schedule, which must run on the coordinator alone",
  'analytics.refresh_log': 'local by decision: written by the refresh jobs, which run on the coordinator; read there only',
  'public.audit_logs':
    "local by decision: BIG DAY's log of account actions, with no school and keyed to auth.users, which stays on the coordinator; written and read there through the API, so it keeps its keys",
};

/** GoTrue's accounts: a local table on the coordinator (GoTrue writes it, and Supabase's own
 * tables reference it). Citus keeps no key from a Citus table to a local one, so a key from a
 * table the plan takes to an account is dropped at distribution; the column stays, filled by
 * the API from auth.uid(). */
export const ACCOUNTS_TABLE = 'auth.users';

export interface Table {
  /** schema.name, as PostgreSQL quotes it where needed. */
  name: string;
  /** Has institution_id and is not a reference table by decision: distributed by it. */
  tenant: boolean;
  /** The type of institution_id, which every colocated table must share. */
  distributionType: string | null;
  partitioned: boolean;
  /** A partition that is itself partitioned, which Citus does not distribute. */
  subPartitioned: boolean;
  /** Has a primary key or replica identity: the concurrent variant keeps UPDATE/DELETE going. */
  replicaIdentity: boolean;
  /** Functions that name its row type and views that read it: the concurrent variant would
   * lose them (execute.ts says why). */
  dependents: string[];
  triggers: number;
  /** Triggers whose function writes a table (insert / update / delete in its source), but
   * those that leave a worker's copy's writes to the coordinator's copy (they call
   * private.fires_on_a_worker_copy), which a reference table may keep. */
  writingTriggers: string[];
  /** The tables those triggers insert into: copying rows into the shards fires them, so the
   * targets must be in Citus first. */
  triggerTargets: string[];
  /** Primary keys, unique constraints and indexes, exclusion constraints without institution_id. */
  keysWithoutTenant: string[];
  /** Policies whose stored expression holds a subquery other than a context wrapper. */
  policiesWithSubquery: string[];
  /** `alter policy` statements that give each policy its Citus form (policy-form.ts): without
   * the `(select private.fn())` wrappers around the request context's readers (one node reads
   * each once per statement that way, Citus refuses a subquery in a policy, and the readers
   * answer the same per row), and without a qual the planner could take for a constant. */
  policyUnwraps: string[];
}

export interface ForeignKey {
  name: string;
  from: string;
  to: string;
  /** institution_id is in both column lists, at the same position. */
  matchesOnTenant: boolean;
  /** SET NULL / SET DEFAULT on delete, or a cascading update, over a key holding institution_id. */
  unsupportedAction: boolean;
}

export interface CitusTable {
  name: string;
  kind: 'distributed' | 'reference' | 'local';
  distributionColumn: string | null;
  colocationId: number;
}

export interface ScaleOutCatalog {
  tables: Table[];
  foreignKeys: ForeignKey[];
  /** Empty without the citus extension. */
  citusTables: CitusTable[];
  /** The tables of localByDecision that exist, left out of `tables`. */
  localTables: string[];
}

export async function citusVersion(sql: postgres.Sql | postgres.TransactionSql): Promise<string | null> {
  const [row] = await sql<{ version: string | null }[]>`select extversion as version from pg_extension where extname = 'citus'`;
  return row?.version ?? null;
}

// The request context's readers: private, language sql, no arguments, invoker, no settings
// (docs/architecture.md §4.2), and what a policy reads of them once per statement.
const CONTEXT_READERS = `(select string_agg(f.proname, '|') from pg_proc f
  where f.pronamespace = 'private'::regnamespace and f.prolang = (select oid from pg_language where lanname = 'sql')
    and f.pronargs = 0 and not f.prosecdef and f.proconfig is null)`;
const unwrapped = (expr: string) =>
  `regexp_replace(pg_get_expr(${expr}, p.polrelid), '\\(\\s*SELECT (private\\.(?:' || ${CONTEXT_READERS} || ')\\(\\)) AS \\w+\\)', '\\1', 'g')`;

/** A policy with its expressions as they read once the wrappers are gone. */
interface PolicyForm {
  policy: string;
  qual: string | null;
  checks: string | null;
  /** Its stored expressions held a wrapper. */
  unwrapped: boolean;
}
type TableRow = Omit<Table, 'policyUnwraps'> & { policyForms: PolicyForm[] };

/** `alter policy` statements for the policies whose Citus form differs from what is stored. */
function citusPolicyStatements(forms: PolicyForm[]): string[] {
  return forms.flatMap((f) => {
    const qual = f.qual === null ? null : citusPolicyExpression(f.qual);
    const checks = f.checks === null ? null : citusPolicyExpression(f.checks);
    if (!f.unwrapped && qual === f.qual && checks === f.checks) return [];
    return [`${f.policy}${qual === null ? '' : ` using (${qual})`}${checks === null ? '' : ` with check (${checks})`}`];
  });
}

export async function readScaleOutCatalog(sql: postgres.Sql | postgres.TransactionSql): Promise<ScaleOutCatalog> {
  const UNWRAPPED_QUAL = sql.unsafe(unwrapped('p.polqual'));
  const UNWRAPPED_CHECK = sql.unsafe(unwrapped('p.polwithcheck'));
  const rows = await sql<TableRow[]>`
    select format('%I.%I', n.nspname, c.relname) as name,
           a.attnum is not null as tenant,
           format_type(a.atttypid, a.atttypmod) as "distributionType",
           c.relkind = 'p' as partitioned,
           exists (select 1 from pg_inherits i join pg_class p on p.oid = i.inhrelid
                   where i.inhparent = c.oid and p.relkind = 'p') as "subPartitioned",
           c.relreplident in ('f', 'i') or exists (select 1 from pg_index x where x.indrelid = c.oid and x.indisprimary)
             as "replicaIdentity",
           array(select distinct d.name from (
                   select format('%I.%I(%s)', fn.nspname, f.proname, oidvectortypes(f.proargtypes)) as name
                   from pg_depend x join pg_proc f on f.oid = x.objid join pg_namespace fn on fn.oid = f.pronamespace
                   where x.classid = 'pg_proc'::regclass and x.refclassid = 'pg_type'::regclass and x.refobjid = c.reltype
                   union all
                   select format('%I.%I', vn.nspname, v.relname)
                   from pg_depend x join pg_rewrite r on r.oid = x.objid join pg_class v on v.oid = r.ev_class
                   join pg_namespace vn on vn.oid = v.relnamespace
                   where x.classid = 'pg_rewrite'::regclass and x.refclassid = 'pg_class'::regclass and x.refobjid = c.oid
                     and v.oid <> c.oid) as d order by 1) as dependents,
           (select count(*)::int from pg_trigger t where t.tgrelid = c.oid and not t.tgisinternal) as triggers,
           array(select t.tgname || ' (' || t.tgfoid::regproc::text || ')'
                 from pg_trigger t join pg_proc f on f.oid = t.tgfoid
                 where t.tgrelid = c.oid and not t.tgisinternal
                   and f.prosrc ~* '\\m(insert\\s+into|update\\s+[a-z_."]+\\s+set|delete\\s+from)\\M'
                   and f.prosrc !~ 'private\\.fires_on_a_worker_copy\\('
                 order by 1) as "writingTriggers",
           array(select distinct lower(m[1])
                 from pg_trigger t join pg_proc f on f.oid = t.tgfoid,
                      regexp_matches(f.prosrc, 'insert\\s+into\\s+([a-z_]+\\.[a-z_]+)', 'gi') as m
                 where t.tgrelid = c.oid and not t.tgisinternal
                 order by 1) as "triggerTargets",
           array(select coalesce(k.conname, i.relname)
                 from pg_index x
                 join pg_class i on i.oid = x.indexrelid
                 left join pg_constraint k on k.conindid = x.indexrelid and k.conrelid = c.oid and k.contype in ('p', 'u', 'x')
                 where x.indrelid = c.oid and (x.indisunique or k.contype = 'x')
                   and not (coalesce(a.attnum, 0) = any ((x.indkey::int2[])[0:x.indnkeyatts - 1]))
                 order by 1) as "keysWithoutTenant",
           array(select p.polname from pg_policy p, lateral (select ${UNWRAPPED_QUAL} as qual, ${UNWRAPPED_CHECK} as checks) as u
                 where p.polrelid = c.oid
                   and coalesce(p.polqual::text, '') || coalesce(p.polwithcheck::text, '') like '%{SUBLINK %'
                   and concat_ws(' ', u.qual, u.checks) ~* '\\mselect\\M'
                 order by 1) as "policiesWithSubquery",
           (select coalesce(json_agg(json_build_object(
                     'policy', format('alter policy %I on %I.%I', p.polname, n.nspname, c.relname),
                     'qual', u.qual, 'checks', u.checks, 'unwrapped', coalesce(p.polqual::text, '') || coalesce(p.polwithcheck::text, '') like '%{SUBLINK %')
                     order by p.polname), '[]')
            from pg_policy p, lateral (select ${UNWRAPPED_QUAL} as qual, ${UNWRAPPED_CHECK} as checks) as u
            where p.polrelid = c.oid and concat_ws(' ', u.qual, u.checks) !~* '\\mselect\\M') as "policyForms"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attribute a on a.attrelid = c.oid and a.attname = ${DISTRIBUTION_COLUMN} and not a.attisdropped
    where n.nspname = any(${scaledSchemas}) and c.relkind in ('r', 'p') and not c.relispartition
    order by 1`;
  // The parent's constraint only: a partitioned table's foreign key is cloned onto every partition.
  const foreignKeys = await sql<ForeignKey[]>`
    select k.conname as name, format('%I.%I', n.nspname, c.relname) as from,
           format('%I.%I', tn.nspname, t.relname) as to,
           coalesce(array_position(k.conkey, a.attnum) = array_position(k.confkey, r.attnum), false) as "matchesOnTenant",
           (a.attnum = any (k.conkey) and (k.confdeltype in ('n', 'd') or k.confupdtype in ('c', 'n', 'd')))
             is true as "unsupportedAction"
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_class t on t.oid = k.confrelid
    join pg_namespace tn on tn.oid = t.relnamespace
    left join pg_attribute a on a.attrelid = k.conrelid and a.attname = ${DISTRIBUTION_COLUMN}
    left join pg_attribute r on r.attrelid = k.confrelid and r.attname = ${DISTRIBUTION_COLUMN}
    where k.contype = 'f' and k.conparentid = 0 and not c.relispartition and n.nspname = any(${scaledSchemas})
    order by 2, 1`;
  const citusTables = (await citusVersion(sql))
    ? await sql<CitusTable[]>`
        select format('%I.%I', n.nspname, c.relname) as name,
               case when p.partmethod = 'h' then 'distributed' when p.repmodel = 't' then 'reference' else 'local' end as kind,
               case when p.partmethod = 'h' then pg_catalog.column_to_column_name(p.logicalrelid, p.partkey) end
                 as "distributionColumn",
               p.colocationid as "colocationId"
        from pg_catalog.pg_dist_partition p
        join pg_class c on c.oid = p.logicalrelid
        join pg_namespace n on n.oid = c.relnamespace
        where not c.relispartition`
    : [];
  const tables: Table[] = rows.map(({ policyForms, ...t }) => ({ ...t, policyUnwraps: citusPolicyStatements(policyForms) }));
  const decided = tables
    .filter((t) => !(t.name in localByDecision))
    .map((t) => (t.name in referenceByDecision ? { ...t, tenant: false } : t));
  const localTables = tables.filter((t) => t.name in localByDecision).map((t) => t.name);
  return { tables: decided, foreignKeys: [...foreignKeys], citusTables: [...citusTables], localTables };
}
