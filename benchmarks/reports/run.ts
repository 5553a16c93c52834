// `npm run bench:reports`: report generation and approval transitions, through the edge
// functions (gateway + Deno + PostgreSQL) and as raw SQL (the same database call, in the
// same transaction shape the functions use: role authenticated + the caller's claims).
//
// Runs against the running local stack (`npm start`; HPC_STACK_HOME / HPC_DB_PORT /
// HPC_API_PORT move it). Loads the scale dataset (benchmarks/reports/scale.sql: 2,000
// Middle-stage students, ~432,000 evaluations) once per database, and clears the benchmark
// institution's cards before each run. Prints the figures and writes RESULTS.md beside it.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { userToken } from '../../stack/keys.ts';
import { stackSettings, dbUrl, apiUrl } from '../../stack/settings.ts';
import { asCaller } from '../caller.ts';
import { stats, type Stats } from '../stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const settings = stackSettings();
const DB = dbUrl(settings);
const API = apiUrl(settings);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const log = (line: string) => console.log(`[bench:reports ${new Date().toISOString().slice(11, 19)}] ${line}`);
const md5uuid = (sql: postgres.Sql, text: string) => sql`select md5(${text})::uuid as id`.then((r) => r[0]!.id as string);

const ms = (v: number) => `${v.toFixed(1)} ms`;

interface Actor {
  id: string;
  email: string;
  token: string;
  claims: string;
}
async function actor(id: string, email: string): Promise<Actor> {
  return {
    id,
    email,
    token: await userToken({ id, email }),
    claims: JSON.stringify({ sub: id, role: 'authenticated', aud: 'authenticated' }),
  };
}

/** One raw SQL call as the caller, timed from begin to commit (what queryAsCaller does in the function). */
async function rawCall<T>(sql: postgres.Sql, who: Actor, call: (tx: postgres.TransactionSql) => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await asCaller(sql, 'authenticated', who.claims, call);
  return [performance.now() - started, result];
}

/** What the benchmark reads of the functions' answers. */
interface GenerateAnswer {
  report: { outcome: string };
}
interface BatchAnswer {
  batch: { job_id: string; done: boolean; processed: number; succeeded: number; skipped: number; failed: number; unchanged: number };
}
interface TransitionAnswer {
  result: { lock_version: number };
}

/** One function call: end-to-end time, status, body, and the function's own time (its
 * Server-Timing `fn`, from routing to the answer inside Deno). */
async function fn<Answer = unknown>(who: Actor, path: string, body?: unknown): Promise<[number, number, Answer, number]> {
  const started = performance.now();
  const response = await fetch(`${API}/functions/v1/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await response.json();
  const inside = Number(/fn;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1] ?? NaN);
  return [performance.now() - started, response.status, json as Answer, inside];
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

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

    // ---- scale dataset -------------------------------------------------------------------
    const [{ present }] =
      (await sql`select exists (select 1 from public.institutions where slug = 'bench-reports-scale') as present`) as unknown as [
        { present: boolean },
      ];
    if (!present) {
      log('loading the scale dataset (2,000 students, ~432,000 evaluations; once per database)…');
      const t = performance.now();
      await sql.begin((tx) => tx.unsafe(readFileSync(join(here, 'scale.sql'), 'utf8')));
      log(`loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const inst = await md5uuid(sql, 'bench5:institution');
    const cycle2 = await md5uuid(sql, 'bench5:cycle:2');
    const students = (
      await sql`select id, n from (select md5('bench5:student:' || n)::uuid as id, n from generate_series(1, 2000) n) s order by n`
    ).map((r) => r.id as string);
    const sectionOf = (i: number) => Math.floor(i / 40) + 1; // students[i] is student n = i + 1
    const principal = await actor(await md5uuid(sql, 'bench5:principal'), 'principal1@bench5.example');
    const coordinator = await actor(await md5uuid(sql, 'bench5:coordinator'), 'coordinator1@bench5.example');
    const classTeachers: Actor[] = [];
    for (let n = 1; n <= 50; n++) classTeachers.push(await actor(await md5uuid(sql, `bench5:ct:${n}`), `class_teacher${n}@bench5.example`));
    const sections: string[] = [];
    for (let n = 1; n <= 50; n++) sections.push(await md5uuid(sql, `bench5:section:${n}`));

    log("clearing the benchmark institution's cards and jobs…");
    await sql`delete from public.hpc_approval_workflows where institution_id = ${inst} and kind = 'step'`;
    await sql`delete from public.hpc_reports where institution_id = ${inst}`;
    await sql`delete from public.report_jobs where institution_id = ${inst}`;
    await sql`analyze public.hpc_reports, public.hpc_approval_workflows, public.hpc_evaluations`;

    const evals = (await sql`select count(*)::int as n from public.hpc_evaluations where institution_id = ${inst}`)[0]!.n as number;

    // warm up both paths (connections, plans, Deno JIT)
    for (let i = 0; i < 20; i++) {
      await one`select private.hpc_compile_card(${inst}, ${cycle2}, ${students[1999 - i]!})`;
      await fn(principal, 'hpc-approvals/awaiting?limit=1');
    }

    // ---- single card, scale dataset ------------------------------------------------------
    log(`single card on the scale dataset, ${SAMPLES} samples per path…`);
    const sample = (from: number) => students.slice(from, from + SAMPLES);
    const compileOnly: number[] = [];
    // the compile alone, as the table owner (no transaction wrapper, no access checks)
    for (const s of sample(1000)) {
      const t = performance.now();
      await one`select private.hpc_compile_card(${inst}, ${cycle2}, ${s}) as c`;
      compileOnly.push(performance.now() - t);
    }
    const rawCreate: number[] = [];
    const fnCreate: number[] = [];
    const fnCreateInside: number[] = [];
    const rawUnchanged: number[] = [];
    const fnUnchanged: number[] = [];
    const fnUnchangedInside: number[] = [];
    let cardBytes = 0;
    // interleaved so that both paths see the same database state
    for (let i = 0; i < SAMPLES; i++) {
      const a = students[i]!;
      const b = students[SAMPLES + i]!;
      const [t1, r1] = await rawCall(one, principal, (tx) => tx`select to_jsonb(public.hpc_generate_report(${cycle2}, ${a})) as r`);
      if (r1[0]!.r.outcome !== 'created') throw new Error(`expected created, got ${JSON.stringify(r1[0]!.r)}`);
      rawCreate.push(t1);
      const [t2, status, body, inside] = await fn<GenerateAnswer>(principal, 'hpc-reports/generate', { cycle_id: cycle2, student_id: b });
      if (status !== 200 || body.report.outcome !== 'created') throw new Error(`function: ${status} ${JSON.stringify(body)}`);
      fnCreate.push(t2);
      fnCreateInside.push(inside);
    }
    for (let i = 0; i < SAMPLES; i++) {
      const a = students[i]!;
      const b = students[SAMPLES + i]!;
      rawUnchanged.push((await rawCall(one, principal, (tx) => tx`select to_jsonb(public.hpc_generate_report(${cycle2}, ${a})) as r`))[0]);
      const [t2, status, body, inside] = await fn<GenerateAnswer>(principal, 'hpc-reports/generate', { cycle_id: cycle2, student_id: b });
      if (status !== 200 || body.report.outcome !== 'unchanged') throw new Error(`function: ${status} ${JSON.stringify(body)}`);
      fnUnchanged.push(t2);
      fnUnchangedInside.push(inside);
    }
    cardBytes = (
      await sql`select avg(pg_column_size(content))::int as b, avg(length(content::text))::int as t from public.hpc_reports where institution_id = ${inst}`
    )[0]!.t;
    const readTimes: number[] = [];
    const reportIds = (await sql`select id from public.hpc_reports where institution_id = ${inst} limit ${SAMPLES}`).map(
      (r) => r.id as string,
    );
    for (const id of reportIds) readTimes.push((await fn(principal, `hpc-reports/reports/${id}`))[0]);
    const hopTimes: number[] = [];
    const healthTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      hopTimes.push((await fn(principal, 'hpc-reports/no-such-route'))[0]);
      healthTimes.push((await fn(principal, 'hpc-reports/health'))[0]);
    }
    const printTimes: number[] = [];
    for (const id of reportIds.slice(0, 50)) printTimes.push((await fn(principal, `hpc-reports/reports/${id}/print?lang=hi`))[0]);

    // ---- single card, demo data (the seed) -------------------------------------------------
    log('single card on the demo data (seed: Vidya Niketan, Term 2)…');
    const demoPrincipal = await actor('00000000-0000-4000-a000-000000000004', 'principal@vidyaniketan.example');
    const demo = await sql`
      select c.id as cycle_id, p.id as student_id
      from public.user_profiles p
      join public.hpc_evaluation_cycles c on c.institution_id = p.institution_id and c.term_number = 2
      where p.institution_id = '10000000-0000-4000-8000-000000000001' and p.role = 'student'
        and not exists (select 1 from public.hpc_reports r where r.cycle_id = c.id and r.student_id = p.id and r.status not in ('draft', 'changes_requested'))
      order by p.id`;
    const demoRaw: number[] = [];
    const demoFn: number[] = [];
    const demoFnInside: number[] = [];
    if (demo.length > 0) {
      for (let i = 0; i < Math.max(SAMPLES / 2, demo.length); i++) {
        const d = demo[i % demo.length]!;
        demoRaw.push(
          (
            await rawCall(one, demoPrincipal, (tx) => tx`select to_jsonb(public.hpc_generate_report(${d.cycle_id}, ${d.student_id})) as r`)
          )[0],
        );
        const [t, status, body, inside] = await fn(demoPrincipal, 'hpc-reports/generate', {
          cycle_id: d.cycle_id,
          student_id: d.student_id,
        });
        if (status !== 200) throw new Error(`demo function: ${status} ${JSON.stringify(body)}`);
        demoFn.push(t);
        demoFnInside.push(inside);
      }
    }

    // ---- a section of 40 -------------------------------------------------------------------
    log('a section of 40 (generate)…');
    const [sectionFnMs, sectionStatus, sectionBody] = await fn<BatchAnswer>(classTeachers[20]!, 'hpc-reports/batches', {
      kind: 'generate',
      cycle_id: cycle2,
      section_id: sections[20]!,
      wait: true,
    });
    if (sectionStatus !== 200 || sectionBody.batch.succeeded !== 40) throw new Error(`section: ${JSON.stringify(sectionBody)}`);
    const t0 = performance.now();
    const [, started] = await rawCall(
      sql,
      classTeachers[21]!,
      (tx) => tx`select to_jsonb(public.hpc_batch_start('generate', ${cycle2}, ${sections[21]!})) as p`,
    );
    for (;;) {
      const [, p] = await rawCall(
        sql,
        classTeachers[21]!,
        (tx) => tx`select to_jsonb(public.hpc_batch_run(${started[0]!.p.job_id}, 25, 1500)) as p`,
      );
      if (p[0]!.p.done) break;
    }
    const sectionRawMs = performance.now() - t0;

    // ---- the institution of 2,000 ----------------------------------------------------------
    log('the institution of 2,000 (background batch through the function, polled)…');
    await sql`delete from public.hpc_approval_workflows where institution_id = ${inst} and kind = 'step'`;
    await sql`delete from public.hpc_reports where institution_id = ${inst}`;
    const t1 = performance.now();
    const [, batchStatus, batchBody] = await fn<BatchAnswer>(principal, 'hpc-reports/batches', { kind: 'generate', cycle_id: cycle2 });
    if (batchStatus !== 202) throw new Error(`batch: ${batchStatus} ${JSON.stringify(batchBody)}`);
    let progress = batchBody.batch;
    const progressSeen: number[] = [];
    while (!progress.done) {
      await new Promise((r) => setTimeout(r, 250));
      progress = (await fn<BatchAnswer>(principal, `hpc-reports/batches/${progress.job_id}`))[2].batch;
      progressSeen.push(progress.processed);
    }
    const institutionMs = performance.now() - t1;
    if (progress.succeeded !== 2000) throw new Error(`institution batch: ${JSON.stringify(progress)}`);
    const t2 = performance.now();
    const [, , again] = await fn<BatchAnswer>(principal, 'hpc-reports/batches', { kind: 'generate', cycle_id: cycle2, wait: true });
    const institutionAgainMs = performance.now() - t2;

    // ---- transitions -----------------------------------------------------------------------
    log('transitions: 2,000 submits through the function (8 concurrent), approvals as raw SQL, a batch of approvals…');
    const current = new Map(
      (await sql`select student_id, id, lock_version from public.hpc_reports where institution_id = ${inst} and is_current`).map((r) => [
        r.student_id as string,
        { id: r.id as string, v: Number(r.lock_version) },
      ]),
    );
    const indexed = students.map((s, i) => ({ s, i }));
    const t3 = performance.now();
    const submitTimes: number[] = [];
    await pool(indexed, 8, async ({ s, i }) => {
      const card = current.get(s)!;
      const [t, status, body] = await fn<TransitionAnswer>(
        classTeachers[sectionOf(i) - 1]!,
        `hpc-approvals/reports/${card.id}/transitions`,
        {
          action: 'submit',
          expected_version: card.v,
        },
      );
      if (status !== 200) throw new Error(`submit: ${status} ${JSON.stringify(body)}`);
      submitTimes.push(t);
      card.v = body.result.lock_version;
    });
    const submitSeconds = (performance.now() - t3) / 1000;
    const coordinatorAwaiting: number[] = [];
    for (let i = 0; i < 20; i++) coordinatorAwaiting.push((await fn(coordinator, 'hpc-approvals/awaiting?limit=500'))[0]);
    const t4 = performance.now();
    const approveRaw: number[] = [];
    for (const s of students.slice(0, 1000)) {
      const card = current.get(s)!;
      const [t, r] = await rawCall(
        one,
        coordinator,
        (tx) => tx`select jsonb_strip_nulls(to_jsonb(public.hpc_transition_report(${card.id}, 'approve', ${card.v}))) as r`,
      );
      approveRaw.push(t);
      card.v = r[0]!.r.lock_version;
    }
    const approveRawSeconds = (performance.now() - t4) / 1000;
    const t5 = performance.now();
    const [, , batchApprove] = await fn<BatchAnswer>(coordinator, 'hpc-reports/batches', {
      kind: 'transition',
      action: 'approve',
      cycle_id: cycle2,
      wait: true,
    });
    const batchApproveSeconds = (performance.now() - t5) / 1000;
    const t6 = performance.now();
    const [, , batchApprove2] = await fn<BatchAnswer>(principal, 'hpc-reports/batches', {
      kind: 'transition',
      action: 'approve',
      cycle_id: cycle2,
      wait: true,
    });
    const batchApprove2Seconds = (performance.now() - t6) / 1000;
    const awaitingTimes: number[] = [];
    for (let i = 0; i < 20; i++) awaitingTimes.push((await fn(principal, 'hpc-approvals/awaiting?limit=100'))[0]);

    // ---- report -----------------------------------------------------------------------------
    const rows: [string, Stats | null, string][] = [];
    const fmt = (s: Stats) => `${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.mean)} | ${s.n}`;
    const cs = stats(compileOnly),
      rc = stats(rawCreate),
      fc = stats(fnCreate),
      ru = stats(rawUnchanged),
      fu = stats(fnUnchanged);
    const dr = demoRaw.length ? stats(demoRaw) : null,
      df = demoFn.length ? stats(demoFn) : null;
    const version = (await sql`select version()`)[0]!.version as string;
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
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(', ');
    const lines = [
      '# Report generation and approvals — benchmark results',
      '',
      `Run: ${new Date().toISOString()} · \`npm run bench:reports\` · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB · ${version.split(',')[0]}`,
      `Load average (1, 5, 15 min) at the start: ${loadAtStart}; at the end: ${load} — other work on this shared machine inflates every figure; compare paths within one run.`,
      `Local stack: PostgreSQL 15 (no pooler), the JWT gateway and Deno 2.1.4 per function, all on this machine; HTTP/1.1 keep-alive from Node's fetch.`,
      '',
      `Scale dataset: one Middle-stage institution, 2,000 students in 50 sections of 40, ${evals.toLocaleString('en')} evaluations`,
      `(27 parameters × 4 rater roles × 2 terms per student); the Term 2 card compiles both terms (${(cardBytes / 1024).toFixed(1)} KiB of JSON per card).`,
      `Demo data: the seed's Vidya Niketan, Term 2 cycle, its principal (${demo.length} students).`,
      '',
      '"Raw SQL" is the same database call the function makes, from Node with postgres.js, in the same transaction',
      "(begin; role authenticated + the caller's claims; the call; commit — four round trips, ~0.1 ms each from Node).",
      '"Function" is end to end: fetch → gateway (JWT check) → Deno (JWT check, zod, queryAsCaller: the same transaction',
      'in four round trips through node-postgres) → PostgreSQL → JSON back.',
      '',
      '## Function overhead over raw SQL',
      '',
      'p50 of each function call minus the raw call run just before it (target < 3 ms). "HTTP path" is end to end minus the',
      "function's own time (its Server-Timing: fetch, the gateway's JWT check and proxy, Deno's HTTP server); \"in the function\"",
      'is its own time minus the raw SQL time (JWT check, zod, the four statements through pg instead of postgres.js from Node, JSON).',
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
    const text = lines.join('\n');
    writeFileSync(join(here, 'RESULTS.md'), text);
    console.log(`\n${text}`);
    void rows;
  } finally {
    await sql.end();
    await one.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
