// What scale-out prints: the plan or the refusals, one line per table as it goes, a summary.
import type { Cluster } from './cluster.ts';
import type { ScaleOutPlan, Step } from './plan.ts';

export interface Outcome {
  step: Step;
  status: 'done' | 'skipped' | 'failed';
  seconds: number;
  error?: string;
}

const pad = (s: string, n: number) => s.padEnd(n);

export function clusterLine(c: Cluster): string {
  return `Citus ${c.citusVersion}, ${c.workers} workers, citus.shard_count ${c.shardCount}, wal_level ${c.walLevelLogical ? 'logical' : 'not logical'}`;
}

export function refusalText(plan: ScaleOutPlan): string {
  const lines = [`scale-out refused: ${plan.refusals.length} tables cannot be taken into Citus as they are; nothing was changed.`];
  for (const r of plan.refusals) {
    lines.push(`  ${r.table}`);
    for (const reason of r.reasons) lines.push(`    - ${reason}`);
  }
  return lines.join('\n');
}

export function planText(plan: ScaleOutPlan): string {
  const lines = [
    ...plan.steps.flatMap((s) => [
      `  ${pad(s.kind, 12)}${pad(s.table, 44)}${pad(s.done ? 'already done' : s.method, 40)}${s.why}`,
      ...(s.done ? [] : s.droppedKeys).map(
        (key) => `  ${pad('', 12)}drops foreign key ${key} to auth.users: Citus keeps no key to a local table; the column stays`,
      ),
    ]),
    ...plan.local.map((l) => `  ${pad('local', 12)}${pad(l.table, 44)}${pad('stays on the coordinator', 40)}${l.why}`),
  ];
  return [`plan: ${plan.steps.length} tables in foreign-key order, colocation group anchored on ${plan.anchor ?? '(none)'}`, ...lines].join(
    '\n',
  );
}

export function outcomeLine(o: Outcome): string {
  const what = o.status === 'skipped' ? `skipped (already ${o.step.kind})` : o.status === 'failed' ? `FAILED: ${o.error}` : o.step.method;
  return `  ${pad(o.step.kind, 12)}${pad(o.step.table, 44)}${pad(`${o.seconds.toFixed(2)} s`, 10)}${what}`;
}

export function summaryLine(outcomes: Outcome[], seconds: number): string {
  const done = outcomes.filter((o) => o.status === 'done');
  const count = (kind: string) => done.filter((o) => o.step.kind === kind).length;
  const concurrently = done.filter((o) => o.step.method === 'create_distributed_table_concurrently').length;
  const skipped = outcomes.filter((o) => o.status === 'skipped').length;
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  return (
    `scale-out: ${count('reference')} reference tables, ${count('distributed')} distributed (${concurrently} concurrently), ` +
    `${skipped} skipped as already done, ${failed} failed, in ${seconds.toFixed(1)} s`
  );
}
