// A runner step: a name, the plan phase it belongs to, the plan's time estimate, and an
// idempotent body that returns its evidence (what the checklist and report show).
import type { Sql } from '../db.ts';
import type { Log } from '../log.ts';
import type { RunnerOptions } from '../options.ts';
import type { Notifier } from '../notify.ts';
import type { HealthMonitor } from '../health/monitor.ts';

export type Phase = 'preflight' | 'phase 1: schema extension' | 'phase 2: data migration' | 'enforcement' | 'phase 3: rollout';

export interface StepContext {
  sql: Sql;
  options: RunnerOptions;
  log: Log;
  notify: Notifier;
  monitor: HealthMonitor;
}

export class StepFailed extends Error {
  constructor(
    message: string,
    readonly evidence: object = {},
  ) {
    super(message);
  }
}

export interface Step {
  name: string;
  phase: Phase;
  /** The plan's estimate for this step, seconds (see plan.ts). */
  estimateSeconds: number;
  run(ctx: StepContext): Promise<object>;
}
