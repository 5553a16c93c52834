// Phase 3: HPC on for the pilot institutions, then for each further wave, through the data
// model's flags table (public.institution_feature_flags; private.hpc_enabled() answers
// requests). Each wave is watched for `observeSeconds`; if a health threshold is crossed,
// the wave is undone (flags off again) and the runner stops and says so.
import type { Sql } from '../db.ts';
import { sleep } from '../db.ts';
import { planEstimateSeconds } from '../plan.ts';
import { StepFailed, type Step, type StepContext } from './step.ts';

async function resolve(sql: Sql, names: string[]): Promise<{ id: string; slug: string }[]> {
  if (names.includes('all')) {
    return [...(await sql`select id::text, slug from public.institutions order by slug`)] as never;
  }
  const rows =
    await sql`select id::text, slug from public.institutions where slug = any(${names}) or id::text = any(${names}) order by slug`;
  const missing = names.filter((n) => !rows.some((r) => r.slug === n || r.id === n));
  if (missing.length) throw new StepFailed(`unknown institutions: ${missing.join(', ')}`);
  return [...rows] as never;
}

async function setFlags(sql: Sql, ids: string[], enabled: boolean, cohort: string, note: string) {
  await sql`
    insert into public.institution_feature_flags (institution_id, feature, enabled, pilot_cohort, note)
    select id, 'hpc', ${enabled}, ${cohort}, ${note} from unnest(${ids}::uuid[]) as id
    on conflict (institution_id, feature) do update
      set enabled = excluded.enabled, pilot_cohort = excluded.pilot_cohort, note = excluded.note`;
}

export function rolloutStep(name: string, wave: string[], cohort: string): Step {
  return {
    name,
    phase: 'phase 3: rollout',
    estimateSeconds: name === 'phase3.pilot' ? planEstimateSeconds['phase3.pilot'] : planEstimateSeconds['phase3.wave'],
    async run(ctx: StepContext) {
      const institutions = await resolve(ctx.sql, wave);
      const ids = institutions.map((i) => i.id);
      await setFlags(ctx.sql, ids, true, cohort, `rollout ${cohort}`);
      await ctx.notify.send('rollout', `HPC on for ${institutions.map((i) => i.slug).join(', ')} (${cohort})`);
      const until = Date.now() + ctx.options.observeSeconds * 1000;
      while (Date.now() < until) {
        // Any threshold crossed while the wave is watched undoes it.
        const reason = ctx.monitor.unhealthy;
        if (reason) {
          await setFlags(ctx.sql, ids, false, cohort, `undone: ${reason}`);
          ctx.monitor.recordUndo(reason, `rollout ${cohort} undone (flags off)`);
          await ctx.notify.send('trigger', `rollout ${cohort} undone: ${reason}`);
          throw new StepFailed(`rollout ${cohort} undone (flags off again): ${reason}`, { institutions });
        }
        await sleep(250);
      }
      const [on] = await ctx.sql`select count(*)::int as n from unnest(${ids}::uuid[]) as id where private.hpc_enabled(id)`;
      return { cohort, institutions, enabled: on!.n, observedSeconds: ctx.options.observeSeconds };
    },
  };
}
