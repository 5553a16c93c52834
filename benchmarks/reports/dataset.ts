// The benchmark's data: the scale dataset (benchmarks/reports/scale.sql: one Middle-stage
// institution, 2,000 students in 50 sections of 40, ~432,000 evaluations), loaded once per
// database, its ids and actors, and the institution's cards and jobs cleared before a run.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type postgres from 'postgres';
import { actor, log, md5uuid, type Actor } from './calls.ts';

const here = dirname(fileURLToPath(import.meta.url));

export interface Dataset {
  inst: string;
  cycle2: string;
  /** students[i] is student n = i + 1 */
  students: string[];
  sectionOf: (i: number) => number;
  principal: Actor;
  coordinator: Actor;
  classTeachers: Actor[];
  sections: string[];
  /** The institution's evaluations. */
  evals: number;
}

export async function prepareDataset(sql: postgres.Sql): Promise<Dataset> {
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
  return { inst, cycle2, students, sectionOf, principal, coordinator, classTeachers, sections, evals };
}
