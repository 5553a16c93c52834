// What a checklist item is: a stage, a statement, and the check that reads the evidence for
// it from the database, the ledger and the health monitor.
import type { Sql } from '../db.ts';
import type { RunnerOptions } from '../options.ts';
import type { HealthMonitor } from '../health/monitor.ts';
import type { IsolationResult } from './isolation/prove.ts';

export interface ChecklistItem {
  stage: 'pre' | 'during' | 'post';
  item: string;
  ok: boolean;
  evidence: unknown;
}

/** The isolation proof, run once for the three items that report on it. */
export type Proof = () => Promise<IsolationResult>;

export type Check = (sql: Sql, o: RunnerOptions, m: HealthMonitor | undefined, proof: Proof) => Promise<{ ok: boolean; evidence: unknown }>;

/** One item of the list: its stage, what it states, and how it is checked. */
export type ChecklistEntry = [ChecklistItem['stage'], string, Check];
