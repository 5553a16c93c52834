// `npm run bench:reports`: report generation and approval transitions, through the edge
// functions (gateway + Deno + PostgreSQL) and as raw SQL (the same database call, in the
// same transaction shape the functions use: role authenticated + the caller's claims).
//
// Runs against the running local stack (`npm start`; HPC_STACK_HOME / HPC_DB_PORT /
// HPC_API_PORT move it). Loads the scale dataset (benchmarks/reports/scale.sql: 2,000
// Middle-stage students, ~432,000 evaluations) once per database, and clears the benchmark
// institution's cards before each run. Prints the figures and writes RESULTS.md beside it.
//
// The parts, in the order they run: dataset.ts, single-card.ts (the scale dataset, then the
// demo data), batches.ts, transitions.ts; calls.ts times the two paths, results-page.ts
// writes the page.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { measureBatches } from './batches.ts';
import { API, DB } from './calls.ts';
import { prepareDataset } from './dataset.ts';
import { resultsPage } from './results-page.ts';
import { measureDemoCard, measureScaleCard, warmUp } from './single-card.ts';
import { measureTransitions } from './transitions.ts';

const here = dirname(fileURLToPath(import.meta.url));

async function main() {
  const sql = postgres(DB, { max: 4, prepare: false, onnotice: () => {} });
  const one = postgres(DB, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const loadAtStart = loadavg()
      .map((l) => l.toFixed(1))
      .join(', ');
    const [health] = await Promise.all([
      fetch(`${API}/functions/v1/hpc-reports/health`)
        .then((r) => r.status)
        .catch(() => 0),
    ]);
    if (health !== 200 && health !== 401) throw new Error(`the functions do not answer at ${API} — start the stack (npm start)`);

    const dataset = await prepareDataset(sql);
    await warmUp(one, dataset);
    const scale = await measureScaleCard(sql, one, dataset);
    const demo = await measureDemoCard(sql, one);
    const batches = await measureBatches(sql, dataset);
    const transitions = await measureTransitions(sql, one, dataset);

    const version = (await sql`select version()`)[0]!.version as string;
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(', ');
    const text = resultsPage({ evals: dataset.evals, scale, demo, batches, transitions }, { loadAtStart, load, version });
    writeFileSync(join(here, 'RESULTS.md'), text);
    console.log(`\n${text}`);
  } finally {
    await sql.end();
    await one.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
