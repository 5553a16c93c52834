// Materialized views that exist (analytics adds some) are refreshed after the backfill, so
// they include the institution of every row; CONCURRENTLY where a unique index allows it
// (readers are not blocked), plainly otherwise.
import { planEstimateSeconds } from '../plan.ts';
import type { Step } from './step.ts';

export const materializedViews: Step = {
  name: 'phase2.materialized-views',
  phase: 'phase 2: data migration',
  estimateSeconds: planEstimateSeconds['phase2.materialized-views'],
  async run(ctx) {
    const views = await ctx.sql`
      select format('%I.%I', schemaname, matviewname) as name, ispopulated,
             exists (select 1 from pg_index as i where i.indrelid = format('%I.%I', schemaname, matviewname)::regclass
                     and i.indisunique and i.indpred is null) as has_unique
      from pg_matviews where schemaname not in ('pg_catalog', 'information_schema') order by 1`;
    const refreshed = [];
    for (const v of views) {
      const started = Date.now();
      const concurrently = v.has_unique && v.ispopulated;
      await ctx.sql.unsafe(`refresh materialized view ${concurrently ? 'concurrently ' : ''}${v.name}`);
      refreshed.push({ view: v.name, concurrently, seconds: (Date.now() - started) / 1000 });
    }
    return { refreshed, note: views.length ? undefined : 'no materialized views in this database' };
  },
};
