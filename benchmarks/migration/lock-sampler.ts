// Lock discipline, measured (used by the lock test and the benchmark): (1) a sampler that records, every 50 ms, the locks any session
// other than the workload holds on the large tables, tagged with the runner step in
// progress, giving per step and mode the time each lock was seen held; (2) the server's own
// log_lock_waits lines (every wait longer than deadlock_timeout), for the longest time anyone waited.
import { readFileSync } from 'node:fs';
import { connect, sleep, type Sql } from '../../migrator/db.ts';
import { currentLockWaits } from '../../migrator/health/lock-waits.ts';

// The four BIG DAY has in both shapes, and its newer shape's largest (768,240 rows in the benchmark).
export const largeTables = ['user_profiles', 'section_students', 'section_courses', 'sections', 'timetable_sessions'];

export interface HeldLock {
  step: string;
  table: string;
  mode: string;
  /** Sum of sampling intervals in which the lock was seen held (ms, 50 ms resolution). */
  heldMs: number;
  /** Longest continuous stretch seen held (ms). */
  longestMs: number;
}

export class LockSampler {
  private sql: Sql;
  private running = false;
  private loop?: Promise<void>;
  private readonly held = new Map<string, HeldLock & { since?: number; lastSeen?: number }>();
  /** Longest lock wait of any session (the workload's included), sampled every 50 ms. */
  longestWaitMs = 0;
  longestWait = '';

  constructor(url: string) {
    this.sql = connect(url, { max: 1, app: 'bench-lock-sampler' });
  }

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.sample().catch(() => {});
        await sleep(50);
      }
    })();
  }

  async stop(): Promise<HeldLock[]> {
    this.running = false;
    await this.loop;
    await this.sql.end();
    return [...this.held.values()].map(({ since: _s, lastSeen: _l, ...h }) => h).sort((a, b) => b.longestMs - a.longestMs);
  }

  private async sample(): Promise<void> {
    const now = Date.now();
    for (const w of await currentLockWaits(this.sql)) {
      if (w.ms > this.longestWaitMs) {
        this.longestWaitMs = w.ms;
        this.longestWait = `${w.applicationName}: ${w.query}`;
      }
    }
    // Table locks only (locktype 'relation'): pg_locks also lists relation extension locks
    // ('extend', ExclusiveLock, taken for a moment whenever an UPDATE grows the heap) and
    // tuple locks (row conflicts), which name the table but lock no one out of it.
    const heldOnLargeTables = this.sql`
      from pg_locks as l join pg_class as c on c.oid = l.relation join pg_stat_activity as a on a.pid = l.pid
      where l.granted and l.locktype = 'relation' and c.relnamespace = 'public'::regnamespace and c.relname = any(${largeTables})
        and a.backend_type = 'client backend' and a.application_name not in ('pgbench', 'bench-lock-sampler') and a.pid <> pg_backend_pid()
      group by 1, 2, 3`;
    const rows = await this.sql`
      select coalesce((select string_agg(name, ',') from hpc_migration.steps where status = 'running'), 'outside runner') as step,
             c.relname as table, l.mode ${heldOnLargeTables}`.catch(
      async () => this.sql`
      select 'outside runner' as step, c.relname as table, l.mode ${heldOnLargeTables}`,
    );
    const seen = new Set<string>();
    for (const r of rows) {
      const key = `${r.step}|${r.table}|${r.mode}`;
      seen.add(key);
      const h = this.held.get(key) ?? { step: r.step as string, table: r.table as string, mode: r.mode as string, heldMs: 0, longestMs: 0 };
      if (h.lastSeen && now - h.lastSeen < 200) h.heldMs += now - h.lastSeen;
      if (!h.since || !h.lastSeen || now - h.lastSeen >= 200) h.since = now;
      h.lastSeen = now;
      h.longestMs = Math.max(h.longestMs, now - h.since);
      this.held.set(key, h);
    }
  }
}

export interface LockWait {
  at: string;
  ms: number;
  line: string;
}

/** Lock waits the server logged (log_lock_waits) between two instants. */
export function loggedLockWaits(logFile: string, from: number, to: number): LockWait[] {
  const out: LockWait[] = [];
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    const m = /^(\S+ \S+) UTC .*(?:acquired|still waiting for) .* after ([\d.]+) ms/.exec(line);
    if (!m) continue;
    const at = Date.parse(`${m[1]!.replace(' ', 'T')}Z`);
    if (at < from || at > to) continue;
    out.push({ at: m[1]!, ms: Number(m[2]), line: line.slice(0, 300) });
  }
  return out.sort((a, b) => b.ms - a.ms);
}
