// Approval transitions on the institution's 2,000 cards: submits through hpc-approvals (8
// class teachers at once), approvals as raw SQL, batches of approvals through the function,
// and "what awaits me" for the coordinator and the principal.
import type postgres from 'postgres';
import { type BatchAnswer, fn, log, pool, rawCall, type TransitionAnswer } from './calls.ts';
import type { Dataset } from './dataset.ts';

export interface TransitionTimes {
  submitTimes: number[];
  submitSeconds: number;
  coordinatorAwaiting: number[];
  approveRaw: number[];
  approveRawSeconds: number;
  /** The answers to the coordinator's and then the principal's approval batch. */
  batchApprove: BatchAnswer;
  batchApproveSeconds: number;
  batchApprove2: BatchAnswer;
  batchApprove2Seconds: number;
  awaitingTimes: number[];
}

export async function measureTransitions(
  sql: postgres.Sql,
  one: postgres.Sql,
  { inst, cycle2, students, sectionOf, principal, coordinator, classTeachers }: Dataset,
): Promise<TransitionTimes> {
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
    const [t, status, body] = await fn<TransitionAnswer>(classTeachers[sectionOf(i) - 1]!, `hpc-approvals/reports/${card.id}/transitions`, {
      action: 'submit',
      expected_version: card.v,
    });
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
  return {
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
  };
}
