// Section 3: the three reads under each policy variant (policy-variants.ts), swapped in
// inside a transaction that is rolled back, against our deployed policies in the same
// harness and against service_role (section 1's figures). The naive variants get fewer
// runs (they are slow) and a 60 s statement timeout.
import { performance } from 'node:perf_hooks';
import type postgres from 'postgres';
import { actAs } from '../caller.ts';
import { ms, stats, type Stats } from '../stats.ts';
import { claimsOf, partitionsInPlan, RollbackSignal, type Log, type Sql } from './harness.ts';
import { policyHelperNames, policyStyles, type PolicyStyle } from './policy-variants.ts';
import { runsFor, type OverheadQuery } from './queries.ts';

const statementTimeoutMs = 60_000;

export async function measureVariants(
  admin: Sql,
  sql: Sql,
  queries: Record<string, OverheadQuery>,
  overhead: Record<string, unknown>,
  N: number,
  log: Log,
): Promise<{ naivePolicies: Record<string, unknown>; sqlHelpers: string[] }> {
  const naive: Record<string, unknown> = {};
  const ours = await admin`select tablename, policyname, pg_get_expr(p.polqual, p.polrelid) as qual
    from pg_policies join pg_policy as p on p.polname = policyname and p.polrelid = ('public.' || tablename)::regclass
    where schemaname = 'public' and tablename in ('hpc_evaluations', 'hpc_reports') and cmd = 'SELECT'`;
  const styles = policyStyles();
  const [sqlHelpers] = await admin.unsafe(`select count(*)::int as n, coalesce(array_agg(p.proname::text order by p.proname), '{}') as names
    from pg_proc as p
    where p.pronamespace = 'private'::regnamespace and p.prolang = (select oid from pg_language where lanname = 'sql')
      and p.proname in (${policyHelperNames})`);
  if (!sqlHelpers?.n) {
    delete styles.ours_with_plpgsql_helpers;
    log('variant ours_with_plpgsql_helpers skipped: the deployed helpers are not language sql');
  }
  for (const [style, policy] of Object.entries(styles)) {
    const out: Record<string, unknown> = {};
    await sql
      .begin(async (tx) => {
        await swapPolicies(tx, policy, ours);
        for (const [name, q] of Object.entries(queries)) {
          const runs = style.startsWith('ours') ? runsFor(name, N) : name === 'principal_dashboard' ? 3 : 10;
          const { samples, rows, error, parts } = await timeUnderVariant(tx, q, runs);
          const st = stats(samples);
          const oursStats =
            (naive.ours_same_harness as Record<string, { stats: Stats }> | undefined)?.[name]?.stats ??
            (overhead[name] as { rls: Stats; service: Stats }).rls;
          const svcStats = (overhead[name] as { rls: Stats; service: Stats }).service;
          out[name] = { rows, error, stats: st, partitions: parts, vsOursP50: st.p50 / oursStats.p50, vsServiceP50: st.p50 / svcStats.p50 };
          log(
            `variant ${style.padEnd(26)} ${name.padEnd(22)} rows ${rows} ${error ? `ERROR ${error}` : `p50 ${ms(st.p50)} ms p95 ${ms(st.p95)} ms (${(st.p50 / oursStats.p50).toFixed(2)}× ours, ${(st.p50 / svcStats.p50).toFixed(2)}× service_role)`}${parts ? ` partitions ${parts.executed}/${parts.inPlan}` : ''}`,
          );
        }
        throw new RollbackSignal();
      })
      .catch((e) => {
        if (!(e instanceof RollbackSignal)) throw e;
      });
    naive[style] = out;
  }
  return { naivePolicies: naive, sqlHelpers: (sqlHelpers?.names as string[] | undefined) ?? [] };
}

/** The variant in place of our SELECT policies, for the rest of the transaction. */
async function swapPolicies(tx: postgres.TransactionSql, policy: PolicyStyle, ours: postgres.RowList<postgres.Row[]>): Promise<void> {
  await tx.unsafe(`set local lock_timeout = '10s'`);
  if (policy.setup) await tx.unsafe(policy.setup);
  if (policy.evaluations && policy.reports) {
    for (const p of ours) await tx.unsafe(`drop policy "${p.policyname}" on public.${p.tablename}`);
    await tx.unsafe(`create policy naive_read on public.hpc_evaluations for select to authenticated using (${policy.evaluations})`);
    await tx.unsafe(`create policy naive_read on public.hpc_reports for select to authenticated using (${policy.reports})`);
  }
}

/** Runs of one read as its user, each in a savepoint; the first also explained. A run that
 * fails (the timeout) ends the series, and a read of over 5 s gets two runs only. */
async function timeUnderVariant(tx: postgres.TransactionSql, q: OverheadQuery, runs: number) {
  const samples: number[] = [];
  let rows = -1;
  let error: string | undefined;
  let parts: { inPlan: number; executed: number } | undefined;
  for (let i = 0; i < runs && !error && !((samples[0] ?? 0) > 5000 && i >= 2); i++) {
    await tx.unsafe('savepoint q');
    try {
      await actAs(tx, 'authenticated', claimsOf(q.who.user));
      await tx.unsafe(`select set_config('statement_timeout', '${statementTimeoutMs}', true)`);
      const t = performance.now();
      const r = await tx.unsafe(q.rls);
      samples.push(performance.now() - t);
      rows = r.length;
      if (i === 0) {
        const [ex] = await tx.unsafe(`explain (analyze, format json) ${q.rls}`);
        const seen = partitionsInPlan(ex!);
        parts = { inPlan: seen.size, executed: [...seen.values()].filter(Boolean).length };
      }
      await tx.unsafe(`reset role`);
      await tx.unsafe('release savepoint q');
    } catch (e) {
      await tx.unsafe('rollback to savepoint q');
      error = (e as Error).message;
    }
  }
  return { samples, rows, error, parts };
}
