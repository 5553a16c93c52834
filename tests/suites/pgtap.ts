// pgTAP files in supabase/tests, run by pg_prove (what `supabase test db` runs in Docker).
// Each assertion counts as one test; a file that dies or misses its plan counts as a failure.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run, CommandError } from '../../stack/shell.ts';
import { projectRoot, DB_PASSWORD, type StackSettings } from '../../stack/settings.ts';
import type { SuiteResult } from './suite.ts';

const testsDir = join(projectRoot, 'supabase', 'tests');

export async function pgtap(s: StackSettings): Promise<SuiteResult> {
  const files = readdirSync(testsDir)
    .filter((f) => f.endsWith('.test.sql'))
    .sort()
    .map((f) => join(testsDir, f));
  let output: string;
  let exitedCleanly = true;
  try {
    output = await run(
      'pg_prove',
      ['--verbose', '--failures', '-h', '127.0.0.1', '-p', String(s.dbPort), '-U', 'postgres', '-d', 'postgres', ...files],
      {
        env: { ...process.env, PGPASSWORD: DB_PASSWORD, PGOPTIONS: '--client-min-messages=warning' },
      },
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    output = error.output;
    exitedCleanly = false;
  }
  const lines = output.split('\n');
  const passed = lines.filter((l) => /^\s*ok \d+/.test(l)).length;
  const failedLines = lines.filter((l) => /^\s*not ok \d+/.test(l));
  const brokenFiles = lines.filter((l) => /Dubious|Bad plan|Parse errors|No plan found|ERROR:/.test(l));
  let failed = failedLines.length;
  // A file that broke without a failing assertion still fails the suite.
  if (!exitedCleanly && failed === 0) failed = Math.max(1, brokenFiles.length);
  return {
    name: 'pgTAP',
    passed,
    failed,
    skipped: 0,
    failures: failed ? [...failedLines, ...brokenFiles, ...(exitedCleanly ? [] : [output.slice(-4000)])] : [],
  };
}
