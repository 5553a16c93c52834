// `npm run bench:scale`: the performance proof on the large preset. One run, side
// by side, printed and written to benchmarks/scale/RESULTS.md + results.json:
//   1. RLS overhead on three queries — a teacher's class sheet, a parent opening a child's
//      card, a principal's dashboard aggregation — as `authenticated` with the user's claims
//      (PostgREST's path) against the same result as `service_role` with explicit filters:
//      p50/p95 and the ratio of medians.
//   2. hpc_evaluations partitions executed per query (EXPLAIN ANALYZE: not "never executed").
//   3. Naive policy styles on the same queries: our helpers unwrapped (no `(select …)`), and
//      a join per row (correlated EXISTS on user_profiles / staff_duties / …), swapped in
//      inside a transaction that is rolled back.
//   4. Dashboard reads from the materialized views (through the RPC functions) against the
//      raw aggregation.
//   5. REFRESH MATERIALIZED VIEW CONCURRENTLY on the large data with readers running: each
//      view's time, readers' latency before/during, readers waiting on a lock.
//   6. Card generation (the compile function and the generate rpc) at scale.
//   7. The pages of 1 as the frontend requests them: supabase-js → the stack's gateway →
//      PostgREST 12.0.2 → this cluster, with the user's token against the service_role key,
//      interleaved; p50/p95/p99 end to end (benchmarks/scale/rest-overhead.ts).
// Runs on its own cluster (.local/stack-scale, port 54382, its PostgREST on 54383 behind a
// gateway on 54381; benchmarks/scale/cluster.ts), generating the data first when it is not
// there.
//
//   npm run bench:scale [-- --preset large|medium|small] [--iterations 200] [--regenerate]
//
// This file is the command line and the order of the sections; each section is a file of
// its own (subjects.ts, overhead.ts, variants.ts, dashboards.ts, refresh.ts, cards.ts,
// rest-overhead.ts), and report.ts writes RESULTS.md.
import { loadavg } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { dbUrl, projectRoot, SUPERUSER } from '../../stack/settings.ts';
import { prepareScaleDatabase, scaleSettings } from './cluster.ts';
import { PRESETS } from './generate.ts';
import { startRestPath } from './rest-path.ts';
import { measureRestPath } from './rest-overhead.ts';
import { dataCounts, ensureData, pickSubjects } from './subjects.ts';
import { overheadQueries, preparedQueries } from './queries.ts';
import { measureOverhead, measurePrepared } from './overhead.ts';
import { measureVariants } from './variants.ts';
import { measureDashboards } from './dashboards.ts';
import { measureRefresh } from './refresh.ts';
import { measureCards } from './cards.ts';
import { machineFacts } from './machine.ts';
import { report } from './report.ts';
import type { ScaleResults } from './results-shape.ts';

const SECTIONS = ['overhead', 'rest', 'variants', 'dashboards', 'refresh', 'cards'];
const usage = `npm run bench:scale [-- options]
  --preset large|medium|small   the data (default large: ${JSON.stringify(PRESETS.large)})
  --iterations N                runs per measured read (default 200)
  --regenerate                  generate the data again even when it is there
  --sections a,b,…              only these sections (default all: ${SECTIONS.join(',')});
                                the others are kept from the existing results.json
  --tokens hook|plain           user tokens as Supabase Auth issues them with the project's
                                access token hook (default) or without it (section rest)
  --out DIR                     where results.json and RESULTS.md go (default benchmarks/scale)
  --render                      only rewrite RESULTS.md from results.json
  --help                        this text`;

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'large' },
    iterations: { type: 'string', default: '200' },
    regenerate: { type: 'boolean', default: false },
    tokens: { type: 'string', default: 'hook' },
    out: { type: 'string', default: join(projectRoot, 'benchmarks', 'scale') },
    // overhead,rest,variants,dashboards,refresh,cards (default all); a partial run keeps the
    // other sections of the existing results.json and rewrites RESULTS.md
    sections: { type: 'string', default: SECTIONS.join(',') },
    // only rewrite RESULTS.md from results.json
    render: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
const wanted = new Set(
  (args.sections ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
for (const w of wanted) if (!SECTIONS.includes(w)) throw new Error(`unknown section ${w}; sections: ${SECTIONS.join(', ')}`);
const want = (section: string) => wanted.has(section);
const partial = SECTIONS.some((x) => !wanted.has(x));
const presetName = args.preset ?? 'large';
const maybePreset = PRESETS[presetName];
if (!maybePreset) throw new Error(`unknown preset ${presetName}`);
const preset = maybePreset;
const N = Number(args.iterations);
const tokens = args.tokens === 'plain' ? 'plain' : 'hook';
if (args.tokens !== tokens) throw new Error(`--tokens is hook or plain, not ${args.tokens}`);
const log = (line: string) => console.log(line);

/** When the sections this run does not measure were measured: a previous partial run that
 * measured only sections this run measures again passes on its own source. */
function otherSectionsFrom(previous: Record<string, unknown>): unknown {
  const previousSections = previous.sectionsThisRun as string[] | undefined;
  const coveredAgain = previousSections?.every((section) => wanted.has(section)) ?? false;
  return coveredAgain && previous.previousRunStartedAt ? previous.previousRunStartedAt : previous.startedAt;
}

/** The results a run starts from: a partial run keeps the other sections of results.json,
 * and the figures it replaces (with their run's start and load) under `history`, which
 * RESULTS.md lists as earlier measurements. */
function startResults(): Record<string, unknown> {
  const previous: Record<string, unknown> =
    partial && existsSync(join(args.out!, 'results.json'))
      ? (JSON.parse(readFileSync(join(args.out!, 'results.json'), 'utf8')) as Record<string, unknown>)
      : {};
  const results: Record<string, unknown> = {
    ...previous,
    preset: presetName,
    startedAt: new Date().toISOString(),
    loadAverageAtStart: loadavg(),
    ...(partial ? { sectionsThisRun: [...wanted], previousRunStartedAt: otherSectionsFrom(previous) } : { sectionsThisRun: SECTIONS }),
  };
  const sectionKey: Record<string, string> = {
    overhead: 'rlsOverhead',
    overheadPrepared: 'rlsOverheadPrepared',
    rest: 'restOverhead',
    variants: 'naivePolicies',
    dashboards: 'dashboards',
    refresh: 'refresh',
    cards: 'cards',
  };
  const history = [...((previous.history as unknown[]) ?? [])];
  for (const section of partial ? wanted : []) {
    const key = sectionKey[section]!;
    if (previous[key])
      history.push({
        section,
        startedAt: previous.startedAt,
        loadAverageAtStart: previous.loadAverageAtStart,
        loadAverageAtEnd: previous.loadAverageAtEnd,
        [key]: previous[key],
      });
  }
  results.history = history;
  return results;
}

async function main() {
  if (args.help) {
    console.log(usage);
    return;
  }
  if (args.render) {
    const saved = JSON.parse(readFileSync(join(args.out!, 'results.json'), 'utf8')) as ScaleResults;
    writeFileSync(join(args.out!, 'RESULTS.md'), report(saved));
    log(`Wrote ${join(args.out!, 'RESULTS.md')} from results.json.`);
    return;
  }
  const t0 = performance.now();
  const s = scaleSettings();
  log(`Scale cluster ${s.home} on port ${s.dbPort}`);
  await prepareScaleDatabase(s, log);
  const adminUrl = dbUrl(s, SUPERUSER);
  const admin = postgres(adminUrl, { max: 1, prepare: false, onnotice: () => {} });
  const sql = postgres(dbUrl(s), { max: 1, prepare: false, onnotice: () => {}, connection: { statement_timeout: 600_000 } });
  const results = startResults();

  try {
    const generation = await ensureData(admin, sql, adminUrl, preset, presetName, Boolean(args.regenerate), log);
    if (generation) results.generation = generation;
    results.data = await dataCounts(admin);
    log(`Data: ${JSON.stringify(results.data)}`);

    // Scheduled refreshes off for the run (restored at the end), views fresh.
    const schedules = await admin`select view_name, enabled from analytics.refresh_schedules`;
    await admin`update analytics.refresh_schedules set enabled = false`;

    const x = await pickSubjects(admin);
    results.subjects = {
      institution: x.inst,
      section: x.section,
      teacher: x.teacher,
      parent: x.parent,
      child: x.child,
      principal: x.principal,
      cycle: x.cycle1,
      sectionStudents: x.roster.length,
    };

    // 1–2. RLS overhead and partitions
    const queries = overheadQueries(x);
    const overhead: Record<string, unknown> = (results.rlsOverhead as Record<string, unknown>) ?? {};
    if (want('overhead')) {
      await measureOverhead(sql, queries, overhead, N, log);
      results.rlsOverhead = overhead;
      results.rlsOverheadPrepared = await measurePrepared(dbUrl(s), queries, preparedQueries(x), N, log);
    }

    // 7. the same pages through the frontend's real path
    if (want('rest')) {
      const path = await startRestPath(s, tokens);
      results.restTokens = tokens;
      try {
        results.restOverhead = await measureRestPath(
          path,
          {
            institution: x.inst,
            teacher: x.teacher,
            parent: x.parent,
            child: x.child,
            principal: x.principal,
            cycle: x.cycle1,
            roster: x.roster,
          },
          N,
          log,
        );
      } finally {
        await path.stop();
      }
    }

    // 3. policy variants
    if (want('variants')) {
      const { naivePolicies, sqlHelpers } = await measureVariants(admin, sql, queries, overhead, N, log);
      results.sqlHelpers = sqlHelpers;
      results.naivePolicies = naivePolicies;
    }

    // 4. dashboards: materialized views vs raw aggregation
    if (want('dashboards')) results.dashboards = await measureDashboards(sql, x, N, log);

    // 5. REFRESH CONCURRENTLY with readers
    if (want('refresh')) results.refresh = await measureRefresh(admin, dbUrl(s), adminUrl, log);

    // 6. card generation
    if (want('cards')) results.cards = await measureCards(admin, sql, x, log);

    for (const r of schedules)
      await admin`update analytics.refresh_schedules set enabled = ${r.enabled as boolean} where view_name = ${r.view_name as string}`;

    results.machine = await machineFacts(admin);
    results.loadAverageAtEnd = loadavg();
    results.totalSeconds = (performance.now() - t0) / 1000;
    mkdirSync(args.out!, { recursive: true });
    writeFileSync(join(args.out!, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(args.out!, 'RESULTS.md'), report(results as unknown as ScaleResults));
    log(`Wrote ${join(args.out!, 'RESULTS.md')} and results.json (${results.totalSeconds as number} s).`);
  } finally {
    await sql.end();
    await admin.end();
  }
}

await main();
