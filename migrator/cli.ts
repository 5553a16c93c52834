// `npm run migrate -- <command>`: the runbook and its companions. Default target: the local
// stack (npm start); --db-url for any other database.
import { Command, Option } from 'commander';
import { dbUrl, stackSettings } from '../stack/settings.ts';
import { connect } from './db.ts';
import { consoleLog } from './log.ts';
import { defaultOptions, type RunnerOptions } from './options.ts';
import { runMigration } from './runner.ts';
import { migrationStatus } from './status.ts';
import { ensureLedger, setBackfillSwitch, recordEvent } from './ledger.ts';
import { runSchemaRollback, planSchemaRollback } from './rollback/execute.ts';
import { hpcOff } from './rollback/flags-off.ts';
import { generateLegacy } from '../fixtures/legacy-bigday/generate.ts';
import { freshLegacyCluster } from '../fixtures/legacy-bigday/cluster.ts';
import { legacyShapes } from '../fixtures/legacy-bigday/shapes.ts';
import { renderSkew, skewReport } from '../operations/partitions/skew.ts';
import { splitPartition } from '../operations/partitions/split.ts';
import { archiveEvaluations } from '../operations/partitions/archive.ts';
import { addScaleOutCommand } from './scale-out/command.ts';

const program = new Command('migrate').description('The HPC zero-downtime migration runbook');
const dbOption = () => new Option('--db-url <url>', 'target database (default: the local stack)').default(dbUrl(stackSettings()));
const list = (v: string, prev: string[] = []) => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];
const waves = (v: string, prev: string[][] = []) => [...prev, list(v)];

program
  .command('run', { isDefault: true })
  .description('preflight, phase 1 expand, phase 2 backfill + validation, enforcement, phase 3 rollout; resumable')
  .addOption(dbOption())
  .addOption(new Option('--mapping <mode>', 'institution of legacy rows').choices(['default', 'existing', 'file']).default('default'))
  .option('--institution-name <name>', 'mapping default: the institution name', 'BIG DAY School')
  .option('--institution-slug <slug>', 'mapping default: the institution slug', 'bigday-school')
  .option(
    '--mapping-file <file>',
    'mapping file: JSON {institutions, legacyIds, emailDomains, people, fallback}; with existing: emailDomains and people only',
  )
  .option('--fallback-institution <slug>', 'mapping existing: institution (slug or id) for people no rule places; never for admins')
  .option('--pilot <slugs>', 'HPC on for these institutions first (comma separated, or all)', list, [])
  .option('--wave <slugs>', 'then these (repeatable; or all)', waves, [])
  .option('--observe <seconds>', 'health observation after each rollout wave', '10')
  .option('--workers <n>', 'backfill workers', '2')
  .option('--target-batch-ms <ms>', 'backfill batch target duration', '250')
  .option('--batch-size <n>', 'initial batch size', '1000')
  .option('--fixed-batch', "no adaptive sizing (the plan's approach)")
  .option('--sleep-ms <ms>', 'pause after every batch', '0')
  .option('--duty-cycle <share>', 'share of time each backfill worker works (rests the remainder)', '0.5')
  .option('--lock-timeout-ms <ms>', 'lock_timeout of each batch', '200')
  .option('--skip-backup', 'no pg_dump (tests only)')
  .option('--backup-dir <dir>')
  .option('--report-dir <dir>')
  .option('--notify-command <cmd>', 'run at start, each phase, pause, end (event JSON on stdin)')
  .option('--notify-url <url>', 'POST the event JSON here')
  .option('--stop-after <step>', 'stop after this step')
  .option('--resume-after <seconds>', 'healthy this long after an automatic pause: resume', '30')
  .option(
    '--shared-table <table=reason>',
    'a relation every school may read, with the written reason (repeatable; replaces the defaults)',
    (v: string, prev: string[] = []) => [...prev, v],
  )
  .action(async (o) => {
    const options: RunnerOptions = defaultOptions(o.dbUrl);
    options.mapping =
      o.mapping === 'file'
        ? { mode: 'file', file: o.mappingFile }
        : o.mapping === 'existing'
          ? { mode: 'existing', fallbackSlug: o.fallbackInstitution, file: o.mappingFile }
          : { mode: 'default', name: o.institutionName, slug: o.institutionSlug };
    Object.assign(options.backfill, {
      workers: Number(o.workers),
      targetBatchMs: Number(o.targetBatchMs),
      initialBatch: Number(o.batchSize),
      fixedBatch: Boolean(o.fixedBatch),
      sleepMs: Number(o.sleepMs),
      dutyCycle: Number(o.dutyCycle),
      lockTimeoutMs: Number(o.lockTimeoutMs),
    });
    options.pilot = o.pilot;
    options.waves = o.wave;
    options.observeSeconds = Number(o.observe);
    options.skipBackup = Boolean(o.skipBackup);
    if (o.backupDir) options.backupDir = o.backupDir;
    if (o.reportDir) options.reportDir = o.reportDir;
    options.notifyCommand = o.notifyCommand;
    options.notifyUrl = o.notifyUrl;
    options.stopAfter = o.stopAfter;
    options.thresholds.resumeAfterSeconds = Number(o.resumeAfter);
    if (o.sharedTable) {
      options.isolation.sharedTables = Object.fromEntries(
        (o.sharedTable as string[]).map((v) => {
          const at = v.indexOf('=');
          if (at < 1 || !v.slice(at + 1).trim()) throw new Error(`--shared-table ${v}: write schema.table=reason`);
          return [v.slice(0, at).trim(), v.slice(at + 1).trim()];
        }),
      );
    }
    const outcome = await runMigration(options, consoleLog);
    console.log(`report: ${outcome.reportFiles.markdown}`);
    process.exitCode = outcome.ok ? 0 : 1;
  });

program
  .command('status')
  .description('where the migration stands')
  .addOption(dbOption())
  .action(async (o) => {
    const sql = connect(o.dbUrl, { max: 1 });
    try {
      console.log(await migrationStatus(sql));
    } finally {
      await sql.end();
    }
  });

for (const [name, value, what] of [
  ['pause', 'pause', 'hold the backfill after the current batches'],
  ['resume', 'run', 'let a paused backfill continue'],
  ['cancel', 'cancel', 'stop the backfill (a later run resumes it)'],
] as const) {
  program
    .command(name)
    .description(what)
    .addOption(dbOption())
    .action(async (o) => {
      const sql = connect(o.dbUrl, { max: 1 });
      try {
        await ensureLedger(sql);
        await setBackfillSwitch(sql, value);
        await recordEvent(sql, name, `operator: backfill ${name}`);
        console.log(`backfill switch set to ${value}`);
      } finally {
        await sql.end();
      }
    });
}

program
  .command('flags-off')
  .description('immediate rollback: HPC off (all institutions, or --institution ids)')
  .addOption(dbOption())
  .option('--institution <ids>', 'only these institution ids', list)
  .action(async (o) => {
    const sql = connect(o.dbUrl, { max: 1 });
    try {
      const r = await hpcOff(sql, o.dbUrl, o.institution);
      console.log(`HPC off for ${r.institutions} institutions; a new request saw it after ${r.msUntilVisible} ms`);
    } finally {
      await sql.end();
    }
  });

program
  .command('rollback')
  .description('schema rollback to the baseline snapshot (drop HPC objects, restore policies, history)')
  .addOption(dbOption())
  .option('--plan', 'print the statements only')
  .option('--keep-ledger', 'keep hpc_migration')
  .action(async (o) => {
    const sql = connect(o.dbUrl, { max: 2 });
    try {
      if (o.plan) {
        for (const s of await planSchemaRollback(sql)) console.log(`${s.sql};  -- ${s.why}`);
        return;
      }
      await hpcOff(sql, o.dbUrl).catch(() => undefined);
      await runSchemaRollback(sql, consoleLog, { keepLedger: Boolean(o.keepLedger) });
    } finally {
      await sql.end();
    }
  });

program
  .command('generate-legacy')
  .description('a pre-HPC BIG DAY database (own cluster under .local/, or --db-url)')
  .addOption(
    new Option('--shape <shape>', 'older, newer-baseline (baseline + two columns) or newer (the real BIG DAY schema)')
      .choices([...legacyShapes])
      .default('older'),
  )
  .option('--cli-history', "newer shape: record BIG DAY's three migrations in the Supabase CLI's history table")
  .addOption(new Option('--preset <preset>').choices(['small', 'large']).default('small'))
  .option('--cluster <name>', 'create a fresh cluster .local/<name>', 'legacy')
  .option('--port <port>', 'its port', '54362')
  .option('--db-url <url>', 'an existing empty, bootstrapped database instead')
  .action(async (o) => {
    let url = o.dbUrl as string | undefined;
    if (!url) url = (await freshLegacyCluster(o.cluster, Number(o.port), { throwaway: false })).url;
    const sql = connect(url, { max: 1 });
    try {
      await generateLegacy(sql, { url, shape: o.shape, preset: o.preset, cliHistory: Boolean(o.cliHistory) }, consoleLog);
      console.log(`legacy database: ${url}`);
    } finally {
      await sql.end();
    }
  });

const partitions = program.command('partitions').description('hpc_evaluations partition maintenance');
partitions
  .command('skew')
  .description('rows per partition; proof that any institution routes without DDL')
  .addOption(dbOption())
  .action(async (o) => {
    const sql = connect(o.dbUrl, { max: 1 });
    try {
      console.log(renderSkew(await skewReport(sql)));
    } finally {
      await sql.end();
    }
  });
partitions
  .command('split')
  .description('split hash bucket (10, r) into (20, r) and (20, r+10), online')
  .addOption(dbOption())
  .requiredOption('--remainder <r>', 'the modulus-10 remainder to split')
  .option('--keep-old', 'keep the old partition, detached')
  .action(async (o) => {
    const sql = connect(o.dbUrl, { max: 2 });
    try {
      const r = await splitPartition(sql, o.dbUrl, Number(o.remainder), { keepOld: Boolean(o.keepOld) });
      console.log(
        `${r.from} (${r.rowsBefore} rows) → ${r.into.map((t, i) => `${t} (${r.rowsAfter[i]})`).join(', ')}; ` +
          `copy ${r.copySeconds.toFixed(1)} s, swap ${r.swapMs} ms (${r.swapRetries} lock retries), ATTACH skipped its scan: ${r.attachSkippedScan}`,
      );
    } finally {
      await sql.end();
    }
  });
partitions
  .command('archive')
  .description('move evaluations of archived cycles to hpc_evaluations_archive')
  .addOption(dbOption())
  .action(async (o) => {
    const sql = connect(o.dbUrl, { max: 1 });
    try {
      const r = await archiveEvaluations(sql);
      console.log(`${r.moved} evaluations moved in ${r.batches} batches, ${r.seconds.toFixed(1)} s`);
    } finally {
      await sql.end();
    }
  });

addScaleOutCommand(program, dbOption);

program.parseAsync().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
