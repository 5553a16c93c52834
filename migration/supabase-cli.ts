// The Supabase CLI against any database, with a chosen set of migrations. A phase pushes
// only its own files: a temporary workdir holds a copy of supabase/config.toml and the
// subset, and `db push --workdir <tmp>` applies exactly those (the CLI's history table in the
// target makes a later push of the full set apply only what is new).
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../stack/shell.ts';
import { projectRoot } from '../stack/settings.ts';

const supabaseCli = join(projectRoot, 'node_modules', '.bin', 'supabase');
export const migrationsDir = join(projectRoot, 'supabase', 'migrations');

/** Contract (enforcement) migrations: the reserved 20250901* range, after everything else. */
export const isContractMigration = (file: string) => /^20250901\d*_.*\.sql$/.test(file);

export function allMigrations(): string[] {
  return readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort();
}

export const versionOf = (file: string) => file.split('_')[0]!;

function cliEnv(): NodeJS.ProcessEnv {
  return { ...process.env, PGSSLMODE: 'disable', SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
}

/** `supabase db push` of exactly `files` (names in supabase/migrations) to `url`. */
export async function pushSubset(url: string, files: string[]): Promise<string> {
  const workdir = mkdtempSync(join(tmpdir(), 'hpc-push-'));
  try {
    mkdirSync(join(workdir, 'supabase', 'migrations'), { recursive: true });
    copyFileSync(join(projectRoot, 'supabase', 'config.toml'), join(workdir, 'supabase', 'config.toml'));
    for (const f of files) copyFileSync(join(migrationsDir, f), join(workdir, 'supabase', 'migrations', f));
    // --include-all: migrations from branches merged out of order (dated before the last
    // one applied) are applied too, instead of refusing the push half-way through a rollout.
    return await run(supabaseCli, ['db', 'push', `--remote=${url}`, '--yes', '--include-all', '--workdir', workdir], {
      cwd: workdir,
      env: cliEnv(),
    });
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}
