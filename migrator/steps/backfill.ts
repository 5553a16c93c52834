// Phase 2 backfill as a runner step: the engine, watched by the health monitor (throttle
// under pressure; pause on a threshold and resume when healthy again), with progress and
// ETA on the terminal.
import { runBackfill } from '../backfill/engine.ts';
import { planEstimateSeconds } from '../plan.ts';
import { Progress } from '../progress.ts';
import { StepFailed, type Step } from './step.ts';

export const backfill: Step = {
  name: 'phase2.backfill',
  phase: 'phase 2: data migration',
  estimateSeconds: planEstimateSeconds['phase2.backfill'],
  async run(ctx) {
    const progress = new Progress('backfill', ctx.log);
    ctx.monitor.watchBackfill(true);
    try {
      const summary = await runBackfill(ctx.sql, ctx.options.backfill, {
        pressure: () => ctx.monitor.pressure,
        slowing: () => ctx.monitor.slowing,
        targetBatchMs: () => ctx.monitor.targetBatchMs(ctx.options.backfill.targetBatchMs),
        progress: (p) => progress.update(p.scannedRows, p.totalRows, p.switchState === 'run' ? '' : p.switchState),
      });
      progress.stop();
      if (summary.status === 'cancelled') throw new StepFailed('backfill cancelled by the operator; run again to resume', summary);
      return { ...summary, triggers: ctx.monitor.firedTriggers() };
    } finally {
      progress.stop();
      ctx.monitor.watchBackfill(false);
    }
  },
};
