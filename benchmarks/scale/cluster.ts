// The benchmark's own cluster, beside the developer's and the test stack: .local/stack-scale
// on ports 54382 (db) / 54381 (api), every value movable by the stack's usual environment
// variables. Same bootstrap and migrations as `npm start` (no demo seed: the generator
// makes the data), then a few server settings
// for a 10-million-row load (alter system as the superuser; the stack's defaults stay as
// they are).
import { join } from 'node:path';
import postgres from 'postgres';
import { ensureSystemPackages } from '../../stack/install.ts';
import { clusterExists, createCluster, startCluster, stopCluster } from '../../stack/cluster.ts';
import { applyBootstrap } from '../../stack/bootstrap.ts';
import { pushMigrations } from '../../stack/migrations.ts';
import { type StackSettings, dbUrl, projectRoot, SUPERUSER } from '../../stack/settings.ts';

export function scaleSettings(env: NodeJS.ProcessEnv = process.env): StackSettings {
  return {
    home: env.HPC_STACK_HOME ?? join(projectRoot, '.local', 'stack-scale'),
    dbPort: Number(env.HPC_DB_PORT ?? 54382),
    apiPort: Number(env.HPC_API_PORT ?? 54381),
    restPort: Number(env.HPC_REST_PORT ?? 54383),
    throwaway: false,
  };
}

/** Settings that need a restart, and ones that only need a reload. */
const RESTART: Record<string, string> = { shared_buffers: '4GB', max_wal_size: '8GB' };
const RELOAD: Record<string, string> = {
  work_mem: '64MB',
  maintenance_work_mem: '2GB',
  effective_cache_size: '16GB',
  checkpoint_timeout: '30min',
  random_page_cost: '1.1',
  max_parallel_workers_per_gather: '2',
};

export async function prepareScaleDatabase(s: StackSettings, log: (line: string) => void): Promise<void> {
  await ensureSystemPackages(log);
  if (!clusterExists(s)) {
    log(`Creating the scale cluster in ${s.home}…`);
    await createCluster(s);
  }
  await startCluster(s);
  await applyBootstrap(s);
  await pushMigrations(dbUrl(s), { seed: false });
  const sql = postgres(dbUrl(s, SUPERUSER), { max: 1, onnotice: () => {} });
  let restart = false;
  try {
    for (const [name, value] of Object.entries({ ...RESTART, ...RELOAD })) {
      const [row] = await sql<{ setting: string }[]>`
        select coalesce((select s.setting from pg_file_settings as s where s.name = ${name} order by s.seqno desc limit 1), '') as setting`;
      if (row?.setting === value) continue;
      await sql.unsafe(`alter system set ${name} = '${value}'`);
      if (name in RESTART) restart = true;
    }
    await sql`select pg_reload_conf()`;
  } finally {
    await sql.end();
  }
  if (restart) {
    log('Restarting the scale cluster for shared_buffers / max_wal_size…');
    await stopCluster(s);
    await startCluster(s);
  }
}
