// HPC data at a chosen size, set-based (generate_series, INSERT … SELECT), for benchmarks and
// tests. Presets (generate/presets.ts):
//   small   5 institutions,     600 students,      24,000 evaluations   (tests, seconds)
//   medium  100 institutions,   25,000 students,   1,000,000 evaluations
//   large   1,000 institutions, 250,000 students,  10,000,000 evaluations
// Skew: institution sizes follow a power law (weight i^-0.7): with the large preset the
// biggest school has ~10,000 students, the median ~150, the smallest ~80 — a few large
// schools, many small ones. Sections of 40 spread over grades 1–12 (four PARAKH stages);
// each stage has 4 areas × 3 abilities = 12 parameters and a 3-level scale; two cycles per
// institution (term 1 closed and fully entered, term 2 open and partly entered); a student's
// rows come from teacher, self, peer (the next classmate) and parent (their guardian) with
// per-role entry rates scaled so the total lands on the preset's evaluation count.
//
// Every id is deterministic (kind, institution number, serial: generate/ids.ts), so reruns
// produce the same data and benchmark queries can name rows. Runs as the superuser with
// session_replication_role = replica: row triggers (authorship, audit, level derivation)
// and foreign-key triggers are skipped during the load — the generator writes exactly the
// values they would (rubric_id and level_ordinal filled, submitted_at set). Existing scale
// rows (institutions with slug scale-<n>) are not touched: generate into an empty database, or `--reset`.
//
// The steps' SQL: generate/schools.ts (institutions, sections, people, PARAKH content),
// generate/evaluations.ts and generate/reports.ts (loaded per range of institutions,
// generate/ranges.ts, a few connections at a time).
//
//   npx tsx benchmarks/scale/generate.ts --preset large [--db-url …] [--reset]
import postgres from 'postgres';
import { performance } from 'node:perf_hooks';
import { evaluationsSql } from './generate/evaluations.ts';
import { scaleGenFunctions } from './generate/ids.ts';
import { PRESETS, type Preset } from './generate/presets.ts';
import { institutionRanges } from './generate/ranges.ts';
import { reportsSql } from './generate/reports.ts';
import { schoolSteps } from './generate/schools.ts';

export { scaleId } from './generate/ids.ts';
export { PRESETS, type Preset } from './generate/presets.ts';

export interface GenerateOptions {
  /** Connections for the evaluation load (2 on a 2-core machine). */
  parallel?: number;
  log?: (line: string) => void;
  /** Delete earlier scale rows first. */
  reset?: boolean;
  /** Only (re)write the cycle-1 cards (hpc_reports) of data generated earlier. */
  reportsOnly?: boolean;
}

export interface GenerateResult {
  preset: Preset;
  counts: Record<string, number>;
  seconds: Record<string, number>;
  totalSeconds: number;
}

/** The generator's institutions (slug scale-<n>); other data (the demo seed) is never touched. */
const SCALE_INSTITUTIONS = `select x.id from public.institutions as x where x.slug like 'scale-%'`;

/** The tables the generator fills, children first (for --reset). */
const TABLES = [
  'hpc_analytics',
  'hpc_reports',
  'hpc_evaluations',
  'hpc_parameter_assignments',
  'hpc_evaluation_cycles',
  'hpc_rubrics',
  'hpc_parameters',
  'student_guardians',
  'staff_duties',
  'section_students',
  'sections',
  'cohorts',
  'academic_terms',
  'user_profiles',
  'institution_feature_flags',
  'institutions',
];

/** `sql` must connect as the superuser (session_replication_role). */
export async function generate(url: string, preset: Preset, options: GenerateOptions = {}): Promise<GenerateResult> {
  const log = options.log ?? (() => {});
  const parallel = Math.max(1, options.parallel ?? 2);
  const seconds: Record<string, number> = {};
  const t0 = performance.now();
  const connect = () =>
    postgres(url, {
      max: 1,
      onnotice: () => {},
      connection: { session_replication_role: 'replica', statement_timeout: 0, work_mem: '256MB', synchronous_commit: 'off' },
    });
  const sql = connect();
  const step = async (name: string, text: string) => {
    const t = performance.now();
    // With reportsOnly, only the scale_gen helper tables of a step are rebuilt (everything
    // before its first insert).
    await sql.unsafe(options.reportsOnly && text.includes('insert into public') ? text.slice(0, text.indexOf('insert into public')) : text);
    seconds[name] = (seconds[name] ?? 0) + (performance.now() - t) / 1000;
    log(`  ${name.padEnd(28)} ${(seconds[name] ?? 0).toFixed(1)} s`);
  };
  try {
    await sql.unsafe(scaleGenFunctions);
    if (options.reset && !options.reportsOnly) {
      for (const table of TABLES) {
        await step(
          `reset ${table}`,
          `delete from public.${table} where ${table === 'institutions' ? 'id' : 'institution_id'} in (${SCALE_INSTITUTIONS})`,
        );
      }
    }
    for (const [name, text] of schoolSteps(preset)) await step(name, text);

    // Evaluations, then cards, in institution ranges of about equal student counts, `parallel` at a time.
    const work = await institutionRanges(sql, Math.max(1, Math.min(preset.institutions, parallel * 8)));
    const inParallel = async (label: string, sqlFor: (lo: number, hi: number) => string) => {
      const te = performance.now();
      const queue = [...work];
      let done = 0;
      const workers = Array.from({ length: Math.min(parallel, queue.length) }, async () => {
        const conn = connect();
        try {
          for (let range = queue.shift(); range; range = queue.shift()) {
            await conn.unsafe(sqlFor(range.lo, range.hi));
            done += 1;
            log(
              `  ${label} ${String(done).padStart(3)}/${work.length} (institutions ${range.lo}–${range.hi}) ${((performance.now() - te) / 1000).toFixed(0)} s`,
            );
          }
        } finally {
          await conn.end();
        }
      });
      await Promise.all(workers);
      seconds[label] = (performance.now() - te) / 1000;
    };
    if (!options.reportsOnly) await inParallel('evaluations', (lo, hi) => evaluationsSql(preset, lo, hi));
    await inParallel('reports', reportsSql);

    if (!options.reportsOnly) await step('vacuum analyze', 'vacuum (analyze) public.hpc_evaluations');
    await step('vacuum analyze reports', 'vacuum (analyze) public.hpc_reports');
    await step(
      'analyze',
      `
      analyze public.institutions, public.institution_feature_flags, public.academic_terms, public.cohorts,
        public.sections, public.user_profiles, public.section_students, public.student_guardians,
        public.staff_duties, public.hpc_parameters, public.hpc_rubrics, public.hpc_evaluation_cycles,
        public.hpc_parameter_assignments;
    `,
    );
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await sql.unsafe<{ n: number }[]>(
        `select count(*)::bigint as n from public.${table} where ${table === 'institutions' ? 'id' : 'institution_id'} in (${SCALE_INSTITUTIONS})`,
      );
      counts[table] = Number(row?.n ?? 0);
    }
    await sql.unsafe('drop schema scale_gen cascade');
    return { preset, counts, seconds, totalSeconds: (performance.now() - t0) / 1000 };
  } finally {
    await sql.end();
  }
}

/** Deletes every row of the generator's institutions (slug scale-<n>), triggers off. */
export async function removeScaleData(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { session_replication_role: 'replica', statement_timeout: 0 } });
  try {
    for (const table of TABLES) {
      await sql.unsafe(
        `delete from public.${table} where ${table === 'institutions' ? 'id' : 'institution_id'} in (${SCALE_INSTITUTIONS})`,
      );
    }
  } finally {
    await sql.end();
  }
}

async function main() {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', default: 'small' },
      'db-url': { type: 'string' },
      parallel: { type: 'string', default: '2' },
      reset: { type: 'boolean', default: false },
      'reports-only': { type: 'boolean', default: false },
    },
  });
  const preset = PRESETS[values.preset ?? 'small'];
  if (!preset) throw new Error(`unknown preset ${values.preset}; one of ${Object.keys(PRESETS).join(', ')}`);
  const url = values['db-url'] ?? 'postgresql://supabase_admin:postgres@127.0.0.1:54382/postgres';
  console.log(`Generating preset ${values.preset}: ${JSON.stringify(preset)}`);
  const result = await generate(url, preset, {
    parallel: Number(values.parallel),
    reset: values.reset,
    reportsOnly: values['reports-only'],
    log: console.log,
  });
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
