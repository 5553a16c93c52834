// Schema steps through the Supabase CLI: the baseline snapshot (for rollback), phase 1
// (every migration except the contract ones) and enforcement (the contract migrations,
// which refuse to run until the backfill is complete and say why).
import { planEstimateSeconds } from '../plan.ts';
import { takeSnapshot, migrationVersions } from '../rollback/snapshot.ts';
import { allMigrations, isContractMigration, pushSubset, versionOf } from '../supabase-cli.ts';
import { StepFailed, type Step, type StepContext } from './step.ts';
import { CommandError } from '../../stack/shell.ts';

export const snapshot: Step = {
  name: 'snapshot',
  phase: 'preflight',
  estimateSeconds: planEstimateSeconds.snapshot,
  run: async (ctx) => takeSnapshot(ctx.sql),
};

async function push(ctx: StepContext, files: string[]) {
  const before = await migrationVersions(ctx.sql);
  const pending = files.filter((f) => !before.includes(versionOf(f)));
  if (pending.length === 0) return { applied: [], note: 'nothing to apply' };
  try {
    await pushSubset(ctx.options.dbUrl, files);
  } catch (error) {
    const output = error instanceof CommandError ? error.output : String(error);
    // The contract's own refusal is the message that matters; the CLI wraps it.
    const refusal = /contract refused[^\n]*/.exec(output)?.[0];
    throw new StepFailed(refusal ?? `supabase db push failed:\n${output.slice(-2000)}`, { output: output.slice(-4000) });
  }
  const after = await migrationVersions(ctx.sql);
  return { applied: after.filter((v) => !before.includes(v)) };
}

export const expand: Step = {
  name: 'phase1.expand',
  phase: 'phase 1: schema extension',
  estimateSeconds: planEstimateSeconds['phase1.expand'],
  run: (ctx) => push(ctx, allMigrations().filter((f) => !isContractMigration(f))),
};

export const contract: Step = {
  name: 'enforcement.contract',
  phase: 'enforcement',
  estimateSeconds: planEstimateSeconds['enforcement.contract'],
  run: (ctx) => push(ctx, allMigrations()),
};
