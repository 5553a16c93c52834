// `npm run format` rewrites the code as the formatters want it; `npm run lint` runs every
// static check that needs no database: the formatters and linters, and squawk on migrations.
import { codeStyle, formatCode } from './suites/code-style.ts';
import { squawk } from './suites/squawk.ts';

async function lint(): Promise<number> {
  const results = [await codeStyle(), await squawk()];
  for (const r of results) {
    console.log(`== ${r.name}: ${r.passed} passed, ${r.failed} failed`);
    for (const f of r.failures) console.log(`   ✗ ${f.replace(/\n/g, '\n     ')}`);
  }
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${results.reduce((n, r) => n + r.passed, 0)} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

const command = process.argv[2];
if (command === 'format') {
  await formatCode();
} else if (command === 'lint') {
  process.exitCode = await lint();
} else {
  console.error('usage: tests/code-style.ts format | lint');
  process.exitCode = 2;
}
