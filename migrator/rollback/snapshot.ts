// Takes and reads the baseline snapshot: the catalog (catalog.sql) and the migration
// versions as they were before phase 1. Schema rollback restores exactly this.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from '../db.ts';

const catalogSql = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'catalog.sql'), 'utf8');

interface Grant {
  grantee: string;
  privilege: string;
  grantable?: boolean;
}
export interface Catalog {
  /** Absent from snapshots taken before it was recorded. */
  history_table?: boolean;
  schemas: string[];
  extensions: string[];
  relations: { name: string; kind: string; rls: boolean; force_rls: boolean; partition: boolean; grants: Grant[] }[];
  columns: { table: string; column: string; type: string; not_null: boolean; default: string | null }[];
  default_acls: { role: string; schema: string | null; objtype: string; grantee: string; privilege: string }[];
  column_grants: { table: string; column: string; grantee: string; privilege: string }[];
  constraints: { table: string; name: string; type: string; def: string; validated: boolean }[];
  indexes: { table: string; name: string; def: string }[];
  triggers: { table: string; name: string; def: string }[];
  policies: {
    table: string;
    name: string;
    permissive: string;
    roles: string[];
    cmd: string;
    qual: string | null;
    with_check: string | null;
  }[];
  functions: { signature: string; kind: string; def: string | null; grants: Grant[] }[];
  types: string[];
  publication_tables: { publication: string; table: string }[];
  cron_jobs: string[];
  /** PostgREST's in-database settings on the authenticator role, `name=value`. Absent in
   * snapshots taken before they were recorded. */
  api_settings?: string[];
}

export async function readCatalog(sql: Sql): Promise<Catalog> {
  // An empty search_path makes every name in signatures and definitions schema-qualified,
  // so the snapshot means the same thing whoever reads it later.
  const [row] = await sql.begin(async (tx) => {
    await tx.unsafe(`set local search_path = ''`);
    return tx.unsafe(catalogSql);
  });
  const catalog = row!.catalog as Catalog;
  catalog.cron_jobs = await cronJobs(sql);
  catalog.api_settings = await apiSettings(sql);
  return catalog;
}

// Role settings live outside the schema (pg_dump -s does not show them), yet PostgREST reads
// them: a pre-request function left configured after its function is dropped fails every
// request.
async function apiSettings(sql: Sql): Promise<string[]> {
  const rows = await sql`
    select c from pg_catalog.pg_db_role_setting as s
    cross join lateral unnest(s.setconfig) as c
    where s.setrole = (select r.oid from pg_catalog.pg_roles as r where r.rolname = 'authenticator')
      and s.setdatabase = 0 and c like 'pgrst.%'
    order by c`;
  return rows.map((r) => r.c as string);
}

async function cronJobs(sql: Sql): Promise<string[]> {
  try {
    const rows = await sql`select jobname from cron.job where jobname is not null order by jobname`;
    return rows.map((r) => r.jobname as string);
  } catch {
    return []; // no pg_cron in this database
  }
}

export async function migrationVersions(sql: Sql): Promise<string[]> {
  const [present] = await sql`select to_regclass('supabase_migrations.schema_migrations') is not null as ok`;
  if (!present!.ok) return [];
  const rows = await sql`select version from supabase_migrations.schema_migrations order by version`;
  return rows.map((r) => r.version as string);
}

export async function takeSnapshot(sql: Sql): Promise<{ objects: number; versions: string[] }> {
  const [existing] = await sql`select 1 from hpc_migration.baseline_snapshot where id = 1`;
  const catalog = await readCatalog(sql);
  const versions = await migrationVersions(sql);
  // A snapshot is taken once: a rerun of the runner must not overwrite the real baseline
  // with a half-migrated schema.
  if (!existing) {
    await sql`insert into hpc_migration.baseline_snapshot (id, catalog, migration_versions)
              values (1, ${sql.json(catalog as never)}, ${versions})`;
  }
  const objects = catalog.relations.length + catalog.functions.length + catalog.policies.length;
  return { objects, versions };
}

export async function readSnapshot(sql: Sql): Promise<{ catalog: Catalog; versions: string[] } | undefined> {
  const [present] = await sql`select to_regclass('hpc_migration.baseline_snapshot') is not null as ok`;
  if (!present!.ok) return undefined;
  const [row] = await sql`select catalog, migration_versions from hpc_migration.baseline_snapshot where id = 1`;
  if (!row) return undefined;
  return { catalog: row.catalog as Catalog, versions: row.migration_versions as string[] };
}
