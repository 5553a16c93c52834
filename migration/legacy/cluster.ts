// A separate PostgreSQL 15 cluster for a legacy database (tests, benchmark), built with the
// local stack's own code so it is a Supabase look-alike; never the dev or test stack.
// The legacy database is the cluster's `postgres` database, as on a hosted project (pg_cron
// lives there, and the HPC migrations schedule jobs).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCluster, destroyCluster, startCluster, stopCluster } from '../../stack/cluster.ts';
import { applyBootstrap } from '../../stack/bootstrap.ts';
import { run } from '../../stack/shell.ts';
import { dataDir, dbUrl, projectRoot, SUPERUSER, type StackSettings } from '../../stack/settings.ts';

export interface LegacyCluster {
  settings: StackSettings;
  url: string;
  superUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

export async function freshLegacyCluster(name: string, port: number, options: { throwaway?: boolean } = {}): Promise<LegacyCluster> {
  const settings: StackSettings = {
    home: join(projectRoot, '.local', name),
    dbPort: port,
    apiPort: port - 1,
    restPort: port + 1,
    throwaway: options.throwaway ?? true,
  };
  await destroyCluster(settings);
  rmSync(settings.home, { recursive: true, force: true }); // reports, backups, logs of an earlier run too
  await createCluster(settings);
  await startCluster(settings);
  await applyBootstrap(settings);
  return legacyCluster(settings);
}

function legacyCluster(settings: StackSettings): LegacyCluster {
  return {
    settings,
    url: dbUrl(settings),
    superUrl: dbUrl(settings, SUPERUSER),
    start: () => startCluster(settings),
    stop: () => stopCluster(settings),
    destroy: async () => {
      await destroyCluster(settings);
      rmSync(settings.home, { recursive: true, force: true });
    },
  };
}

/** A file-level copy of a cluster, on its own port, not started: the same pages, so that a
 * comparison run on the copy meets the database exactly as the original is. The original is
 * stopped for the copy and started again. */
export async function copyLegacyCluster(source: LegacyCluster, name: string, port: number): Promise<LegacyCluster> {
  const settings: StackSettings = { ...source.settings, home: join(projectRoot, '.local', name), dbPort: port, apiPort: port - 1 };
  await destroyCluster(settings);
  rmSync(settings.home, { recursive: true, force: true });
  await source.stop();
  mkdirSync(settings.home, { recursive: true });
  await run('cp', ['-a', dataDir(source.settings), dataDir(settings)]); // -a: the server account keeps owning its files
  await source.start();
  // The port is in the copied server settings (written by createCluster and ALTER SYSTEM).
  const conf = join(dataDir(settings), 'postgresql.auto.conf');
  writeFileSync(conf, readFileSync(conf, 'utf8').replace(/^port = .*$/m, `port = ${port}`));
  return legacyCluster(settings);
}
