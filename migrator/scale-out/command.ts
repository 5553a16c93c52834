// `npm run migrate -- scale-out`: the distribution step against a Citus coordinator.
import type { Command, Option } from 'commander';
import { ScaleOutRefused } from './cluster.ts';
import { scaleOut } from './run.ts';

export function addScaleOutCommand(program: Command, dbOption: () => Option): void {
  program
    .command('scale-out')
    .description('Citus coordinator: global tables as reference tables, tenant tables distributed by institution_id, colocated')
    .addOption(dbOption())
    .option('--shard-count <n>', 'shards of the colocation group when this run starts it (default: citus.shard_count)')
    .option('--dry-run', 'print the plan, change nothing')
    .option('--only <tables>', 'only these tables (schema.name, comma separated, * as a wildcard)', (v: string, prev: string[] = []) => [
      ...prev,
      ...v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ])
    .action(async (o) => {
      try {
        const { ok } = await scaleOut(
          { dbUrl: o.dbUrl, shardCount: o.shardCount ? Number(o.shardCount) : null, dryRun: Boolean(o.dryRun), only: o.only ?? [] },
          (line) => console.log(line),
        );
        process.exitCode = ok ? 0 : 1;
      } catch (error) {
        if (!(error instanceof ScaleOutRefused)) throw error;
        console.error(error.message);
        process.exitCode = 2;
      }
    });
}
