// Everything the runner can be told, with the plan's defaults.
import { join } from 'node:path';
import { projectRoot } from '../stack/settings.ts';
import { defaultBackfillOptions, type BackfillOptions } from './backfill/options.ts';
import { defaultIsolationOptions, type IsolationOptions } from './checklist/isolation/types.ts';

export type MappingConfig =
  | { mode: 'default'; name: string; slug: string; id?: string }
  | { mode: 'existing'; fallbackSlug?: string; file?: string }
  | { mode: 'file'; file: string };

export interface Thresholds {
  /** Plan alert: more than 5% failed batches. */
  failedBatchRate: number;
  /** Plan alert: latency above 2× normal. */
  latencyFactor: number;
  /** Probe latencies under this many ms are noise, never a trigger. */
  latencyFloorMs: number;
  /** Plan alert: more than 10 lock waits a minute. */
  lockWaitsPerMinute: number;
  /** Healthy this long after a pause: resume automatically. */
  resumeAfterSeconds: number;
}

export interface RunnerOptions {
  dbUrl: string;
  mapping: MappingConfig;
  backfill: BackfillOptions;
  thresholds: Thresholds;
  /** Institutions (slug or id) for the pilot, then further waves; 'all' = every institution. */
  pilot: string[];
  waves: string[][];
  /** Health observation after each rollout wave before it counts as done. */
  observeSeconds: number;
  backupDir: string;
  skipBackup: boolean;
  reportDir: string;
  notifyCommand?: string;
  notifyUrl?: string;
  maxTransactionSeconds: number;
  maxReplicationLagSeconds: number;
  /** Stop after this step (tests: leave the contract for later). */
  stopAfter?: string;
  /** The checklist's isolation proof: the shared tables allowed (with their reasons), bounds. */
  isolation: IsolationOptions;
}

export function defaultOptions(dbUrl: string): RunnerOptions {
  return {
    dbUrl,
    mapping: { mode: 'default', name: 'BIG DAY School', slug: 'bigday-school' },
    backfill: { ...defaultBackfillOptions },
    thresholds: { failedBatchRate: 0.05, latencyFactor: 2, latencyFloorMs: 20, lockWaitsPerMinute: 10, resumeAfterSeconds: 30 },
    pilot: [],
    waves: [],
    observeSeconds: 10,
    backupDir: join(projectRoot, '.local', 'migration-backups'),
    skipBackup: false,
    reportDir: join(projectRoot, '.local', 'migration-report'),
    maxTransactionSeconds: 60,
    maxReplicationLagSeconds: 10,
    isolation: defaultIsolationOptions(),
  };
}
