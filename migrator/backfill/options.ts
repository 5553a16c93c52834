// How the backfill is set: its workers, batch sizing, pacing and timeouts, with the plan's
// defaults. Apart from the engine so that its parts and the benchmarks can read them.

export interface BackfillOptions {
  workers: number;
  targetBatchMs: number;
  initialBatch: number;
  minBatch: number;
  maxBatch: number;
  /** Fixed batch size, no adaptation (the plan's own approach, for comparison). */
  fixedBatch: boolean;
  /** Pause after every batch (the plan's approach: 100 ms). */
  sleepMs: number;
  /** Extra pause per batch while the monitor reports pressure. */
  throttleMs: number;
  /** Share of its time a worker spends in batches (0 < duty ≤ 1): after a batch of t ms it
   * rests t × (1 − duty) / duty. With 2 workers on 2 cores, 0.5 uses about one core and
   * leaves the other to the application. The rest doubles (up to 8×) while the monitor
   * sees the application slowing down, and shrinks back when it recovers. */
  dutyCycle: number;
  lockTimeoutMs: number;
  statementTimeoutMs: number;
  /** Only these tables (default: all seven). */
  tables?: string[];
}

/** The rest a batch of `batchMs` earns at a duty cycle, before any slow-down multiplier. */
export function dutyCycleRestMs(batchMs: number, dutyCycle: number): number {
  return (batchMs * (1 - dutyCycle)) / dutyCycle;
}

export const defaultBackfillOptions: BackfillOptions = {
  workers: 2,
  targetBatchMs: 250,
  initialBatch: 1_000,
  minBatch: 100,
  maxBatch: 20_000,
  fixedBatch: false,
  sleepMs: 0,
  throttleMs: 200,
  dutyCycle: 0.5,
  lockTimeoutMs: 200,
  statementTimeoutMs: 10_000,
};
