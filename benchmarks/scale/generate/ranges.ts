// The institutions cut into ranges of about equal student counts: the units of work that the
// evaluation and card loads run, a few connections at a time.
import type postgres from 'postgres';

export async function institutionRanges(sql: postgres.Sql, chunks: number): Promise<{ lo: number; hi: number }[]> {
  const ranges = await sql<{ lo: number; hi: number }[]>`
    select min(i)::integer as lo, max(i)::integer as hi
    from (select i, ntile(${chunks}) over (order by i) as t
          from scale_gen.inst, generate_series(1, 1) as g) as x
    group by t order by lo`;
  // Big schools first: ntile by institution number puts the biggest in the first ranges;
  // split by cumulative students instead so each chunk is similar work.
  const balanced = await sql<{ lo: number; hi: number }[]>`
    select min(i)::integer as lo, max(i)::integer as hi
    from (select i, least(${chunks} - 1, floor((sum(students) over (order by i) - students) * ${chunks}::numeric / sum(students) over ()))::integer as t
          from scale_gen.inst) as x
    group by t order by lo`;
  return balanced.length > 0 ? balanced : ranges;
}
