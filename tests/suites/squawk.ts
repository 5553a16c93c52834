// squawk over every migration: each file must be free of unsafe-for-live-database findings
// (exceptions are inline `-- squawk-ignore` comments that say why).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run, CommandError } from '../../stack/shell.ts';
import { projectRoot } from '../../stack/settings.ts';
import { result, type SuiteResult } from './suite.ts';

const migrationsDir = join(projectRoot, 'supabase', 'migrations');
const squawkBinary = join(projectRoot, 'node_modules', '.bin', 'squawk');

export async function squawk(): Promise<SuiteResult> {
  const files = readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const cases = [];
  for (const file of files) {
    try {
      await run(squawkBinary, ['--config', join(projectRoot, '.squawk.toml'), join(migrationsDir, file)], {
        cwd: projectRoot,
        env: { ...process.env, NO_COLOR: '1' },
      });
      cases.push({ ok: true, label: file });
    } catch (error) {
      cases.push({ ok: false, label: `squawk ${file}`, detail: error instanceof CommandError ? error.output : String(error) });
    }
  }
  return result('squawk', cases);
}
