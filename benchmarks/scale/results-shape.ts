// The shape of results.json as RESULTS.md reads it. A partial run keeps the other sections of
// the run before it, so every section may be missing; `history` holds replaced sections.
import type { Stats } from '../stats.ts';
import type { RestRequestResult } from './rest-overhead.ts';

export interface PartitionsRun {
  inPlan: number;
  executed: number;
}

/** One query as the caller under RLS and as service_role. */
export interface RlsComparison {
  sameResult: boolean;
  rls: Stats;
  service: Stats;
  ratioP50: number;
  ratioP95: number;
}

/** Unprepared, with the rows returned and the partitions that ran. */
export interface RlsOverhead extends RlsComparison {
  rows: number;
  partitions: { rls: PartitionsRun; service: PartitionsRun };
}

export interface PolicyVariant {
  error?: string;
  stats: Stats;
  vsOursP50: number;
  vsServiceP50?: number;
  partitions?: PartitionsRun;
}

export interface Refresh {
  views: Record<string, { ms: number; rows: number; mode: string }>;
  totalSeconds: number;
  changedRatings: number;
  readers: {
    connections: number;
    before: Stats;
    during: Stats;
    lockWaitSamples: number;
    maxReadersWaitingOnLock?: number;
  };
}

export interface Cards {
  error?: string;
  compile?: Stats & { avgBytes: number };
  generate?: Stats & { section: string; cardsPerSecond: number; outcomes: Record<string, number>; error?: string };
}

export type ScaleSections = {
  rlsOverhead?: Record<string, RlsOverhead>;
  rlsOverheadPrepared?: Record<string, RlsComparison>;
  restOverhead?: Record<string, RestRequestResult>;
  /** How the rest section's user tokens were issued (`--tokens`). */
  restTokens?: 'hook' | 'plain';
  naivePolicies?: Record<string, Record<string, PolicyVariant>>;
  dashboards?: Record<string, Stats & { rows: number; source: string }>;
  refresh?: Refresh;
  cards?: Cards;
};

/** A replaced section with the start and load of the run that measured it. */
export type HistoryEntry = ScaleSections & {
  section: string;
  startedAt: string;
  loadAverageAtStart?: number[];
  loadAverageAtEnd?: number[];
};

export type ScaleResults = ScaleSections & {
  preset: string;
  startedAt: string;
  totalSeconds: number;
  sectionsThisRun?: string[];
  previousRunStartedAt?: string;
  loadAverageAtStart?: number[];
  loadAverageAtEnd?: number[];
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; postgres: string; settings: Record<string, string> };
  data: Record<string, number | string>;
  generation?: { seconds: number; reportsOnly?: boolean };
  subjects: { sectionStudents: number };
  sqlHelpers?: string[];
  history?: HistoryEntry[];
};
