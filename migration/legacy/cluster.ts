// A separate PostgreSQL 15 cluster for a legacy database (tests, benchmark), built with the
// local stack's own code so it is a Supabase look-alike; never the dev or test stack.
// The legacy database is the cluster's `postgres` database, as on a hosted project (pg_cron
// lives there, and the HPC migrations schedule jobs).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCluster, destroyCluster, startCluster, stopCluster } from '../../stack/cluster.ts';
import { applyBootstrap } from '../../stack/bootstrap.ts';
import { dbUrl, projectRoot, SUPERUSER, type StackSettings } from '../../stack/settings.ts';

export interface LegacyCluster {
  settings: StackSettings;
  url: string;
  superUrl: string;
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
  return {
    settings,
    url: dbUrl(settings),
    superUrl: dbUrl(settings, SUPERUSER),
    stop: () => stopCluster(settings),
    destroy: async () => {
      await destroyCluster(settings);
      rmSync(settings.home, { recursive: true, force: true });
    },
  };
}
