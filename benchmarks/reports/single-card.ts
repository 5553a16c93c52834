// One card at a time: generated as raw SQL and through the function, interleaved so that both
// paths see the same database state (the scale dataset, then the demo data), and the calls
// that measure the HTTP path alone, a read and a printable card.
import type postgres from 'postgres';
import { actor, fn, log, rawCall, SAMPLES, type GenerateAnswer } from './calls.ts';
import type { Dataset } from './dataset.ts';

/** Warms up both paths (connections, plans, Deno JIT). */
export async function warmUp(one: postgres.Sql, { inst, cycle2, students, principal }: Dataset): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await one`select private.hpc_compile_card(${inst}, ${cycle2}, ${students[1999 - i]!})`;
    await fn(principal, 'hpc-approvals/awaiting?limit=1');
  }
}

export interface ScaleCardTimes {
  compileOnly: number[];
  rawCreate: number[];
  fnCreate: number[];
  fnCreateInside: number[];
  rawUnchanged: number[];
  fnUnchanged: number[];
  fnUnchangedInside: number[];
  /** Average card size, as JSON text. */
  cardBytes: number;
  readTimes: number[];
  hopTimes: number[];
  healthTimes: number[];
  printTimes: number[];
}

export async function measureScaleCard(
  sql: postgres.Sql,
  one: postgres.Sql,
  { inst, cycle2, students, principal }: Dataset,
): Promise<ScaleCardTimes> {
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
  return {
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
  };
}

export interface DemoCardTimes {
  /** Students of the demo cycle without a card past draft. */
  students: number;
  demoRaw: number[];
  demoFn: number[];
  demoFnInside: number[];
}

export async function measureDemoCard(sql: postgres.Sql, one: postgres.Sql): Promise<DemoCardTimes> {
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
      const [t, status, body, inside] = await fn<GenerateAnswer>(demoPrincipal, 'hpc-reports/generate', {
        cycle_id: d.cycle_id,
        student_id: d.student_id,
      });
      if (status !== 200) throw new Error(`demo function: ${status} ${JSON.stringify(body)}`);
      demoFn.push(t);
      demoFnInside.push(inside);
    }
  }
  return { students: demo.length, demoRaw, demoFn, demoFnInside };
}
