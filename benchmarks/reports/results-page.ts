// RESULTS.md from one run's measurements: the function overhead over raw SQL per path, single
// cards, batches and transitions, with the machine and its load so runs can be compared.
import { cpus, totalmem } from 'node:os';
import { stats, type Stats } from '../stats.ts';
import type { BatchTimes } from './batches.ts';
import type { DemoCardTimes, ScaleCardTimes } from './single-card.ts';
import type { TransitionTimes } from './transitions.ts';

const ms = (v: number) => `${v.toFixed(1)} ms`;

export interface Measurements {
  /** The scale dataset's evaluations. */
  evals: number;
  scale: ScaleCardTimes;
  demo: DemoCardTimes;
  batches: BatchTimes;
  transitions: TransitionTimes;
}

export interface RunConditions {
  /** Load averages (1, 5, 15 min) at the start and at the end of the run. */
  loadAtStart: string;
  load: string;
  /** The server's version() */
  version: string;
}

export function resultsPage(
  { evals, scale, demo, batches, transitions }: Measurements,
  { loadAtStart, load, version }: RunConditions,
): string {
  const {
    compileOnly,
    rawCreate,
    fnCreate,
    fnCreateInside,
    rawUnchanged,
    fnUnchanged,
    fnUnchangedInside,
    cardBytes,
    readTimes,
    hopTimes,
    healthTimes,
    printTimes,
  } = scale;
  const { demoRaw, demoFn, demoFnInside } = demo;
  const { sectionFnMs, sectionRawMs, institutionMs, institutionAgainMs, progressSeen, again } = batches;
  const {
    submitTimes,
    submitSeconds,
    coordinatorAwaiting,
    approveRaw,
    approveRawSeconds,
    batchApprove,
    batchApproveSeconds,
    batchApprove2,
    batchApprove2Seconds,
    awaitingTimes,
  } = transitions;
  const fmt = (s: Stats) => `${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.mean)} | ${s.n}`;
  const cs = stats(compileOnly),
    rc = stats(rawCreate),
    fc = stats(fnCreate),
    ru = stats(rawUnchanged),
    fu = stats(fnUnchanged);
  const dr = demoRaw.length ? stats(demoRaw) : null,
    df = demoFn.length ? stats(demoFn) : null;
  // paired: the function call and the raw call of the same kind ran back to back
  const paired = (fnTimes: number[], rawTimes: number[]) => stats(fnTimes.map((t, i) => t - rawTimes[i]!));
  // Where a function call's time goes, per path (p50s of paired differences, each call
  // against the raw call run just before it): the HTTP path (Node's fetch, the gateway's JWT
  // check and proxy, Deno's HTTP server: end to end minus the function's own Server-Timing),
  // and the function beyond the database call (its own time minus the raw SQL time).
  const overheadRow = (label: string, raw: number[], e2e: number[], inside: number[]) => {
    const over = paired(e2e, raw).p50;
    const http = stats(e2e.map((t, i) => t - inside[i]!)).p50;
    const inFunction = paired(inside, raw).p50;
    return `| ${label} | ${ms(stats(raw).p50)} | ${ms(stats(e2e).p50)} | **${ms(over)}** | ${ms(http)} | ${ms(inFunction)} |`;
  };
  const lines = [
    '# Report generation and approvals — benchmark results',
    '',
    `Run: ${new Date().toISOString()} · \`npm run bench:reports\` · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB · ${version.split(',')[0]}`,
    `Load average (1, 5, 15 min) at the start: ${loadAtStart}; at the end: ${load} — other work on this shared machine inflates every figure; compare paths within one run.`,
    `Local stack: PostgreSQL 15 (no pooler), the JWT gateway and Deno 2.1.4 per function, all on this machine; HTTP/1.1 keep-alive from Node's fetch.`,
    '',
    `Scale dataset: one Middle-stage institution, 2,000 students in 50 sections of 40, ${evals.toLocaleString('en')} evaluations`,
    `(27 parameters × 4 rater roles × 2 terms per student); the Term 2 card compiles both terms (${(cardBytes / 1024).toFixed(1)} KiB of JSON per card).`,
    `Demo data: the seed's Vidya Niketan, Term 2 cycle, its principal (${demo.students} students).`,
    '',
    '"Raw SQL" is the same database call the function makes, from Node with postgres.js, in the same transaction',
    "(begin; role authenticated + the caller's claims; the request context; the call; commit — five round trips, ~0.1 ms each",
    'from Node).',
    '"Function" is end to end: fetch → gateway (JWT check) → Deno (JWT check, zod, queryAsCaller: the same transaction',
    'in one round trip through node-postgres: begin, role, claims, context, the call and commit as one simple query) → PostgreSQL → JSON back.',
    '',
    '## Function overhead over raw SQL',
    '',
    'p50 of each function call minus the raw call run just before it (target < 3 ms). "HTTP path" is end to end minus the',
    "function's own time (its Server-Timing: fetch, the gateway's JWT check and proxy, Deno's HTTP server); \"in the function\"",
    'is its own time minus the raw SQL time (JWT check, zod, the transaction through pg instead of postgres.js from Node, JSON).',
    '',
    '| path | raw SQL p50 | function p50 | overhead p50 | HTTP path | in the function |',
    '|---|---|---|---|---|---|',
    overheadRow('first generation (scale)', rawCreate, fnCreate, fnCreateInside),
    overheadRow('regenerate unchanged (scale)', rawUnchanged, fnUnchanged, fnUnchangedInside),
    ...(dr && df ? [overheadRow('generate (demo data)', demoRaw, demoFn, demoFnInside)] : []),
    '',
    '## Single card',
    '',
    '| what | p50 | p95 | mean | samples |',
    '|---|---|---|---|---|',
    `| compile only (private.hpc_compile_card, scale) | ${fmt(cs)} |`,
    `| first generation, raw SQL (scale) | ${fmt(rc)} |`,
    `| first generation, function (scale) | ${fmt(fc)} |`,
    `| regenerate unchanged, raw SQL (scale) | ${fmt(ru)} |`,
    `| regenerate unchanged, function (scale) | ${fmt(fu)} |`,
    ...(dr && df ? [`| generate, raw SQL (demo data) | ${fmt(dr)} |`, `| generate, function (demo data) | ${fmt(df)} |`] : []),
    `| HTTP hop only: unknown route (gateway + Deno, no database) | ${fmt(stats(hopTimes))} |`,
    `| GET /health (gateway + Deno + one \`select 1\`) | ${fmt(stats(healthTimes))} |`,
    `| read a card (GET /reports/{id}, scale) | ${fmt(stats(readTimes))} |`,
    `| printable card in Hindi (GET /reports/{id}/print, scale) | ${fmt(stats(printTimes))} |`,
    '',
    `Single card p95 end to end: ${ms(fc.p95)} first generation, ${ms(fu.p95)} regenerate (target < 50 ms).`,
    '',
    '## Batches',
    '',
    '| what | time | cards/s |',
    '|---|---|---|',
    `| a section of 40, function (POST /batches {section_id, wait: true}) | ${ms(sectionFnMs)} | ${(40 / (sectionFnMs / 1000)).toFixed(0)} |`,
    `| a section of 40, raw SQL (hpc_batch_start + hpc_batch_run chunks of 25) | ${ms(sectionRawMs)} | ${(40 / (sectionRawMs / 1000)).toFixed(0)} |`,
    `| the institution of 2,000, first generation (POST /batches, background, polled every 250 ms) | ${(institutionMs / 1000).toFixed(1)} s | ${(2000 / (institutionMs / 1000)).toFixed(0)} |`,
    `| the institution of 2,000, regenerate unchanged (wait: true) | ${(institutionAgainMs / 1000).toFixed(1)} s | ${(2000 / (institutionAgainMs / 1000)).toFixed(0)} |`,
    '',
    `Progress seen while the 2,000-card batch ran (processed, per poll): ${progressSeen.slice(0, 12).join(', ')}${progressSeen.length > 12 ? ', …' : ''}.`,
    `Regenerate outcome: ${again.batch.unchanged} unchanged, ${again.batch.succeeded} changed, ${again.batch.failed} failed.`,
    '',
    '## Transitions',
    '',
    '| what | transitions/s | p50 | p95 |',
    '|---|---|---|---|',
    `| submit ×2,000 through hpc-approvals, 8 concurrent class teachers | ${(2000 / submitSeconds).toFixed(0)} | ${ms(stats(submitTimes).p50)} | ${ms(stats(submitTimes).p95)} |`,
    `| approve ×1,000 raw SQL, one connection, sequential (coordinator) | ${(1000 / approveRawSeconds).toFixed(0)} | ${ms(stats(approveRaw).p50)} | ${ms(stats(approveRaw).p95)} |`,
    `| approve batch over the cycle (coordinator: ${batchApprove.batch.succeeded} approved, ${batchApprove.batch.skipped} skipped) | ${(batchApprove.batch.processed / batchApproveSeconds).toFixed(0)} | | |`,
    `| approve batch over the cycle (principal: ${batchApprove2.batch.succeeded} approved) | ${(batchApprove2.batch.processed / batchApprove2Seconds).toFixed(0)} | | |`,
    '',
    `"What awaits me" (GET /hpc-approvals/awaiting): the coordinator (Middle stage) with 2,000 submitted cards pending, limit 500: p50 ${ms(stats(coordinatorAwaiting).p50)}, p95 ${ms(stats(coordinatorAwaiting).p95)};`,
    `the principal with ${batchApprove2.batch.succeeded} approved cards, limit 100: p50 ${ms(stats(awaitingTimes).p50)}, p95 ${ms(stats(awaitingTimes).p95)}.`,
    '',
  ];
  return lines.join('\n');
}
