// The real Supabase CLI, for the stack and the migration runner alike, and supabase/migrations
// (and the seed, once) applied with it exactly as a deployment does; the CLI's history table
// makes a second push apply only what is new.
import { join } from 'node:path';
import { run } from './shell.ts';
import { projectRoot } from './settings.ts';

const supabaseCli = join(projectRoot, 'node_modules', '.bin', 'supabase');

/** Runs the project's Supabase CLI with `args` in `workdir` (default: this project); the one
 * place that knows where the CLI is and the environment it needs. */
export function supabase(args: string[], options: { echo?: boolean; workdir?: string } = {}): Promise<string> {
  const workdir = options.workdir ?? projectRoot;
  return run(supabaseCli, [...args, '--workdir', workdir], {
    cwd: workdir,
    echo: options.echo,
    // The local cluster has no TLS; saying so up front spares a warning on every call.
    env: { ...process.env, PGSSLMODE: 'disable', SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
  });
}

/** --include-all: a migration that reaches a developer after a later-dated one was already
 * applied (branches merged out of order) is applied too, instead of refused. */
export function pushMigrations(url: string, options: { seed: boolean }): Promise<string> {
  const args = ['db', 'push', `--remote=${url}`, '--yes', '--include-all'];
  if (options.seed) args.push('--include-seed');
  return supabase(args);
}
