// `npm run migrate -- status`: where a migration stands — steps, backfill progress with rate
// and ETA, the operator switch, HPC flags, and the slowest statements (pg_stat_statements).
import type { Sql } from './db.ts';
import { ledgerExists } from './ledger.ts';

export async function migrationStatus(sql: Sql): Promise<string> {
  if (!(await ledgerExists(sql))) return 'No migration has run on this database (no hpc_migration ledger).';
  const out: string[] = [];
  const steps = await sql`select name, status, seconds::float8 as seconds, attempts, coalesce(error, '') as error
                          from hpc_migration.steps order by started_at nulls last`;
  out.push('Steps:');
  for (const s of steps)
    out.push(
      `  ${s.name.padEnd(28)} ${String(s.status).padEnd(8)} ${s.seconds != null ? `${Number(s.seconds).toFixed(1)} s` : ''} ${s.attempts > 1 ? `(${s.attempts} attempts)` : ''} ${s.error}`,
    );
  const [sw] = await sql`select value, changed_at::text from hpc_migration.control where key = 'backfill'`;
  out.push(`Backfill switch: ${sw?.value ?? 'run'}`);
  const ranges = await sql`
    select table_name, count(*)::int as ranges, count(*) filter (where status = 'done')::int as done,
           sum(rows_scanned)::bigint as scanned, sum(rows_updated)::bigint as updated,
           (select c.reltuples::bigint from pg_class as c where c.oid = ('public.' || table_name)::regclass) as estimate
    from hpc_migration.backfill_ranges group by table_name order by table_name`;
  const [rate] = await sql`select coalesce(sum(rows_updated), 0)::float8 / 60 as per_second from hpc_migration.batches
                           where ok and at > now() - interval '1 minute'`;
  if (ranges.length) {
    out.push('Backfill:');
    let left = 0;
    for (const r of ranges) {
      const pct = r.estimate > 0 ? Math.min(100, (100 * Number(r.scanned)) / Number(r.estimate)) : 100;
      left += Math.max(0, Number(r.estimate) - Number(r.scanned));
      out.push(
        `  ${r.table_name.padEnd(18)} ranges ${r.done}/${r.ranges}  rows ${r.scanned} scanned, ${r.updated} updated (${pct.toFixed(1)}%)`,
      );
    }
    const perSecond = Number(rate!.per_second);
    out.push(`  rate (last minute) ${perSecond.toFixed(0)} rows/s, ETA ${perSecond > 0 ? `${(left / perSecond).toFixed(0)} s` : '—'}`);
  }
  const [flagsTable] = await sql`select to_regclass('public.institution_feature_flags') is not null as ok`;
  if (flagsTable!.ok) {
    const flags = await sql`select i.slug, f.enabled, coalesce(f.pilot_cohort, '') as cohort, f.changed_at::text
                            from public.institution_feature_flags as f join public.institutions as i on i.id = f.institution_id
                            where f.feature = 'hpc' order by i.slug`;
    out.push(`HPC flags: ${flags.length ? '' : 'none set (HPC off everywhere)'}`);
    for (const f of flags) out.push(`  ${f.slug.padEnd(30)} ${f.enabled ? 'on ' : 'off'} ${f.cohort} ${f.changed_at}`);
  }
  out.push('Slowest statements (pg_stat_statements, mean time):');
  try {
    const slow =
      await sql`select round(mean_exec_time::numeric, 1)::float8 as mean_ms, calls, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 100) as query
                           from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
                           order by mean_exec_time desc limit 5`;
    for (const s of slow) out.push(`  ${String(s.mean_ms).padStart(9)} ms × ${String(s.calls).padEnd(6)} ${s.query}`);
  } catch (error) {
    out.push(`  unavailable: ${(error as Error).message}`);
  }
  const events = await sql`select at::text, kind, message from hpc_migration.events order by id desc limit 5`;
  out.push('Last events:');
  for (const e of events.reverse()) out.push(`  ${e.at} [${e.kind}] ${e.message}`);
  return out.join('\n');
}
