// Many cards at once: a section of 40 through the function (POST /batches, wait) and as raw
// SQL (hpc_batch_start + hpc_batch_run chunks), then the institution of 2,000 as a
// background batch polled through the function, and regenerated unchanged.
import type postgres from 'postgres';
import { type BatchAnswer, fn, log, rawCall } from './calls.ts';
import type { Dataset } from './dataset.ts';

export interface BatchTimes {
  sectionFnMs: number;
  sectionRawMs: number;
  institutionMs: number;
  institutionAgainMs: number;
  /** Cards processed, per poll of the 2,000-card batch. */
  progressSeen: number[];
  /** The answer to regenerating the institution unchanged. */
  again: BatchAnswer;
}

export async function measureBatches(
  sql: postgres.Sql,
  { inst, cycle2, principal, classTeachers, sections }: Dataset,
): Promise<BatchTimes> {
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
  return { sectionFnMs, sectionRawMs, institutionMs, institutionAgainMs, progressSeen, again };
}
