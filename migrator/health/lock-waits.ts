// Who waits for a lock right now, and for how long by the server's own clock of the wait
// (pg_locks.waitstart): not the statement's age, which also counts whatever the statement
// did before it began to wait. Read by the health monitor and the lock sampler.
import type { Sql } from '../db.ts';

export interface LockWaiter {
  pid: number;
  /** When the waiting statement began (text, as the server prints it): with pid, one wait. */
  since: string;
  applicationName: string;
  query: string;
  ms: number;
}

export async function currentLockWaits(sql: Sql): Promise<LockWaiter[]> {
  const rows = await sql`
    select a.pid, a.query_start::text as since, a.application_name, left(a.query, 80) as query,
           max(extract(epoch from clock_timestamp() - l.waitstart)) * 1000 as ms
    from pg_locks as l join pg_stat_activity as a on a.pid = l.pid
    where not l.granted and l.waitstart is not null and a.pid <> pg_backend_pid()
    group by 1, 2, 3, 4`;
  return rows.map((r) => ({
    pid: Number(r.pid),
    since: String(r.since),
    applicationName: String(r.application_name),
    query: String(r.query),
    ms: Number(r.ms),
  }));
}
