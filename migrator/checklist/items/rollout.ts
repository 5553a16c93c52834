// After the migration, ready to switch on: row level security on every public table, and the
// HPC on for the institutions the rollout names.
import type { ChecklistEntry } from '../check.ts';

export const ROLLOUT_ITEMS: ChecklistEntry[] = [
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
