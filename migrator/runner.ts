// The runbook as one command: steps in order, each recorded in the ledger; a finished step
// is skipped on a rerun, an interrupted one runs again (every step is idempotent); the
// health monitor watches throughout; notifications at the start, each phase, a pause and
// the end; the checklist and report are written whatever the outcome.
import type { Sql } from './db.ts';
import { connect } from './db.ts';
import { ensureLedger, markDone, markFailed, markRunning, stepRow } from './ledger.ts';
import type { Log } from './log.ts';
import type { RunnerOptions } from './options.ts';
import { Notifier, describeDatabase } from './notify.ts';
import { HealthMonitor } from './health/monitor.ts';
import { preflight } from './steps/preflight.ts';
import { snapshot, expand, contract } from './steps/schema.ts';
import { institutions } from './steps/institutions.ts';
import { backfill } from './steps/backfill.ts';
import { validate } from './steps/validate.ts';
import { materializedViews } from './steps/matviews.ts';
import { rolloutStep } from './steps/rollout.ts';
import { StepFailed, type Step } from './steps/step.ts';
import { evaluateChecklist } from './checklist/evaluate.ts';
import { writeReport, type StepReport } from './report.ts';

export function runbook(options: RunnerOptions): Step[] {
  const steps: Step[] = [preflight, snapshot, expand, institutions, backfill, validate, materializedViews, contract];
  if (options.pilot.length) steps.push(rolloutStep('phase3.pilot', options.pilot, 'pilot'));
  for (const [i, wave] of options.waves.entries()) steps.push(rolloutStep(`phase3.wave-${i + 1}`, wave, `wave-${i + 1}`));
  return steps;
}

export interface RunOutcome {
  ok: boolean;
  steps: StepReport[];
  failure?: string;
  reportFiles: { markdown: string; json: string };
}

/** Only one runner at a time per database: a session-level advisory lock, released by the
 * server if the runner dies (so a crash never leaves the lock behind). */
async function takeRunnerLock(url: string): Promise<Sql> {
  const holder = connect(url, { max: 1, app: 'hpc-migration-lock' });
  const [row] = await holder`select pg_try_advisory_lock(hashtext('hpc_migration.runner')) as ok`;
  if (!row!.ok) {
    await holder.end();
    throw new Error('another migration runner is working on this database (advisory lock hpc_migration.runner is held)');
  }
  return holder;
}

export async function runMigration(options: RunnerOptions, log: Log): Promise<RunOutcome> {
  const lock = await takeRunnerLock(options.dbUrl);
  const sql = connect(options.dbUrl, { max: options.backfill.workers + 3 });
  const notify = new Notifier(sql, log, describeDatabase(options.dbUrl), options.notifyCommand, options.notifyUrl);
  const reports: StepReport[] = [];
  let failure: string | undefined;
  let monitor: HealthMonitor | undefined;
  try {
    await ensureLedger(sql);
    monitor = new HealthMonitor(options.dbUrl, sql, options.thresholds, notify);
    await monitor.start();
    await notify.send('start', `HPC migration started on ${describeDatabase(options.dbUrl)}`, { baselineProbeMs: monitor.baselineMs });
    let phase = '';
    for (const step of runbook(options)) {
      if (step.phase !== phase) {
        phase = step.phase;
        await notify.send('phase', `${phase}`);
      }
      const previous = await stepRow(sql, step.name);
      if (previous?.status === 'done') {
        log(`${step.name}: already done, skipped`);
        reports.push({
          name: step.name,
          phase: step.phase,
          status: 'done (earlier run)',
          seconds: previous.seconds ?? 0,
          estimateSeconds: step.estimateSeconds,
          evidence: previous.evidence,
        });
      } else {
        await markRunning(sql, step.name);
        const started = Date.now();
        try {
          const evidence = await step.run({ sql, options, log, notify, monitor });
          const seconds = (Date.now() - started) / 1000;
          await markDone(sql, step.name, seconds, evidence);
          log(`${step.name}: done in ${seconds.toFixed(1)} s`);
          reports.push({
            name: step.name,
            phase: step.phase,
            status: 'done',
            seconds,
            startedAt: started,
            estimateSeconds: step.estimateSeconds,
            evidence,
          });
        } catch (error) {
          const seconds = (Date.now() - started) / 1000;
          const message = (error as Error).message;
          await markFailed(sql, step.name, message).catch(() => {});
          reports.push({
            name: step.name,
            phase: step.phase,
            status: 'failed',
            seconds,
            startedAt: started,
            estimateSeconds: step.estimateSeconds,
            evidence: error instanceof StepFailed ? error.evidence : {},
            error: message,
          });
          throw error;
        }
      }
      if (options.stopAfter === step.name) {
        log(`stopping after ${step.name} as asked`);
        break;
      }
    }
  } catch (error) {
    failure = (error as Error).message;
    await notify.send('failed', `HPC migration stopped: ${failure}`).catch(() => {});
  } finally {
    await monitor?.stop().catch(() => {});
  }
  try {
    const checklist = await evaluateChecklist(sql, options, monitor);
    const reportFiles = writeReport(options.reportDir, {
      database: describeDatabase(options.dbUrl),
      steps: reports,
      checklist,
      failure,
      triggers: monitor?.firedTriggers() ?? [],
      notifications: notify.sent,
    });
    if (!failure)
      await notify.send(
        'end',
        `HPC migration finished: checklist ${checklist.filter((c) => c.ok).length}/${checklist.length} passed; report ${reportFiles.markdown}`,
      );
    return { ok: !failure, steps: reports, failure, reportFiles };
  } finally {
    await sql.end();
    await lock.end();
  }
}
