// The scale generator's small preset on the test stack, then the analytics views over it:
// sizes and skew as the preset says, a concurrent refresh that picks the new schools up,
// the exposure functions filtering by institution and role on generated data, and run-time
// partition pruning of an RLS query. The generated schools (slug scale-<n>) are removed
// afterwards and the views refreshed again, so the demo data is as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { dbUrl, SUPERUSER } from '../../stack/settings.ts';
import { generate, PRESETS, removeScaleData, scaleId } from '../../benchmarks/scale/generate.ts';
import { settings, sql as connect } from '../support/test-stack.ts';

const adminUrl = dbUrl(settings, SUPERUSER);
const small = PRESETS.small!;
let sql: postgres.Sql;

/** Runs a query as `authenticated` with a user's claims (what PostgREST does). */
async function asUser<T extends postgres.Row>(user: string, query: string): Promise<T[]> {
  return sql.begin(async (tx) => {
    await tx.unsafe(`select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`, [
      JSON.stringify({ sub: user, role: 'authenticated' }),
    ]);
    await tx`select private.set_request_context()`;
    return [...(await tx.unsafe<T[]>(query))];
  }) as Promise<T[]>;
}

describe('scale generator (small preset) and the analytics views over it', () => {
  beforeAll(async () => {
    sql = connect();
    await removeScaleData(adminUrl);
    await generate(adminUrl, small, { parallel: 2 });
  });

  afterAll(async () => {
    await removeScaleData(adminUrl);
    await sql`select count(*) from analytics.refresh()`;
    await sql.end();
  });

  it('makes the preset: 5 schools, 600 students, ~24,000 evaluations, a few large schools and small ones', async () => {
    const [c] = await sql`
      select (select count(*) from public.institutions where slug like 'scale-%')::int as institutions,
             (select count(*) from public.user_profiles p join public.institutions i on i.id = p.institution_id
              where i.slug like 'scale-%' and p.role = 'student')::int as students,
             (select count(*) from public.hpc_evaluations e join public.institutions i on i.id = e.institution_id
              where i.slug like 'scale-%')::int as evaluations,
             (select count(*) from public.hpc_reports r join public.institutions i on i.id = r.institution_id
              where i.slug like 'scale-%' and r.status = 'published')::int as cards`;
    expect(c).toMatchObject({ institutions: 5, students: 600, cards: 600 });
    expect(Math.abs(c!.evaluations - small.evaluations) / small.evaluations).toBeLessThan(0.02);
    const sizes = await sql`select count(*)::int as n from public.section_students s join public.institutions i on i.id = s.institution_id
                            where i.slug like 'scale-%' group by s.institution_id order by 1 desc`;
    expect(sizes[0]!.n).toBeGreaterThan(2.5 * sizes[sizes.length - 1]!.n);
  });

  it('writes consistent data: every rating has its rubric level, submitted ones a time, rows in one hash partition per school', async () => {
    const [bad] = await sql`
      select count(*) filter (where e.rubric_id is null or e.level_ordinal is null)::int as no_level,
             count(*) filter (where e.status = 'submitted' and e.submitted_at is null)::int as no_time,
             count(*) filter (where not exists (select 1 from public.hpc_rubrics r where r.institution_id = e.institution_id
                                                 and r.id = e.rubric_id and r.ordinal = e.level_ordinal))::int as dangling
      from public.hpc_evaluations e join public.institutions i on i.id = e.institution_id where i.slug like 'scale-%'`;
    expect(bad).toEqual({ no_level: 0, no_time: 0, dangling: 0 });
    const spread = await sql`select e.institution_id, count(distinct e.tableoid)::int as partitions
                             from public.hpc_evaluations e join public.institutions i on i.id = e.institution_id
                             where i.slug like 'scale-%' group by 1`;
    expect(spread.every((r) => r.partitions === 1)).toBe(true);
  });

  it('a concurrent refresh brings the new schools into every view, and the overview equals the base tables', async () => {
    const log = await sql`select view_name, mode, row_count from analytics.refresh(null, 'manual') order by view_name`;
    expect(log.map((r) => `${r.view_name}:${r.mode}`)).toEqual([
      'completion:concurrently',
      'institution_overview:concurrently',
      'level_distribution:concurrently',
      'student_progress:concurrently',
    ]);
    const mismatches = await sql`
      select o.institution_id, o.cycle_id from analytics.institution_overview as o
      join public.institutions as i on i.id = o.institution_id and i.slug like 'scale-%'
      where o.ratings_submitted <> (select count(*) from public.hpc_evaluations as e
                                    where e.institution_id = o.institution_id and e.cycle_id = o.cycle_id and e.status = 'submitted')
         or o.ratings_draft <> (select count(*) from public.hpc_evaluations as e
                                where e.institution_id = o.institution_id and e.cycle_id = o.cycle_id and e.status = 'draft')
         or o.students <> (select count(*) from public.section_students as s where s.institution_id = o.institution_id)`;
    expect(mismatches).toEqual([]);
    const [n] = await sql`select count(*)::int as n from analytics.institution_overview as o
                          join public.institutions as i on i.id = o.institution_id where i.slug like 'scale-%'`;
    expect(n!.n).toBe(10);
  });

  it('exposes the generated schools by institution and role', async () => {
    const principal = scaleId('principal', 1);
    const overview = await asUser<{ cycle_id: string; ratings_submitted: string }>(
      principal,
      'select * from public.hpc_analytics_overview()',
    );
    expect(overview.map((r) => r.cycle_id).sort()).toEqual([scaleId('cycle', 1, 1), scaleId('cycle', 1, 2)].sort());

    const teacher = scaleId('teacher', 2, 0);
    const sections = await asUser<{ section_id: string }>(
      teacher,
      `select distinct section_id from public.hpc_analytics_completion('${scaleId('cycle', 2, 1)}')`,
    );
    expect(sections.map((r) => r.section_id)).toEqual([scaleId('section', 2, 0)]);
    expect(await asUser(teacher, `select * from public.hpc_analytics_overview()`)).toEqual([]);
    // another school's cycle: nothing
    expect(await asUser(principal, `select * from public.hpc_analytics_completion('${scaleId('cycle', 2, 1)}')`)).toEqual([]);

    const parent = scaleId('parent', 1, 3);
    const own = await asUser(parent, `select * from public.hpc_analytics_student_progress('${scaleId('student', 1, 3)}')`);
    expect(own.length).toBeGreaterThan(0);
    expect(await asUser(parent, `select * from public.hpc_analytics_student_progress('${scaleId('student', 1, 4)}')`)).toEqual([]);
  });

  it('prunes hpc_evaluations to one partition at run time under RLS', async () => {
    const plan = await asUser<{ 'QUERY PLAN': { Plan: Node }[] }>(
      scaleId('principal', 1),
      `explain (analyze, format json) select count(*) from public.hpc_evaluations where status = 'submitted'`,
    );
    type Node = { 'Relation Name'?: string; 'Actual Loops'?: number; Plans?: Node[] };
    const executed = new Set<string>();
    const walk = (n: Node) => {
      if (n['Relation Name']?.startsWith('hpc_evaluations_p') && (n['Actual Loops'] ?? 0) > 0) executed.add(n['Relation Name']);
      n.Plans?.forEach(walk);
    };
    walk(plan[0]!['QUERY PLAN'][0]!.Plan);
    expect(executed.size).toBe(1);
  });
});
