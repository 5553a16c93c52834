// Sections 1–2: the RLS overhead of the three reads (as the user under RLS against the same
// result as service_role, alternating which runs first) with the hpc_evaluations partitions
// each plan executed; then the same reads prepared, with parameters.
import postgres from 'postgres';
import { ms, stats } from '../stats.ts';
import { fingerprint, partitions, timed, type Caller, type Log, type Sql } from './harness.ts';
import { runsFor, type OverheadQuery, type PreparedQuery } from './queries.ts';

const service: Caller = { role: 'service_role' };

export async function measureOverhead(
  sql: Sql,
  queries: Record<string, OverheadQuery>,
  overhead: Record<string, unknown>,
  N: number,
  log: Log,
): Promise<void> {
  for (const [name, q] of Object.entries(queries)) {
    const n = runsFor(name, N);
    const [, rlsRows] = await timed(sql, q.who, q.rls);
    const [, svcRows] = await timed(sql, service, q.service);
    const same = fingerprint(rlsRows) === fingerprint(svcRows);
    for (let w = 0; w < 3; w++) {
      await timed(sql, q.who, q.rls);
      await timed(sql, service, q.service);
    }
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < n; i++) {
      // alternate the order so neither side always runs on a warmer cache
      if (i % 2) {
        a.push((await timed(sql, q.who, q.rls))[0]);
        b.push((await timed(sql, service, q.service))[0]);
      } else {
        b.push((await timed(sql, service, q.service))[0]);
        a.push((await timed(sql, q.who, q.rls))[0]);
      }
    }
    const rls = stats(a);
    const svc = stats(b);
    const parts = { rls: await partitions(sql, q.who, q.rls), service: await partitions(sql, service, q.service) };
    overhead[name] = {
      rows: rlsRows.length,
      sameResult: same,
      rls,
      service: svc,
      ratioP50: rls.p50 / svc.p50,
      ratioP95: rls.p95 / svc.p95,
      partitions: parts,
    };
    log(
      `${name.padEnd(22)} rows ${String(rlsRows.length).padStart(5)} same=${same}  RLS p50 ${ms(rls.p50)} p95 ${ms(rls.p95)} ms | service p50 ${ms(svc.p50)} p95 ${ms(svc.p95)} ms | ratio ${(rls.p50 / svc.p50).toFixed(2)}× | partitions executed ${parts.rls.executed}/${parts.rls.inPlan} (RLS), ${parts.service.executed}/${parts.service.inPlan} (service)`,
    );
  }
}

// Under RLS the institution is an initPlan, so every unprepared execution plans all 10
// partitions (run-time pruning; ~1 ms of planning), while a literal institution_id prunes
// at plan time; a prepared statement keeps its generic plan and pays that planning once.
export async function measurePrepared(
  url: string,
  queries: Record<string, OverheadQuery>,
  prepared: Record<string, PreparedQuery>,
  N: number,
  log: Log,
): Promise<Record<string, unknown>> {
  const preparedOut: Record<string, unknown> = {};
  const psql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    for (const [name, q] of Object.entries(prepared)) {
      const who = queries[name]!.who;
      const n = runsFor(name, N);
      const same = fingerprint((await timed(psql, who, ...q.rls))[1]) === fingerprint((await timed(psql, service, ...q.service))[1]);
      for (let w = 0; w < 6; w++) {
        await timed(psql, who, ...q.rls);
        await timed(psql, service, ...q.service);
      }
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < n; i++) {
        if (i % 2) {
          a.push((await timed(psql, who, ...q.rls))[0]);
          b.push((await timed(psql, service, ...q.service))[0]);
        } else {
          b.push((await timed(psql, service, ...q.service))[0]);
          a.push((await timed(psql, who, ...q.rls))[0]);
        }
      }
      const rls = stats(a);
      const svc = stats(b);
      preparedOut[name] = { sameResult: same, rls, service: svc, ratioP50: rls.p50 / svc.p50, ratioP95: rls.p95 / svc.p95 };
      log(
        `prepared ${name.padEnd(22)} same=${same}  RLS p50 ${ms(rls.p50)} p95 ${ms(rls.p95)} ms | service p50 ${ms(svc.p50)} p95 ${ms(svc.p95)} ms | ratio ${(rls.p50 / svc.p50).toFixed(2)}×`,
      );
    }
  } finally {
    await psql.end();
  }
  return preparedOut;
}
