// The plan's checklist (pre, during, post) as machine-checked items, each pass/fail with the
// evidence read from the database and the ledger at the moment the report is written.
import type { Sql } from '../db.ts';
import type { RunnerOptions } from '../options.ts';
import type { HealthMonitor } from '../health/monitor.ts';
import { presentContractedTables } from '../backfill/tables.ts';
import { allMigrations, versionOf } from '../supabase-cli.ts';
import { migrationVersions } from '../rollback/snapshot.ts';
import { proveIsolation, type IsolationResult } from './isolation/prove.ts';
import { bigDayDefects, replayAppWrites, skippedAppWrites } from './app-writes.ts';

export interface ChecklistItem {
  stage: 'pre' | 'during' | 'post';
  item: string;
  ok: boolean;
  evidence: unknown;
}

/** The isolation proof, run once for the three items that report on it. */
type Proof = () => Promise<IsolationResult>;

type Check = (sql: Sql, o: RunnerOptions, m: HealthMonitor | undefined, proof: Proof) => Promise<{ ok: boolean; evidence: unknown }>;

const FAILURES_SHOWN = 50;
const listed = <T>(failures: T[]) => ({ failures: failures.slice(0, FAILURES_SHOWN), failureCount: failures.length });
const perRole = (p: IsolationResult['perTable'], pick: (c: IsolationResult['perTable'][string][string]) => object) =>
  Object.fromEntries(Object.entries(p).map(([t, roles]) => [t, Object.fromEntries(Object.entries(roles).map(([r, c]) => [r, pick(c)]))]));

const preflightCheck =
  (key: string): Check =>
  async (sql) => {
    const [row] = await sql`select evidence -> ${key} as e from hpc_migration.steps where name = 'preflight' and status = 'done'`;
    const e = row?.e as { ok: boolean; evidence: unknown } | undefined;
    return e ? { ok: e.ok, evidence: e.evidence } : { ok: false, evidence: 'preflight has not passed' };
  };

const items: [ChecklistItem['stage'], string, Check][] = [
  ['pre', 'backup taken (pg_dump -Fc) and verified with pg_restore --list', preflightCheck('backup')],
  ['pre', 'no long-running transactions', preflightCheck('longTransactions')],
  ['pre', 'replication lag within threshold (or no replica)', preflightCheck('replication')],
  ['pre', 'free disk for backup and backfill', preflightCheck('disk')],
  ['pre', 'timeouts in force for API roles', preflightCheck('timeouts')],
  ['pre', 'no new WAL file to zero-fill during the backfill (advice: wal_init_zero or WAL kept for reuse)', preflightCheck('walFiles')],
  [
    'pre',
    'baseline schema snapshot recorded (for rollback)',
    async (sql) => {
      const [r] = await sql`select taken_at::text, cardinality(migration_versions) as versions from hpc_migration.baseline_snapshot`;
      return { ok: Boolean(r), evidence: r ?? 'none' };
    },
  ],
  [
    'during',
    'failed batches at most 5%',
    async (sql, o) => {
      const [r] = await sql`select count(*)::int as total, count(*) filter (where not ok)::int as failed from hpc_migration.batches`;
      const rate = r!.total ? r!.failed / r!.total : 0;
      return { ok: rate <= o.thresholds.failedBatchRate, evidence: { ...r, rate } };
    },
  ],
  [
    'during',
    'backfill not paused or cancelled',
    async (sql) => {
      const [r] = await sql`select value from hpc_migration.control where key = 'backfill'`;
      return { ok: r?.value === 'run', evidence: r?.value };
    },
  ],
  [
    'during',
    'every backfill range done',
    async (sql) => {
      const rows = await sql`select status, count(*)::int as n from hpc_migration.backfill_ranges group by status`;
      return {
        ok: rows.length > 0 && rows.every((r) => r.status === 'done'),
        evidence: Object.fromEntries(rows.map((r) => [r.status, r.n])),
      };
    },
  ],
  [
    'during',
    'no lock wait over 1 s seen by the monitor',
    async (_sql, _o, m) => ({
      ok: (m?.longestLockWaitMs ?? 0) <= 1000,
      evidence: { longestLockWaitMs: Math.round(m?.longestLockWaitMs ?? 0) },
    }),
  ],
  [
    'post',
    'no tenant row without institution_id',
    async (sql) => {
      const counts: Record<string, number> = {};
      for (const t of await presentContractedTables(sql)) {
        const [r] = await sql.unsafe(`select count(*)::int as n from public.${t} where institution_id is null`);
        counts[t] = r!.n as number;
      }
      return { ok: Object.values(counts).every((n) => n === 0), evidence: counts };
    },
  ],
  [
    'post',
    'institution_id foreign keys validated',
    async (sql) => {
      const tables = await presentContractedTables(sql);
      const rows = await sql`select conrelid::regclass::text as t, conname, convalidated from pg_constraint
                           where contype = 'f' and confrelid = 'public.institutions'::regclass
                             and conrelid::regclass::text = any(${tables})`;
      return { ok: rows.length === tables.length && rows.every((r) => r.convalidated), evidence: [...rows] };
    },
  ],
  [
    'post',
    'institution_id NOT NULL',
    async (sql) => {
      const tables = await presentContractedTables(sql);
      const rows = await sql`select c.relname as t, a.attnotnull from pg_attribute as a join pg_class as c on c.oid = a.attrelid
                           where c.relnamespace = 'public'::regnamespace and c.relname = any(${tables}) and a.attname = 'institution_id'`;
      return { ok: rows.length === tables.length && rows.every((r) => r.attnotnull), evidence: [...rows] };
    },
  ],
  [
    'post',
    'no invalid index left by a concurrent build',
    async (sql) => {
      const rows = await sql`select indexrelid::regclass::text as index from pg_index where not indisvalid`;
      return { ok: rows.length === 0, evidence: [...rows] };
    },
  ],
  [
    'post',
    'every migration recorded in the history',
    async (sql) => {
      const applied = await migrationVersions(sql);
      const missing = allMigrations()
        .map(versionOf)
        .filter((v) => !applied.includes(v));
      return { ok: missing.length === 0, evidence: { applied: applied.length, missing } };
    },
  ],
  // RLS on every table is not isolation: each role of each school, impersonated as
  // PostgREST does, reads and writes every exposed relation (checklist/isolation/).
  [
    'post',
    'no row of another school is visible to any role on any exposed table',
    async (_sql, _o, _m, proof) => {
      const r = await proof();
      return {
        ok: r.ok.visibility,
        evidence: {
          ...listed(r.failures.visibility),
          totals: r.totals,
          callers: r.callers,
          schemas: r.schemas,
          noTenantPath: r.noTenantPath,
          unusedSharedTables: r.unusedSharedTables,
          errors: r.errors,
          relations: r.relations,
          perTable: perRole(r.perTable, (c) => ({ visible: c.visible, foreign: c.foreign })),
        },
      };
    },
  ],
  [
    'post',
    'no row of another school is writable by any role',
    async (_sql, _o, _m, proof) => {
      const r = await proof();
      return {
        ok: r.ok.writes,
        evidence: {
          ...listed(r.failures.writes),
          writeProbes: r.totals.writeProbes,
          callers: r.totals.callers,
          outcomes: r.writeOutcomes,
          notProbed: r.writesNotProbed,
          perTable: perRole(r.perTable, (c) => ({ probes: c.probes, writable: c.writable })),
        },
      };
    },
  ],
  [
    'post',
    "no API-callable function returns another school's rows",
    async (_sql, _o, _m, proof) => {
      const r = await proof();
      return {
        ok: r.ok.functions,
        evidence: {
          ...listed(r.failures.functions),
          functionsProbed: r.totals.functionsProbed,
          rowsReturned: r.totals.functionRowsReturned,
          unpinnedSecurityDefiner: r.unpinnedSecurityDefiner,
          functions: r.functions,
        },
      };
    },
  ],
  // The live app's own writes (checklist/app-writes.ts), replayed for one school as its admin
  // through the API and as BIG DAY's server functions, each rolled back.
  [
    'post',
    'every write of the live app works for its own school',
    async (sql) => {
      const [shape] = await sql`select to_regclass('public.timetable_sessions') is not null as newer`;
      if (!shape!.newer) {
        return {
          ok: true,
          evidence: { applicable: false, why: "the replay is of the app of BIG DAY's newer shape; this database has the older one" },
        };
      }
      const results = await replayAppWrites(sql);
      const broken = results.filter((r) => !r.ok && !bigDayDefects[r.name]);
      return {
        ok: broken.length === 0,
        evidence: {
          replayed: results.length,
          working: results.filter((r) => r.ok).length,
          broken,
          brokenByBigDayItself: results
            .filter((r) => !r.ok && bigDayDefects[r.name])
            .map((r) => ({ ...r, why: bigDayDefects[r.name]!.why })),
          notReplayable: skippedAppWrites.length,
        },
      };
    },
  ],
  [
    'post',
    'RLS enabled on every table in public (partitions included)',
    async (sql) => {
      const rows =
        await sql`select relname from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and not relrowsecurity`;
      return { ok: rows.length === 0, evidence: rows.map((r) => r.relname) };
    },
  ],
  [
    'post',
    'HPC on for the rollout institutions',
    async (sql, o) => {
      if (!o.pilot.length) return { ok: true, evidence: 'no rollout asked' };
      const rows = await sql`select i.slug, f.enabled, f.pilot_cohort from public.institution_feature_flags as f
                           join public.institutions as i on i.id = f.institution_id where f.feature = 'hpc' order by i.slug`;
      const wanted = [...o.pilot, ...o.waves.flat()];
      const on = rows.filter((r) => r.enabled).map((r) => r.slug as string);
      return { ok: wanted.includes('all') ? on.length > 0 : wanted.every((w) => on.includes(w)), evidence: [...rows] };
    },
  ],
];

export async function evaluateChecklist(sql: Sql, o: RunnerOptions, m?: HealthMonitor): Promise<ChecklistItem[]> {
  const out: ChecklistItem[] = [];
  let isolation: Promise<IsolationResult> | undefined;
  const proof: Proof = () => (isolation ??= proveIsolation(sql, o.isolation));
  for (const [stage, item, check] of items) {
    try {
      out.push({ stage, item, ...(await check(sql, o, m, proof)) });
    } catch (error) {
      out.push({ stage, item, ok: false, evidence: `could not check: ${(error as Error).message}` });
    }
  }
  return out;
}
