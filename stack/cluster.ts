// The project-local PostgreSQL 15 cluster: created on first use, reused afterwards.
// PostgreSQL refuses to run as root, so as root (CI) every server command runs as the
// `postgres` system account, which then owns the data folder.
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run, isRoot } from './shell.ts';
import { waitForPortClosed } from './net.ts';
import { type StackSettings, dataDir, logFile, SUPERUSER, DB_PASSWORD } from './settings.ts';
import { installCustomScripts, privilegedExtensionSettings } from './privileged-extensions.ts';

const PG_BIN = '/usr/lib/postgresql/15/bin';

async function serverAccount(): Promise<{ uid: number; gid: number; name: string } | null> {
  if (!isRoot()) return null;
  const id = (flag: string) => run('id', [flag, 'postgres']).then((out) => Number(out.trim()));
  try {
    return { uid: await id('-u'), gid: await id('-g'), name: 'postgres' };
  } catch {
    throw new Error('Running as root needs the `postgres` system account (from the postgresql-15 package).');
  }
}

/** Runs a PostgreSQL server program as the account that owns the cluster. */
async function pg(program: string, args: string[], s: StackSettings): Promise<string> {
  const account = await serverAccount();
  const binary = join(PG_BIN, program);
  if (!account) return run(binary, args, { cwd: s.home });
  return run('runuser', ['-u', account.name, '--', binary, ...args], { cwd: '/' });
}

function serverSettings(s: StackSettings): string {
  const lines = [
    `listen_addresses = '127.0.0.1'`,
    `port = ${s.dbPort}`,
    // TCP only: a socket path inside a deep project folder can exceed the 107-byte limit.
    `unix_socket_directories = ''`,
    `max_connections = 200`,
    `shared_buffers = '512MB'`,
    `work_mem = '16MB'`,
    `maintenance_work_mem = '512MB'`,
    `max_worker_processes = 24`,
    `shared_preload_libraries = 'pg_stat_statements, pg_cron'`,
    `pg_stat_statements.track = 'all'`,
    // pg_cron is loaded, not created: as on hosted, the migrations create it, in the
    // `postgres` database (it lives in one database per cluster).
    `cron.database_name = 'postgres'`,
    // Background workers: pg_cron needs no password to run jobs.
    `cron.use_background_workers = on`,
    `cron.max_running_jobs = 8`,
    `timezone = 'UTC'`,
    `log_timezone = 'UTC'`,
    `lc_messages = 'C'`,
    `logging_collector = off`,
    `log_min_messages = warning`,
    // `postgres` (not a superuser) may create the extensions hosted Supabase allows it.
    ...privilegedExtensionSettings(s.home),
  ];
  if (s.throwaway) lines.push(`fsync = off`, `synchronous_commit = off`, `full_page_writes = off`);
  return `${lines.join('\n')}\n`;
}

export function clusterExists(s: StackSettings): boolean {
  return existsSync(join(dataDir(s), 'PG_VERSION'));
}

export async function createCluster(s: StackSettings): Promise<void> {
  const account = await serverAccount();
  mkdirSync(s.home, { recursive: true });
  const passwordFile = join(s.home, '.pwfile');
  writeFileSync(passwordFile, `${DB_PASSWORD}\n`, { mode: 0o600 });
  if (account) {
    chownSync(s.home, account.uid, account.gid);
    chownSync(passwordFile, account.uid, account.gid);
    try {
      await run('runuser', ['-u', 'postgres', '--', 'test', '-w', s.home]);
    } catch {
      throw new Error(`The postgres account cannot reach ${s.home}: every parent folder needs o+x.`);
    }
  }
  try {
    await pg(
      'initdb',
      [
        '-D',
        dataDir(s),
        '-U',
        SUPERUSER,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
        ...(s.throwaway ? ['--no-sync'] : []),
      ],
      s,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
  const conf = join(dataDir(s), 'postgresql.auto.conf');
  writeFileSync(conf, serverSettings(s));
  writeFileSync(
    join(dataDir(s), 'pg_hba.conf'),
    ['host all all 127.0.0.1/32 scram-sha-256', 'host all all ::1/128 scram-sha-256', ''].join('\n'),
  );
  if (account) {
    chownSync(conf, account.uid, account.gid);
    chownSync(join(dataDir(s), 'pg_hba.conf'), account.uid, account.gid);
  }
}

export async function isRunning(s: StackSettings): Promise<boolean> {
  if (!clusterExists(s)) return false;
  try {
    await pg('pg_ctl', ['status', '-D', dataDir(s)], s);
    return true;
  } catch {
    return false;
  }
}

export async function startCluster(s: StackSettings): Promise<void> {
  if (await isRunning(s)) return;
  const account = await serverAccount();
  installCustomScripts(s.home, account);
  if (!existsSync(logFile(s))) writeFileSync(logFile(s), '');
  if (account) chownSync(logFile(s), account.uid, account.gid);
  else chmodSync(logFile(s), 0o600);
  try {
    await pg('pg_ctl', ['start', '-w', '-t', '60', '-D', dataDir(s), '-l', logFile(s)], s);
  } catch (error) {
    throw new Error(`PostgreSQL did not start; its log is ${logFile(s)}.\n${(error as Error).message}`);
  }
}

/** Fast shutdown: open sessions are rolled back, the server stops cleanly. */
export async function stopCluster(s: StackSettings): Promise<void> {
  if (!(await isRunning(s))) return;
  await pg('pg_ctl', ['stop', '-w', '-t', '60', '-m', 'fast', '-D', dataDir(s)], s);
  await waitForPortClosed(s.dbPort, 10_000);
}

export async function destroyCluster(s: StackSettings): Promise<void> {
  await stopCluster(s);
  rmSync(dataDir(s), { recursive: true, force: true });
}
