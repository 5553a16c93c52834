// Connections for the runner. Every session names itself (application_name) so that the
// health monitor and the lock report can tell the runner's own work from the workload's.
import postgres from 'postgres';

export type Sql = postgres.Sql;

export const RUNNER_APP = 'hpc-migration';

export function connect(url: string, options: { max?: number; app?: string } = {}): Sql {
  return postgres(url, {
    max: options.max ?? 4,
    onnotice: () => {},
    // The runner's own statements carry their timeouts with `set local`; the session default
    // is a backstop so a forgotten statement cannot hang the run.
    connection: { application_name: options.app ?? RUNNER_APP, statement_timeout: 600_000 },
    idle_timeout: 30,
    connect_timeout: 10,
  });
}

/** The URL with another user / database (same host, port, password). */
export function withUserAndDatabase(url: string, user?: string, database?: string): string {
  const u = new URL(url);
  if (user) u.username = user;
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
