// Section 5: REFRESH MATERIALIZED VIEW CONCURRENTLY of every analytics view on the whole
// data, after 2 % of the open cycle's drafts were submitted so that each view has a real
// diff, while three connections keep reading the dashboards at a user's pace: each view's
// time, the readers' latency before and during, and how often a reader waited on a lock.
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { ms, stats } from '../stats.ts';
import { timed, type Caller, type Log, type Sql } from './harness.ts';
import { scaleId } from './generate.ts';

export async function measureRefresh(admin: Sql, url: string, adminUrl: string, log: Log): Promise<Record<string, unknown>> {
  // Something to refresh: 2 % of the open cycle's drafts get submitted, across all schools.
  const changed = await admin.begin(async (tx) => {
    await tx.unsafe('set local session_replication_role = replica');
    const [r] = await tx.unsafe(`
      with x as (
        update public.hpc_evaluations set status = 'submitted', submitted_at = now()
        where status = 'draft' and level_ordinal is not null and random() < 0.02
        returning 1)
      select count(*)::int as n from x`);
    return r;
  });
  const readerInstitutions = [1, 2, 3, 10, 50, 200, 500, 999];
  const readers = 3;
  const lat: { t: number; ms: number }[] = [];
  let stop = false;
  let lockWaits = 0;
  let maxWaiting = 0;
  const readerPids: number[] = [];
  const readerLoops = Array.from({ length: readers }, async (_, r) => {
    const conn = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
    const [pid] = await conn`select pg_backend_pid() as pid`;
    readerPids.push(pid!.pid as number);
    let i = r;
    try {
      while (!stop) {
        const n = readerInstitutions[i % readerInstitutions.length]!;
        const who: Caller = { role: 'authenticated', user: i % 2 ? scaleId('principal', n) : scaleId('teacher', n, 0) };
        const q =
          i % 2
            ? `select * from public.hpc_analytics_overview()`
            : i % 4 === 0
              ? `select * from public.hpc_analytics_level_distribution('${scaleId('cycle', n, 1)}', '${scaleId('section', n, 0)}')`
              : `select * from public.hpc_analytics_completion('${scaleId('cycle', n, 2)}', '${scaleId('section', n, 0)}')`;
        const [d] = await timed(conn, who, q);
        lat.push({ t: performance.now(), ms: d });
        i++;
        // a user's pace, not a tight loop: 3 tight loops would take both cores from the refresh
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await conn.end();
    }
  });
  const monitor = (async () => {
    const conn = postgres(adminUrl, { max: 1, prepare: false, onnotice: () => {} });
    try {
      while (!stop) {
        const [w] =
          await conn`select count(*)::int as n from pg_stat_activity where pid = any (${readerPids}) and wait_event_type = 'Lock'`;
        if ((w?.n ?? 0) > 0) lockWaits++;
        maxWaiting = Math.max(maxWaiting, w?.n ?? 0);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await conn.end();
    }
  })();
  await new Promise((r) => setTimeout(r, 5000));
  const refreshStart = performance.now();
  const log1 = await admin`select view_name, mode, duration_ms::float8 as ms, row_count from analytics.refresh(null, 'manual')`;
  const refreshEnd = performance.now();
  await new Promise((r) => setTimeout(r, 3000));
  stop = true;
  await Promise.all([...readerLoops, monitor]);
  const before = stats(lat.filter((x) => x.t < refreshStart).map((x) => x.ms));
  const during = stats(lat.filter((x) => x.t >= refreshStart && x.t <= refreshEnd).map((x) => x.ms));
  const views = Object.fromEntries(
    log1.map((r) => [r.view_name as string, { ms: r.ms as number, mode: r.mode, rows: Number(r.row_count) }]),
  );
  const refresh = {
    changedRatings: changed?.n ?? 0,
    views,
    totalSeconds: (refreshEnd - refreshStart) / 1000,
    readers: { connections: readers, before, during, lockWaitSamples: lockWaits, maxReadersWaitingOnLock: maxWaiting },
  };
  for (const [v, r] of Object.entries(views))
    log(`refresh concurrently ${v.padEnd(22)} ${(r.ms / 1000).toFixed(1)} s (${r.rows} rows, ${r.mode})`);
  log(
    `readers (${readers}): before p50 ${ms(before.p50)} p95 ${ms(before.p95)} ms; during refresh ${during.n} reads p50 ${ms(during.p50)} p95 ${ms(during.p95)} max ${ms(during.max)} ms; lock waits seen ${lockWaits}`,
  );
  return refresh;
}
