// Which extensions `postgres` may create although it is not a superuser, as on a hosted
// Supabase project. There supautils (session_preload_libraries) runs CREATE / ALTER / DROP
// EXTENSION of an allow-listed extension as the superuser, then the extension's custom
// script; Debian does not package supautils, so the local clusters use pgextwlist, the
// library supautils' privileged-extensions feature was adapted from: same allow-list, same
// custom-script layout (<path>/<extension>/after-create.sql), same superuser (the
// bootstrap user, supabase_admin). Anything not on the list keeps PostgreSQL's own rule:
// trusted extensions for whoever may create in the database, the rest superuser-only.
import { chownSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from './settings.ts';

/** Hosted Supabase's `supautils.privileged_extensions` (supabase/postgres, supautils.conf),
 * verbatim: names not available on this machine are harmless. Left out there as unsafe, and
 * so superuser-only here too: adminpack, amcheck, file_fdw, lo, old_snapshot, pageinspect,
 * pg_buffercache, pg_freespacemap, pg_prewarm, pg_surgery, pg_visibility, pgstattuple. */
export const PRIVILEGED_EXTENSIONS = [
  'address_standardizer',
  'address_standardizer_data_us',
  'autoinc',
  'bloom',
  'btree_gin',
  'btree_gist',
  'citext',
  'cube',
  'dblink',
  'dict_int',
  'dict_xsyn',
  'earthdistance',
  'fuzzystrmatch',
  'hstore',
  'http',
  'insert_username',
  'intarray',
  'isn',
  'ltree',
  'moddatetime',
  'pg_cron',
  'pg_graphql',
  'pg_hashids',
  'pg_jsonschema',
  'pg_net',
  'pg_stat_monitor',
  'pg_stat_statements',
  'pg_trgm',
  'pg_walinspect',
  'pgaudit',
  'pgcrypto',
  'pgjwt',
  'pgroonga',
  'pgroonga_database',
  'pgrouting',
  'pgrowlocks',
  'pgsodium',
  'pgtap',
  'plcoffee',
  'pljava',
  'plls',
  'plpgsql',
  'plpgsql_check',
  'plv8',
  'postgis',
  'postgis_raster',
  'postgis_sfcgal',
  'postgis_tiger_geocoder',
  'postgis_topology',
  'postgres_fdw',
  'refint',
  'rum',
  'seg',
  'sslinfo',
  'supabase_vault',
  'supautils',
  'tablefunc',
  'tcn',
  'timescaledb',
  'tsm_system_rows',
  'tsm_system_time',
  'unaccent',
  'uuid-ossp',
  'wrappers',
];

const scriptsSource = join(projectRoot, 'stack', 'extension-custom-scripts');

/** Where a cluster keeps its copy of the custom scripts: inside its own folder, so the
 * server account reads them whoever owns the checkout. */
export const customScriptsDir = (home: string) => resolve(home, 'extension-custom-scripts');

/** postgresql.conf lines: pgextwlist in every session, the allow-list, the scripts. */
export function privilegedExtensionSettings(home: string): string[] {
  const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return [
    `session_preload_libraries = 'pgextwlist'`,
    `extwlist.extensions = ${literal(PRIVILEGED_EXTENSIONS.join(','))}`,
    `extwlist.custom_path = ${literal(customScriptsDir(home))}`,
  ];
}

/** Copies stack/extension-custom-scripts into the cluster's folder (on every start, so an
 * edited script reaches an existing cluster); owned by the server account when given. */
export function installCustomScripts(home: string, owner: { uid: number; gid: number } | null): void {
  const copy = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    if (owner) chownSync(to, owner.uid, owner.gid);
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.isDirectory()) copy(join(from, entry.name), join(to, entry.name));
      else {
        copyFileSync(join(from, entry.name), join(to, entry.name));
        if (owner) chownSync(join(to, entry.name), owner.uid, owner.gid);
      }
    }
  };
  copy(scriptsSource, customScriptsDir(home));
}
