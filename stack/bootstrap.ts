// Makes the plain cluster look like a Supabase database (roles, auth, storage, extensions,
// privileges). Local only: none of this is a migration, because hosted projects have it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './shell.ts';
import { type StackSettings, dbUrl, SUPERUSER, projectRoot } from './settings.ts';

const bootstrapDir = join(projectRoot, 'stack', 'bootstrap');

/** Runs a SQL file with psql, stopping at the first error. */
function psqlFile(url: string, file: string): Promise<string> {
  return run('psql', ['--no-psqlrc', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file], {
    env: { ...process.env, PGOPTIONS: '--client-min-messages=warning' },
  });
}

/** Idempotent: safe to apply on every start, so a newer bootstrap reaches older clusters.
 * Any database of the cluster can be bootstrapped (tests make extra ones). */
export async function applyBootstrap(s: StackSettings, database = 'postgres'): Promise<void> {
  const files = readdirSync(bootstrapDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  for (const file of files) await psqlFile(dbUrl(s, SUPERUSER, database), join(bootstrapDir, file));
}
