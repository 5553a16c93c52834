// RESULTS.md of the scale benchmark, written from results.json: the machine, the data, the
// targets met or not, then one part per section with the figures of earlier partial runs.
import { ms, type Stats, stats } from '../stats.ts';
import type { RestRequestResult } from './rest-overhead.ts';
import type { HistoryEntry, RlsOverhead, ScaleResults } from './results-shape.ts';

/** A recorded request, readable: decoded, with a long `in.(…)` list of ids shortened. */
function readableRequest(x: { method: string; url: string }): string {
  const url = new URL(x.url);
  const query = decodeURIComponent(url.search).replace(/in\.\(([^)]*)\)/g, (_, ids: string) => `in.(${ids.split(',').length} student ids)`);
  return `${x.method} ${url.pathname}${query}`;
}

function restSection(rest: Record<string, RestRequestResult>, history: HistoryEntry[], tokens: 'hook' | 'plain' | undefined): string[] {
  const triple = (x: Stats) => `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.p99)}`;
  const earlier = history.filter((h) => h.restOverhead);
  return [
    "## 7. The same pages through the frontend's real path (target ≤ 1.2× at p50 and p95; class sheet < 20 ms p95)",
    '',
    "supabase-js 2 (typed with the generated types) → the stack's gateway (`stack/gateway.ts`, Kong's key check, in a process of its own as a gateway is never in its client's) → PostgREST 12.0.2 (`stack/postgrest.ts`, configured as `npm start` runs it: `authenticator`, prepared statements, 1,000-row limit) → this cluster. Each request is sent with the user's access token (anon key as `apikey`) and, alternating which goes first, as the same request with the service_role key, which PostgREST runs past RLS. Times in ms at the client, HTTP included.",
    '',
    tokens === 'plain'
      ? "User tokens as Supabase Auth issues them **without** the access token hook: PostgREST's pre-request computes the request context from the tables on every request (`--tokens plain`)."
      : "User tokens as Supabase Auth issues them with the project's access token hook (`supabase/config.toml`): the request context inside, used while its school's inputs are unchanged (`--tokens plain` measures without it).",
    '',
    '| page | rows | same result | user p50 / p95 / p99 | service_role p50 / p95 / p99 | ratio p50 / p95 / p99 | n |',
    '|---|---|---|---|---|---|---|',
    ...Object.entries(rest).map(
      ([k, x]) =>
        `| ${k.replaceAll('_', ' ')} | ${x.rows} | ${x.sameResult ? 'yes' : '**no**'} | ${triple(x.user)} | ${triple(x.service)} | ${x.ratioP50.toFixed(2)}× / ${x.ratioP95.toFixed(2)}× / ${x.ratioP99.toFixed(2)}× | ${x.user.n} |`,
    ),
    '',
    "The requests, as supabase-js sent them. The service_role side names what RLS supplies for the user, as a trusted server would: the school (`institution_id=eq.…`; every index of the tenant tables leads with it, and without it the same URL reads every school's partitions), and for the dashboard the principal as the token's `sub` (`hpc_analytics_overview` answers for the caller's school; a bare service_role key has none).",
    '',
    '```',
    ...Object.entries(rest).flatMap(([k, x]) => [
      `${k}, user: ${readableRequest(x.request)}`,
      ...(x.serviceRequest ? [`${k}, service_role: ${readableRequest(x.serviceRequest)}`] : []),
    ]),
    '```',
    '',
    ...(earlier.length
      ? [
          "Earlier measurements of this section (user / service_role p50 and p95, ms; the machine is shared, the load average says how much). The first named no school on the service_role side. The first three ran before `hpc_evaluations` had its cycle → school statistics (`hpc_evaluations_school_dependencies`, now in `20250101000900_hpc_tables.sql`; the third with a first version that also covered `student_id`, which kept the bad plan), when PostgREST's generic plan walked the school's whole term for the class sheet: 118,000 rows read for 452.",
          '',
          '| run | load average (start → end) | ' +
            Object.keys(rest)
              .map((k) => k.replaceAll('_', ' '))
              .join(' | ') +
            ' |',
          '|---|---|' +
            Object.keys(rest)
              .map(() => '---|')
              .join(''),
          ...earlier.map(
            (h) =>
              `| ${h.startedAt} | ${h.loadAverageAtStart?.[0]?.toFixed(1)} → ${h.loadAverageAtEnd?.[0]?.toFixed(1)} | ${Object.keys(rest)
                .map((k) => {
                  const x = h.restOverhead?.[k];
                  return x ? `${ms(x.user.p50)} / ${ms(x.service.p50)} p50, ${ms(x.user.p95)} / ${ms(x.service.p95)} p95` : '–';
                })
                .join(' | ')} |`,
          ),
          '',
        ]
      : []),
  ];
}

export function report(r: ScaleResults): string {
  const o = r.rlsOverhead ?? {};
  const row = (name: string, x: RlsOverhead) =>
    `| ${name} | ${x.rows} | ${x.sameResult ? 'yes' : '**no**'} | ${ms(x.rls.p50)} / ${ms(x.rls.p95)} | ${ms(x.service.p50)} / ${ms(x.service.p95)} | ${x.ratioP50.toFixed(2)}× / ${x.ratioP95.toFixed(2)}× | ${x.partitions.rls.executed} of ${x.partitions.rls.inPlan} | ${x.partitions.service.executed} of ${x.partitions.service.inPlan} |`;
  const rest = r.restOverhead ?? {};
  const naive = r.naivePolicies ?? {};
  const dash = r.dashboards ?? {};
  const ref = r.refresh ?? {
    views: {},
    totalSeconds: NaN,
    changedRatings: 0,
    readers: { connections: 0, before: stats([]), during: stats([]), lockWaitSamples: 0 },
  };
  r.cards ??= {};
  const lines = [
    '# Scale benchmark results',
    '',
    `Preset **${r.preset}**, run ${r.startedAt} (${Math.round(r.totalSeconds)} s; sections ${(r.sectionsThisRun ?? []).join(', ')}${r.previousRunStartedAt ? `; the other sections from the run of ${r.previousRunStartedAt}` : ''}). Generated by \`npm run bench:scale\`; raw figures in \`results.json\`.`,
    '',
    '## Machine',
    '',
    `- ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB RAM, ${r.machine.os}`,
    `- ${r.machine.postgres}`,
    `- ${Object.entries(r.machine.settings)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ')}`,
    `- 1-minute load average ${r.loadAverageAtStart?.[0]?.toFixed(1)} at the start, ${r.loadAverageAtEnd?.[0]?.toFixed(1)} at the end (anything above ${r.machine.cores} means other work shared the cores)`,
    '',
    '## Data',
    '',
    `| institutions | students | evaluations | cards (hpc_reports) | largest school | median school | hpc_evaluations size |`,
    `|---|---|---|---|---|---|---|`,
    `| ${r.data.institutions} | ${r.data.students} | ${r.data.evaluations} | ${r.data.reports} | ${r.data.largest_school} students | ${r.data.median_school} students | ${r.data.evaluations_size} |`,
    '',
    r.generation
      ? `Generation: ${Math.round(r.generation.seconds)} s this run${r.generation.reportsOnly ? ' (cards only)' : ''}.`
      : 'Data generated by an earlier run (`npx tsx benchmarks/scale/generate.ts --preset large`).',
    '',
    `Subjects: the largest school; a class teacher and their section of ${r.subjects.sectionStudents}; a parent and their child; the principal. Times in ms, measured at the client around the statement (localhost), inside a transaction that sets \`role\` and \`request.jwt.claims\` as PostgREST does.`,
    '',
    '## Targets',
    '',
    '| target | result | met |',
    '|---|---|---|',
    ...Object.entries(o).map(
      ([k, x]) =>
        `| RLS overhead ≤ 1.2× — ${k.replaceAll('_', ' ')}, unprepared | ${x.ratioP50.toFixed(2)}× p50, ${x.ratioP95.toFixed(2)}× p95 | ${x.ratioP50 <= 1.2 ? 'yes' : '**no**'} |`,
    ),
    ...Object.entries(r.rlsOverheadPrepared ?? {}).map(
      ([k, x]) =>
        `| RLS overhead ≤ 1.2× — ${k.replaceAll('_', ' ')}, prepared (PostgREST default) | ${x.ratioP50.toFixed(2)}× p50, ${x.ratioP95.toFixed(2)}× p95 | ${x.ratioP50 <= 1.2 ? 'yes' : '**no**'} |`,
    ),
    ...Object.entries(rest).map(
      ([k, x]) =>
        `| through PostgREST, user vs service_role ≤ 1.2× at p50 and p95 — ${k.replaceAll('_', ' ')} | ${x.ratioP50.toFixed(2)}× p50, ${x.ratioP95.toFixed(2)}× p95 | ${x.ratioP50 <= 1.2 && x.ratioP95 <= 1.2 ? 'yes' : '**no**'} |`,
    ),
    ...(rest.teacher_class_sheet
      ? [
          `| teacher class sheet through PostgREST < 20 ms p95 end to end | ${ms(rest.teacher_class_sheet.user.p95)} ms | ${rest.teacher_class_sheet.user.p95 < 20 ? 'yes' : '**no**'} |`,
        ]
      : []),
    ...Object.entries(dash)
      .filter(([k]) => !k.endsWith(', raw') && !k.includes('whole school'))
      .map(([k, x]) => `| dashboard read < 10 ms p95 — ${k} | ${ms(x.p95)} ms | ${x.p95 < 10 ? 'yes' : '**no**'} |`),
    ...Object.entries(ref.views).map(
      ([k, x]) => `| concurrent refresh < 60 s — ${k} | ${(x.ms / 1000).toFixed(1)} s | ${x.ms < 60_000 ? 'yes' : '**no**'} |`,
    ),
    ...(ref.readers?.during?.n
      ? [
          `| no reader blocked during the refresh | ${ref.readers.lockWaitSamples} lock-wait samples, max read ${ms(ref.readers.during.max)} ms | ${ref.readers.lockWaitSamples === 0 ? 'yes' : '**no**'} |`,
        ]
      : []),
    '',
    '## 1–2. RLS overhead and partition pruning (target ≤ 1.2×)',
    '',
    '| query | rows | same result | RLS p50 / p95 | service_role p50 / p95 | ratio p50 / p95 | partitions executed (RLS) | (service_role) |',
    '|---|---|---|---|---|---|---|---|',
    ...Object.entries(o).map(([k, x]) => row(k.replaceAll('_', ' '), x)),
    '',
    ...(r.rlsOverheadPrepared
      ? [
          'The same queries **prepared, with parameters** — what PostgREST sends by default (`db-prepared-statements`):',
          '',
          '| query | same result | RLS p50 / p95 | service_role p50 / p95 | ratio p50 / p95 |',
          '|---|---|---|---|---|',
          ...Object.entries(r.rlsOverheadPrepared).map(
            ([k, x]) =>
              `| ${k.replaceAll('_', ' ')} | ${x.sameResult ? 'yes' : '**no**'} | ${ms(x.rls.p50)} / ${ms(x.rls.p95)} | ${ms(x.service.p50)} / ${ms(x.service.p95)} | ${x.ratioP50.toFixed(2)}× / ${x.ratioP95.toFixed(2)}× |`,
          ),
          '',
          'Unprepared, the RLS query is planned for all 10 partitions on every execution (the institution is an initPlan, so pruning waits for run time; EXPLAIN shows ~1.2 ms planning against ~0.1 ms for the literal-institution query, which prunes at plan time). Prepared, the generic plan is kept and that planning is paid once.',
          '',
        ]
      : []),
    ...(o.teacher_class_sheet && o.parent_child_card && o.principal_dashboard
      ? [
          `The policies' per-row cost shows on the principal's dashboard, an aggregation over the school's ratings: ${o.principal_dashboard.ratioP50.toFixed(2)}×. Unprepared, the short queries carry a fixed cost per statement of about ${ms(o.teacher_class_sheet.rls.p50 - o.teacher_class_sheet.service.p50)} ms (teacher) and ${ms(o.parent_child_card.rls.p50 - o.parent_child_card.service.p50)} ms (parent): for the partitioned table mostly planning all 10 partitions, plus the helper initPlans (institution, HPC flag, duties, taught students, children). Against queries that themselves take ${ms(o.parent_child_card.service.p50)}–${ms(o.teacher_class_sheet.service.p50)} ms that fixed cost decides the unprepared ratio; prepared (above) it mostly disappears. The prepared absolute times include the client library's extended-protocol round trips on both sides.`,
          '',
        ]
      : []),
    '"Partitions executed" counts hpc_evaluations partitions in the plan whose node ran (EXPLAIN ANALYZE: not "never executed"); hpc_reports is not partitioned. Under RLS the institution comes from `(select private.current_institution_id())`, an initPlan, so pruning happens at run time; service_role names the institution literally, so it prunes at plan time.',
    '',
    '## 3. Policy variants on the same queries: naive styles, and our policies with plpgsql helpers',
    '',
    '| variant | query | p50 / p95 | vs ours (p50) | vs service_role (p50) | partitions executed |',
    '|---|---|---|---|---|---|',
    ...Object.entries(naive).flatMap(([style, qs]) =>
      Object.entries(qs).map(
        ([q, x]) =>
          `| ${style.replaceAll('_', ' ')} | ${q.replaceAll('_', ' ')} | ${x.error ? `error: ${x.error}` : `${ms(x.stats.p50)} / ${ms(x.stats.p95)}`} | ${x.error ? '–' : `${x.vsOursP50.toFixed(2)}×`} | ${x.error || x.vsServiceP50 === undefined ? '–' : `${x.vsServiceP50.toFixed(2)}×`} | ${x.partitions ? `${x.partitions.executed} of ${x.partitions.inPlan}` : '–'} |`,
      ),
    ),
    '',
    '*ours same harness*: the deployed policies measured the way the variants are (one transaction that is rolled back, a savepoint per query) — the "vs ours" column compares with it, not with section 1. ' +
      `*ours with plpgsql helpers*: the deployed policies, with the \`private.*\` helpers that are still \`language sql\` (${(r.sqlHelpers ?? []).join(', ') || 'none'}) recompiled as plpgsql (same bodies; plans cached per session instead of re-planned on every call);` +
      ' *unwrapped helpers*: our policies with the helper calls not wrapped in `(select …)`; *join per row*: correlated `exists` on user_profiles, feature flags, staff_duties / section_students / student_guardians per row. Each variant is swapped in inside a transaction that is rolled back; the naive ones get fewer iterations (they are slow) and a 60 s statement timeout.',
    '',
    '## 4. Dashboards: materialized views vs raw aggregation (target < 10 ms p95)',
    '',
    '| read | source | rows | p50 | p95 | max |',
    '|---|---|---|---|---|---|',
    ...Object.entries(dash).map(([k, x]) => `| ${k} | ${x.source} | ${x.rows} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.max)} |`),
    '',
    '## 5. REFRESH MATERIALIZED VIEW CONCURRENTLY on the large data (target < 60 s, no reader blocked)',
    '',
    `${ref.changedRatings} ratings changed (drafts submitted) before the refresh, so every view has a real diff. \`analytics.refresh()\` refreshed the four views in ${ref.totalSeconds.toFixed(1)} s while ${ref.readers.connections} connections kept reading through the RPC functions.`,
    '',
    '| view | time | rows | mode |',
    '|---|---|---|---|',
    ...Object.entries(ref.views).map(([k, x]) => `| ${k} | ${(x.ms / 1000).toFixed(1)} s | ${x.rows} | ${x.mode} |`),
    '',
    `| readers | reads | p50 | p95 | max |`,
    `|---|---|---|---|---|`,
    `| before the refresh | ${ref.readers.before.n} | ${ms(ref.readers.before.p50)} | ${ms(ref.readers.before.p95)} | ${ms(ref.readers.before.max)} |`,
    `| during the refresh | ${ref.readers.during.n} | ${ms(ref.readers.during.p50)} | ${ms(ref.readers.during.p95)} | ${ms(ref.readers.during.max)} |`,
    '',
    `Readers seen waiting on a lock (pg_stat_activity sampled every 50 ms): ${ref.readers.lockWaitSamples} samples, at most ${ref.readers.maxReadersWaitingOnLock} at once.`,
    ...((r.history ?? []).filter((h) => h.refresh).length
      ? [
          '',
          'Earlier measurements of this section (the machine is shared; the 1-minute load average says how much):',
          '',
          `| run | load average (start → end) | ${Object.keys(ref.views).join(' | ')} | readers during: p95 / max | lock waits |`,
          '|---|---|' +
            Object.keys(ref.views)
              .map(() => '---|')
              .join('') +
            '---|---|',
          ...(r.history ?? [])
            .flatMap((h) => (h.refresh ? [{ ...h, refresh: h.refresh }] : []))
            .map(
              (h) =>
                `| ${h.startedAt} | ${h.loadAverageAtStart?.[0]?.toFixed(1)} → ${h.loadAverageAtEnd?.[0]?.toFixed(1)} | ${Object.keys(
                  ref.views,
                )
                  .map((v) => (h.refresh.views[v] ? `${(h.refresh.views[v].ms / 1000).toFixed(1)} s` : '–'))
                  .join(
                    ' | ',
                  )} | ${ms(h.refresh.readers.during.p95)} / ${ms(h.refresh.readers.during.max)} ms | ${h.refresh.readers.lockWaitSamples} |`,
            ),
        ]
      : []),
    '',
    '## 6. Card generation at scale',
    '',
    r.cards.error ? `- failed: ${r.cards.error}` : '',
    r.cards.compile
      ? `- \`private.hpc_compile_card\` (issue 5) on ${r.cards.compile.n} random students across all schools: p50 ${ms(r.cards.compile.p50)} ms, p95 ${ms(r.cards.compile.p95)} ms, ~${r.cards.compile.avgBytes} bytes per card.`
      : '- `private.hpc_compile_card` is not in the schema: not measured.',
    r.cards.generate
      ? `- \`public.hpc_generate_report\` as the class teacher for their section (${r.cards.generate.section}): p50 ${ms(r.cards.generate.p50)} ms, p95 ${ms(r.cards.generate.p95)} ms per card, ${r.cards.generate.cardsPerSecond.toFixed(1)} cards/s on one connection; outcomes ${JSON.stringify(r.cards.generate.outcomes)}${r.cards.generate.error ? ` (last error: ${r.cards.generate.error})` : ''}; rolled back.`
      : '- `public.hpc_generate_report` is not in the schema: not measured.',
    '',
    ...(Object.keys(rest).length ? restSection(rest, r.history ?? [], r.restTokens) : []),
    '## Reproduce',
    '',
    '```sh',
    'npm run bench:scale                  # large preset; creates .local/stack-scale (port 54382) and generates the data when missing',
    'npx tsx benchmarks/scale/generate.ts --preset large --reset   # regenerate only (~6 min on 2 cores)',
    'npm run bench:scale -- --preset medium --iterations 100       # smaller run',
    '```',
    '',
  ];
  return lines.join('\n');
}
