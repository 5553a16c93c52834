// Partition maintenance of hpc_evaluations on a migrated database with the demo data:
// the skew report and the proof that any institution routes without DDL; a bucket split
// (10, r) → (20, r) + (20, r+10) that keeps every row and every index and whose ATTACH
// skips its scan; evaluations of an archived cycle moved out of the hot table.
import { afterAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../migrator/db.ts';
import { freshLegacyCluster, type LegacyCluster } from '../../fixtures/legacy-bigday/cluster.ts';
import { pushMigrations } from '../../stack/migrations.ts';
import { skewReport } from '../../operations/partitions/skew.ts';
import { splitPartition } from '../../operations/partitions/split.ts';
import { archiveEvaluations, ARCHIVE } from '../../operations/partitions/archive.ts';
import { hashPartitions } from '../../operations/partitions/layout.ts';
import { MIGRATION_TEST_PORT } from '../migration/support.ts';

let cluster: LegacyCluster | undefined;
let sql: Sql | undefined;
afterAll(async () => {
  await sql?.end();
  await cluster?.destroy();
});

const fingerprint = async (s: Sql) =>
  (
    await s`select count(*)::int as n, md5(string_agg(e::text, '|' order by e.institution_id, e.id)) as h
                                  from public.hpc_evaluations as e`
  )[0]!;

async function indexesPerPartition(s: Sql): Promise<Record<string, number>> {
  const rows = await s`
    select c.relname as partition, count(ci.inhrelid)::int as n
    from pg_inherits as p join pg_class as c on c.oid = p.inhrelid
    left join pg_index as i on i.indrelid = c.oid
    left join pg_inherits as ci on ci.inhrelid = i.indexrelid
      and ci.inhparent in (select indexrelid from pg_index where indrelid = 'public.hpc_evaluations'::regclass)
    where p.inhparent = 'public.hpc_evaluations'::regclass group by 1`;
  return Object.fromEntries(rows.map((r) => [r.partition, r.n]));
}

describe('partition maintenance', () => {
  it('reports skew, splits the fullest bucket online keeping every row and index, then archives a cycle', async () => {
    cluster = await freshLegacyCluster('test-migration-partitions', MIGRATION_TEST_PORT);
    await pushMigrations(cluster.url, { seed: true });
    sql = connect(cluster.url, { max: 3 });

    const skew = await skewReport(sql);
    expect(skew.partitions).toHaveLength(10);
    expect(skew.coverage).toEqual({ modulus: 10, uncovered: [], overlapping: [] });
    const fullest = skew.partitions.reduce((a, b) => (b.rows > a.rows ? b : a));
    expect(fullest.rows).toBeGreaterThan(0);
    const remainder = Number(/remainder (\d+)/.exec(fullest.bound)![1]);

    const before = await fingerprint(sql);
    const [parentIndexes] = await sql`select count(*)::int as n from pg_index where indrelid = 'public.hpc_evaluations'::regclass`;
    const split = await splitPartition(sql, cluster.url, remainder, { batch: 50 });
    expect(split.rowsAfter[0]! + split.rowsAfter[1]!).toBe(split.rowsBefore);
    expect(split.attachSkippedScan, split.notices.join('\n')).toBe(true);
    expect(await fingerprint(sql)).toEqual(before); // every row, unchanged

    const layout = await hashPartitions(sql);
    expect(layout).toHaveLength(11);
    expect(
      layout
        .filter((p) => p.modulus === 20)
        .map((p) => p.remainder)
        .sort((a, b) => a - b),
    ).toEqual([remainder, remainder + 10]);
    const after = await skewReport(sql);
    expect(after.coverage).toEqual({ modulus: 20, uncovered: [], overlapping: [] });
    // Every partition carries every index of the parent, attached to it.
    const perPartition = await indexesPerPartition(sql);
    for (const [partition, n] of Object.entries(perPartition)) expect(n, partition).toBe(parentIndexes!.n);
    // Closed like every partition: RLS on, nothing for the API roles.
    const open = await sql`select c.relname from pg_inherits as i join pg_class as c on c.oid = i.inhrelid
                           where i.inhparent = 'public.hpc_evaluations'::regclass
                             and (not c.relrowsecurity or has_table_privilege('authenticated', c.oid, 'select'))`;
    expect(open).toEqual([]);
    // Any institution, also one created tomorrow, routes to exactly one partition.
    const [routing] = await sql`
      select count(*) filter (where hits <> 1)::int as bad from (
        select u, (select count(*) from pg_inherits as i join pg_class as c on c.oid = i.inhrelid
                   where i.inhparent = 'public.hpc_evaluations'::regclass
                     and satisfies_hash_partition('public.hpc_evaluations'::regclass,
                           substring(pg_get_expr(c.relpartbound, c.oid) from 'modulus (\\d+)')::int,
                           substring(pg_get_expr(c.relpartbound, c.oid) from 'remainder (\\d+)')::int, u)) as hits
        from (select gen_random_uuid() as u from generate_series(1, 500)) as x) as y`;
    expect(routing!.bad).toBe(0);

    // Archive: a cycle moves to archived, its evaluations leave the hot table.
    const [cycle] = await sql`select c.institution_id, c.id, c.status, count(*)::int as n from public.hpc_evaluation_cycles as c
                              join public.hpc_evaluations as e on e.institution_id = c.institution_id and e.cycle_id = c.id
                              group by 1, 2, 3 order by n desc limit 1`;
    for (const status of ['closed', 'locked', 'archived']) {
      await sql`update public.hpc_evaluation_cycles set status = ${status} where institution_id = ${cycle!.institution_id} and id = ${cycle!.id}`.catch(
        () => undefined,
      );
    }
    const [now] = await sql`select status from public.hpc_evaluation_cycles where id = ${cycle!.id}`;
    expect(now!.status).toBe('archived');
    const archived = await archiveEvaluations(sql, { batch: 25 });
    expect(archived.moved).toBe(cycle!.n);
    const [hot] = await sql`select count(*)::int as n from public.hpc_evaluations where cycle_id = ${cycle!.id}`;
    const [cold] = await sql.unsafe(`select count(*)::int as n from ${ARCHIVE} where cycle_id = $1`, [cycle!.id]);
    expect([hot!.n, cold!.n]).toEqual([0, cycle!.n]);
    expect((await fingerprint(sql)).n).toBe(before.n - cycle!.n);
  }, 180_000);
});
