// `npm test`: a throwaway stack (own cluster, own ports; the `npm start` data is never
// touched), then every suite, then one closing line that totals them all.
import { join } from 'node:path';
import { projectRoot, type StackSettings } from '../stack/settings.ts';
import { destroyCluster } from '../stack/cluster.ts';
import { startStack } from '../stack/stack.ts';
import type { SuiteResult } from './suites/suite.ts';
import { typecheck } from './suites/typecheck.ts';
import { codeStyle } from './suites/code-style.ts';
import { squawk } from './suites/squawk.ts';
import { pgtap } from './suites/pgtap.ts';
import { advisors } from './suites/advisors.ts';
import { citusSafety } from './suites/citus-safety.ts';
import { generatedFiles } from './suites/generated-files.ts';
import { vitest } from './suites/vitest.ts';
import { testPort } from './support/ports.ts';

export const testStackSettings: StackSettings = {
  home: join(projectRoot, '.local', 'test-stack'),
  dbPort: testPort(54332),
  apiPort: testPort(54331),
  restPort: testPort(54333),
  throwaway: true,
};

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

async function main(): Promise<number> {
  const began = Date.now();
  const s = testStackSettings;
  console.log('Preparing a throwaway test stack…');
  await destroyCluster(s);
  const stack = await startStack(s, (line) => console.log(line));
  console.log(`Test stack ready in ${seconds(began)} s.`);

  const suites: [string, () => Promise<SuiteResult>][] = [
    ['typecheck', typecheck],
    ['code style', codeStyle],
    ['squawk', squawk],
    ['pgTAP', () => pgtap(s)],
    ['advisors', () => advisors(s)],
    ['Citus safety', () => citusSafety(s)],
    ['generated files', () => generatedFiles(s)],
    ['vitest', () => vitest(s)],
  ];
  const results: SuiteResult[] = [];
  try {
    for (const [name, suite] of suites) {
      const started = Date.now();
      let r: SuiteResult;
      try {
        r = await suite();
      } catch (error) {
        r = { name, passed: 0, failed: 1, skipped: 0, failures: [String((error as Error).stack ?? error)] };
      }
      results.push(r);
      console.log(
        `\n== ${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} (${seconds(started)} s)`,
      );
      for (const f of r.failures) console.log(`   ✗ ${f.replace(/\n/g, '\n     ')}`);
    }
  } finally {
    await stack.stop();
    await destroyCluster(s);
  }

  const total = (key: 'passed' | 'failed' | 'skipped') => results.reduce((n, r) => n + r[key], 0);
  console.log(`\nAll suites in ${seconds(began)} s.`);
  const skipped = total('skipped');
  console.log(`${total('passed')} passed, ${total('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return total('failed') === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`npm test could not run: ${error.stack ?? error.message}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
