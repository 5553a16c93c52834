// The JavaScript tests (tests/**/*.test.ts) against the running test stack: real gateway,
// real Deno, real PostgreSQL. Counts come from vitest's JSON report.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run, CommandError } from '../../stack/shell.ts';
import { projectRoot, type StackSettings } from '../../stack/settings.ts';
import type { SuiteResult } from './suite.ts';

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

export async function vitest(s: StackSettings): Promise<SuiteResult> {
  const reportFile = join(s.home, 'vitest-report.json');
  rmSync(reportFile, { force: true });
  let crashed = '';
  try {
    await run(
      join(projectRoot, 'node_modules', '.bin', 'vitest'),
      ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`],
      {
        cwd: projectRoot,
        echo: true,
        env: {
          ...process.env,
          HPC_STACK_HOME: s.home,
          HPC_DB_PORT: String(s.dbPort),
          HPC_API_PORT: String(s.apiPort),
          HPC_REST_PORT: String(s.restPort),
        },
      },
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    crashed = error.output;
  }
  let report: VitestReport;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport;
  } catch {
    return { name: 'vitest', passed: 0, failed: 1, skipped: 0, failures: [`vitest wrote no report\n${crashed}`] };
  }
  // A file that failed without a failed test (it did not load, or its beforeAll threw and its
  // tests were skipped) counts as one failure, so that it cannot pass silently.
  const broken = (file: VitestReport['testResults'][number]) =>
    file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed');
  const failures = report.testResults.flatMap((file) => [
    ...(broken(file) ? [`${file.name}: ${file.message}`] : []),
    ...file.assertionResults
      .filter((a) => a.status === 'failed')
      .map((a) => `${a.fullName}\n${a.failureMessages.join('\n').slice(0, 2000)}`),
  ]);
  const brokenFiles = report.testResults.filter(broken).length;
  return {
    name: 'vitest',
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
    failures,
  };
}
