// `npm run bench:class-sheet`: a teacher's class sheet of 40 students × 50 parameters
// (2,000 cells) saved through the frontend's path (supabase-js → gateway → PostgREST → RLS),
// in one call (`rpc('hpc_save_class_sheet')`) against the same cells saved one by one
// (`from('hpc_evaluations').upsert(...)`, one request per cell, in sequence and six at a time
// as a browser would), side by side in one run.
//
// Runs against the running local stack (`npm start`; HPC_STACK_HOME / HPC_DB_PORT /
// HPC_API_PORT move it). Loads its school (dataset.sql) once per database and clears the
// teacher's ratings before each round that measures first entry. Prints the figures and
// writes RESULTS.md beside it. BENCH_ROUNDS (default 20) sets the rounds of the one-call
// saves; the one-by-one saves run BENCH_SLOW_ROUNDS (default 3) rounds of 2,000 requests.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import ws from 'ws';
import type { Database } from '../../supabase/functions/_shared/database.types.ts';
import { anonKey, userToken } from '../../stack/keys.ts';
import { apiUrl, dbUrl, stackSettings } from '../../stack/settings.ts';
import { ms, stats, type Stats } from '../stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const settings = stackSettings();
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const SLOW_ROUNDS = Number(process.env.BENCH_SLOW_ROUNDS ?? 3);
const BROWSER_PARALLEL = 6;
const log = (line: string) => console.log(`[bench:class-sheet ${new Date().toISOString().slice(11, 19)}] ${line}`);

interface Cell {
  student_id: string;
  parameter_id: string;
  level_ordinal: number;
  observation: string;
}
interface Sheet {
  institution: string;
  teacher: string;
  cycle: string;
  section: string;
  students: string[];
  parameters: string[];
}

async function loadSchool(sql: postgres.Sql): Promise<Sheet> {
  const [present] = await sql`select exists (select 1 from public.institutions where slug = 'bench-class-sheet') as yes`;
  if (!present!.yes) {
    log('loading the benchmark school (40 students, 50 parameters; once per database)…');
    await sql.begin((tx) => tx.unsafe(readFileSync(join(here, 'dataset.sql'), 'utf8')));
  }
  const id = async (text: string) => (await sql`select md5(${text})::uuid::text as id`)[0]!.id as string;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  return {
    institution: await id('bench-cs:institution'),
    teacher: await id('bench-cs:teacher'),
    cycle: await id('bench-cs:cycle'),
    section: await id('bench-cs:section'),
    students: await Promise.all(range(40).map((n) => id(`bench-cs:student:${n}`))),
    parameters: await Promise.all(range(50).map((n) => id(`bench-cs:param:${n}`))),
  };
}

function cells(sheet: Sheet, level: number): Cell[] {
  return sheet.students.flatMap((student_id) =>
    sheet.parameters.map((parameter_id) => ({
      student_id,
      parameter_id,
      level_ordinal: level,
      observation: `Level ${level} in class activities this term.`,
    })),
  );
}

async function clearRatings(sql: postgres.Sql, sheet: Sheet): Promise<void> {
  await sql`delete from public.hpc_evaluations
            where institution_id = ${sheet.institution} and cycle_id = ${sheet.cycle} and rater_id = ${sheet.teacher}`;
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function must<T extends { error: unknown }>(answer: T, what: string): T {
  if (answer.error) throw new Error(`${what}: ${JSON.stringify(answer.error)}`);
  return answer;
}

async function oneCall(client: SupabaseClient<Database>, sheet: Sheet, level: number): Promise<void> {
  const { data } = must(
    await client.rpc('hpc_save_class_sheet', {
      p_cycle_id: sheet.cycle,
      p_section_id: sheet.section,
      p_cells: cells(sheet, level) as never,
    }),
    'hpc_save_class_sheet',
  );
  if ((data?.cells ?? 0) !== 2000) throw new Error(`the call saved ${data?.cells} cells`);
}

const onConflict = 'institution_id,cycle_id,student_id,parameter_id,rater_role,rater_id';
async function oneByOne(client: SupabaseClient<Database>, sheet: Sheet, level: number, parallel: number, perCell: number[]): Promise<void> {
  const todo = cells(sheet, level);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < todo.length) {
        const cell = todo[next++]!;
        const started = performance.now();
        must(
          await client
            .from('hpc_evaluations')
            .upsert({ ...cell, cycle_id: sheet.cycle, rater_role: 'teacher', rater_id: sheet.teacher }, { onConflict }),
          'upsert',
        );
        perCell.push(performance.now() - started);
      }
    }),
  );
}

interface Row {
  label: string;
  s: Stats;
}

async function main(): Promise<void> {
  const sql = postgres(dbUrl(settings), { max: 2, prepare: false, onnotice: () => {} });
  try {
    const loadAtStart = loadavg()
      .map((l) => l.toFixed(1))
      .join(', ');
    const sheet = await loadSchool(sql);
    const client = createClient<Database>(apiUrl(settings), await anonKey(), {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: ws as never },
      global: { headers: { authorization: `Bearer ${await userToken({ id: sheet.teacher, email: 'teacher1@bench-cs.example' })}` } },
    });
    const rows: Row[] = [];

    // Warm the session caches and PostgREST's schema cache before anything is timed.
    await clearRatings(sql, sheet);
    await oneCall(client, sheet, 1);

    log(`one call, ${ROUNDS} rounds of first entry and ${ROUNDS} of a full change…`);
    const first: number[] = [];
    const change: number[] = [];
    const retry: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await clearRatings(sql, sheet);
      first.push(await timed(() => oneCall(client, sheet, 1)));
      change.push(await timed(() => oneCall(client, sheet, 2 + (round % 2))));
      retry.push(await timed(() => oneCall(client, sheet, 2 + (round % 2))));
    }
    rows.push({ label: 'one call: first entry (2,000 new ratings)', s: stats(first) });
    rows.push({ label: 'one call: every level changed (2,000 updates)', s: stats(change) });
    rows.push({ label: 'one call: the same sheet again (2,000 unchanged)', s: stats(retry) });

    for (const parallel of [1, BROWSER_PARALLEL]) {
      log(`one by one, ${parallel} at a time, ${SLOW_ROUNDS} rounds of 2,000 requests…`);
      const whole: number[] = [];
      const perCell: number[] = [];
      for (let round = 0; round < SLOW_ROUNDS; round++) {
        await clearRatings(sql, sheet);
        whole.push(await timed(() => oneByOne(client, sheet, 1, parallel, perCell)));
      }
      rows.push({ label: `one by one, ${parallel} at a time: first entry (2,000 requests)`, s: stats(whole) });
      rows.push({ label: `one by one, ${parallel} at a time: each request`, s: stats(perCell) });
    }

    const oneCallP95 = rows[0]!.s.p95;
    const sequentialP95 = rows.find((r) => r.label.startsWith('one by one, 1 at a time: first'))!.s.p95;
    const browserP95 = rows.find((r) => r.label.startsWith(`one by one, ${BROWSER_PARALLEL} at a time: first`))!.s.p95;
    const table = [
      '| what | n | p50 (ms) | p95 (ms) | max (ms) |',
      '|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.label} | ${r.s.n} | ${ms(r.s.p50)} | ${ms(r.s.p95)} | ${ms(r.s.max)} |`),
    ];
    const summary =
      `A sheet of 2,000 cells in one call: p95 ${ms(oneCallP95)} ms, against ${ms(sequentialP95)} ms one by one in sequence ` +
      `(${(sequentialP95 / oneCallP95).toFixed(0)}× longer) and ${ms(browserP95)} ms ${BROWSER_PARALLEL} at a time ` +
      `(${(browserP95 / oneCallP95).toFixed(0)}× longer).`;
    for (const line of [...table, '', summary]) console.log(line);
    writeFileSync(
      join(here, 'RESULTS.md'),
      [
        '# Class sheet benchmark: 40 students × 50 parameters in one call and one by one',
        '',
        `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on this machine (${cpus().length} cores, ` +
          `${Math.round(totalmem() / 2 ** 30)} GiB; load average at start ${loadAtStart}), through supabase-js → the gateway → ` +
          'PostgREST 12.0.2 → PostgreSQL 15 under RLS, as the teacher (her token). Times are whole saves as the client sees them.',
        '',
        summary,
        '',
        ...table,
        '',
        "- one call: `rpc('hpc_save_class_sheet', { p_cycle_id, p_section_id, p_cells })`, every cell checked, all written or none.",
        "- one by one: `from('hpc_evaluations').upsert(cell, { onConflict })`, one request per cell, checked by the write policies per row.",
        '',
        `Reproduce: \`npm start\`, then \`npm run bench:class-sheet\` (BENCH_ROUNDS=${ROUNDS}, BENCH_SLOW_ROUNDS=${SLOW_ROUNDS}).`,
        '',
      ].join('\n'),
    );
    await clearRatings(sql, sheet);
  } finally {
    await sql.end();
  }
}

await main();
