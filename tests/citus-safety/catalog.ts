// What the Citus-safety rules read from the database: the project's tables (tenant or
// global), functions with their sources, triggers, policies and views. Read through the
// caller's connection, so that a test can add a violating object in a transaction and see
// the rules find it before rolling it back.
import type postgres from 'postgres';

/** The schemas the project writes; Supabase's own (auth, storage, …) and extensions are not ours. */
export const projectSchemas = ['public', 'private', 'analytics'];

export interface Relation {
  /** schema.name, as the rules report it. */
  name: string;
  /** Distributed by institution_id on Citus; the others become reference (global) tables. */
  tenant: boolean;
}

export interface DbFunction {
  /** schema.name(argument types), unique even for overloads. */
  signature: string;
  language: string;
  argumentCount: number;
  returnsTrigger: boolean;
  source: string;
  /** proconfig entries such as `plan_cache_mode=force_generic_plan`. */
  settings: string[];
  /** provolatile: 'i' immutable, 's' stable, 'v' volatile. */
  volatility: string;
  securityDefiner: boolean;
}

export interface Trigger {
  table: string;
  name: string;
  /** The trigger function's signature, as in DbFunction. */
  function: string;
}

export interface Policy {
  table: string;
  name: string;
  /** USING and WITH CHECK as PostgreSQL prints them. */
  expressions: string;
  /** True when the stored expression tree holds a subquery (a SubLink node). */
  hasSubquery: boolean;
}

export interface View {
  name: string;
  definition: string;
}

export interface Catalog {
  relations: Relation[];
  functions: DbFunction[];
  triggers: Trigger[];
  policies: Policy[];
  views: View[];
}

export async function readCatalog(sql: postgres.Sql | postgres.TransactionSql): Promise<Catalog> {
  const relations = await sql<Relation[]>`
    select n.nspname || '.' || c.relname as name,
           exists (select 1 from pg_attribute a
                   where a.attrelid = c.oid and a.attname = 'institution_id' and not a.attisdropped) as tenant
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any(${projectSchemas}) and c.relkind in ('r', 'p') and not c.relispartition`;
  const functions = await sql<DbFunction[]>`
    select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as signature, l.lanname as language, p.pronargs::int as "argumentCount",
           p.prorettype = 'trigger'::regtype as "returnsTrigger", p.prosrc as source,
           coalesce(p.proconfig, '{}') as settings, p.provolatile as volatility, p.prosecdef as "securityDefiner"
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    join pg_language l on l.oid = p.prolang
    where n.nspname = any(${projectSchemas}) and l.lanname in ('sql', 'plpgsql')
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`;
  const triggers = await sql<Trigger[]>`
    select n.nspname || '.' || c.relname as table, t.tgname as name,
           fn.nspname || '.' || f.proname || '(' || pg_get_function_identity_arguments(f.oid) || ')' as function
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_proc f on f.oid = t.tgfoid
    join pg_namespace fn on fn.oid = f.pronamespace
    where not t.tgisinternal and n.nspname = any(${projectSchemas}) and not c.relispartition`;
  const policies = await sql<Policy[]>`
    select n.nspname || '.' || c.relname as table, p.polname as name,
           concat_ws(' / ', pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)) as expressions,
           coalesce(p.polqual::text, '') || coalesce(p.polwithcheck::text, '') like '%{SUBLINK %' as "hasSubquery"
    from pg_policy p
    join pg_class c on c.oid = p.polrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any(${projectSchemas})`;
  const views = await sql<View[]>`
    select n.nspname || '.' || c.relname as name, pg_get_viewdef(c.oid) as definition
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any(${projectSchemas}) and c.relkind in ('v', 'm')`;
  return { relations: [...relations], functions: [...functions], triggers: [...triggers], policies: [...policies], views: [...views] };
}
