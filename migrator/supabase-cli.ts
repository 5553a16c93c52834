// The Supabase CLI against any database, with a chosen set of migrations. A phase pushes
// only its own files: a temporary workdir holds a copy of supabase/config.toml and the
// subset, and `db push --workdir <tmp>` applies exactly those (the CLI's history table in the
// target makes a later push of the full set apply only what is new).
//
// The target's history may hold versions that are not ours: BIG DAY deployed with the CLI
// records its own migrations there, and the CLI refuses to push while the remote has versions
// the local folder lacks. The workdir therefore also holds a placeholder for each of those
// (the CLI compares versions, not contents), so their rows stay exactly as BIG DAY wrote them.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { supabase } from '../stack/migrations.ts';
import { projectRoot } from '../stack/settings.ts';
import { connect } from './db.ts';

export const migrationsDir = join(projectRoot, 'supabase', 'migrations');

/** Contract (enforcement) migrations, by name: `<version>_contract_<what>.sql`, dated after
 * every other migration. The expand step pushes everything else; the contract step the rest. */
export const isContractMigration = (file: string) => /^\d+_contract_\w+\.sql$/.test(file);

/** The expand files that index institution_id on one existing table each, by name:
 * `<version>_<table>_institution_id_index.sql` (the runner builds them concurrently first). */
export const tenantIndexTable = (file: string): string | undefined => /^\d+_(\w+)_institution_id_index\.sql$/.exec(file)?.[1];

/** The contract file that makes each audit_events partition's key from an index the runner
 * builds concurrently before it (migrator/steps/schema.ts). */
export const isAuditEventKeysFile = (file: string) => /^\d+_contract_audit_events_partition_keys\.sql$/.test(file);

export function allMigrations(): string[] {
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

export const versionOf = (file: string) => file.split('_')[0]!;

/** Versions in the target's CLI history that are not files of this project (BIG DAY's own). */
export async function foreignHistory(url: string): Promise<{ version: string; name: string }[]> {
  const sql = connect(url, { max: 1 });
  try {
    const [table] = await sql`select to_regclass('supabase_migrations.schema_migrations') is not null as present`;
    if (!table!.present) return [];
    const ours = new Set(allMigrations().map(versionOf));
    const rows = await sql<{ version: string; name: string | null }[]>`
      select version, name from supabase_migrations.schema_migrations order by version`;
    return rows.filter((r) => !ours.has(r.version)).map((r) => ({ version: r.version, name: r.name || 'existing' }));
  } finally {
    await sql.end();
  }
}

/** A throwaway CLI workdir holding `files` and a placeholder for every foreign version. */
async function withWorkdir<T>(
  url: string,
  files: string[],
  use: (workdir: string) => Promise<T>,
  standIns: Record<string, string> = {},
): Promise<T> {
  const workdir = mkdtempSync(join(tmpdir(), 'hpc-push-'));
  try {
    const dir = join(workdir, 'supabase', 'migrations');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(projectRoot, 'supabase', 'config.toml'), join(workdir, 'supabase', 'config.toml'));
    for (const f of files) copyFileSync(join(migrationsDir, f), join(dir, f));
    for (const [f, source] of Object.entries(standIns)) copyFileSync(source, join(dir, f));
    for (const h of await foreignHistory(url)) {
      writeFileSync(
        join(dir, `${h.version}_${h.name.replace(/[^\w-]/g, '_')}.sql`),
        '-- Applied before the HPC by the existing application; recorded in its history, never re-run.\n',
      );
    }
    return await use(workdir);
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}

/** `supabase db push` of exactly `files` (names in supabase/migrations) to `url`.
 * `standIns` push another file under a migration's name (file name → path): an older
 * deployment's baseline, for the legacy fixtures. */
export function pushSubset(url: string, files: string[], standIns: Record<string, string> = {}): Promise<string> {
  // --include-all: migrations from branches merged out of order (dated before the last
  // one applied) are applied too, instead of refusing the push half-way through a rollout.
  return withWorkdir(url, files, (workdir) => supabase(['db', 'push', `--remote=${url}`, '--yes', '--include-all'], { workdir }), standIns);
}

/** Records `files` as applied without running them (`supabase migration repair`): for a
 * database that already has what they create. */
export function markApplied(url: string, files: string[]): Promise<string> {
  return withWorkdir(url, files, (workdir) =>
    supabase(['migration', 'repair', ...files.map(versionOf), '--status', 'applied', `--remote=${url}`, '--yes'], { workdir }),
  );
}
