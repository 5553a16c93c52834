// scale-out: check the coordinator, derive the plan from the catalog, refuse before changing
// anything if a table cannot be taken, else take each table in order and report. Idempotent:
// what Citus already holds as planned is skipped, so a failed run is resumed by running again.
import { connect } from '../db.ts';
import { readScaleOutCatalog } from './catalog.ts';
import { readCluster, ScaleOutRefused } from './cluster.ts';
import { planWithValues, prepareSession, takeTable } from './execute.ts';
import { propagateFunctions } from './functions.ts';
import { planScaleOut } from './plan.ts';
import { selectTables } from './selection.ts';
import { clusterLine, type Outcome, outcomeLine, planText, refusalText, summaryLine } from './report.ts';

export interface ScaleOutOptions {
  dbUrl: string;
  /** Shards of the colocation group when this run starts it (default: citus.shard_count). */
  shardCount: number | null;
  /** Print the plan and change nothing. */
  dryRun: boolean;
  /** Only these tables (schema.name, * as a wildcard); empty: every table of the scaled schemas. */
  only: string[];
}

export async function scaleOut(options: ScaleOutOptions, log: (line: string) => void): Promise<{ ok: boolean }> {
  const sql = connect(options.dbUrl, { max: 1, app: 'hpc-scale-out' });
  try {
    const cluster = await readCluster(sql);
    log(clusterLine(cluster));
    const plan = planScaleOut(selectTables(await readScaleOutCatalog(sql), options.only), { walLevelLogical: cluster.walLevelLogical });
    if (plan.refusals.length > 0) throw new ScaleOutRefused(refusalText(plan));
    log(planText(plan));
    const replanned = await planWithValues(sql, options.dryRun);
    const verb = options.dryRun ? 'to plan' : 'now plan';
    if (replanned.length > 0) log(`${verb} each call with its values (plan_cache_mode = force_custom_plan): ${replanned.join(', ')}`);
    if (options.dryRun) return { ok: true };
    const session = await sql.reserve();
    const outcomes: Outcome[] = [];
    const started = performance.now();
    try {
      await prepareSession(session);
      for (const step of plan.steps) {
        const at = performance.now();
        let outcome: Outcome;
        if (step.done) outcome = { step, status: 'skipped', seconds: 0 };
        else {
          try {
            await takeTable(session, step, options.shardCount);
            outcome = { step, status: 'done', seconds: (performance.now() - at) / 1000 };
          } catch (error) {
            outcome = { step, status: 'failed', seconds: (performance.now() - at) / 1000, error: (error as Error).message };
          }
        }
        outcomes.push(outcome);
        log(outcomeLine(outcome));
        if (outcome.status === 'failed') break;
      }
      if (outcomes.every((o) => o.status !== 'failed')) {
        const copied = await propagateFunctions(session);
        if (copied.length > 0) log(`functions copied to the workers, with their grants: ${copied.join(', ')}`);
      }
    } finally {
      session.release();
    }
    log(summaryLine(outcomes, (performance.now() - started) / 1000));
    return { ok: outcomes.every((o) => o.status !== 'failed') };
  } finally {
    await sql.end();
  }
}
