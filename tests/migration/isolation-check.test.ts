// The checklist's isolation proof (migrator/checklist/isolation/): after the whole runbook
// on the older shape, every role of every school and anon read and write every exposed
// relation and call every API function, and nothing of another school comes back; then the
// database is broken three ways (a select policy, an update policy, a leaking function) and
// each item fails, naming what broke it.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runMigration } from '../../migrator/runner.ts';
import { evaluateChecklist, type ChecklistItem } from '../../migrator/checklist/evaluate.ts';
import type { RunnerOptions } from '../../migrator/options.ts';
import { quietLog } from '../../migrator/log.ts';
import { MIGRATION_TEST_PORT, legacyDatabase, testOptions, type LegacyDatabase } from './support.ts';

const VISIBLE = 'no row of another school is visible to any role on any exposed table';
const WRITABLE = 'no row of another school is writable by any role';
const FUNCTIONS = "no API-callable function returns another school's rows";

interface Failure {
  table?: string;
  function?: string;
  role: string;
  count: number;
  op?: string;
}
type Evidence = { failures: Failure[]; failureCount: number; [k: string]: unknown };

let db: LegacyDatabase | undefined;
afterAll(async () => db?.close());

async function isolationItems(o: RunnerOptions): Promise<Record<string, ChecklistItem & { evidence: Evidence }>> {
  const all = await evaluateChecklist(db!.sql, o);
  return Object.fromEntries(all.filter((c) => [VISIBLE, WRITABLE, FUNCTIONS].includes(c.item)).map((c) => [c.item, c])) as never;
}

const named = (e: Evidence, key: 'table' | 'function') => [...new Set(e.failures.map((f) => f[key]))].sort();

describe('checklist: tenant isolation proved as every role of every school', () => {
  it('passes on the migrated older shape; each item fails on a database broken for it', async () => {
    db = await legacyDatabase('test-migration-isolation', MIGRATION_TEST_PORT, 'older');
    const o = testOptions(db);
    o.mapping = { mode: 'existing' };
    o.pilot = ['all'];
    const outcome = await runMigration(o, quietLog);
    expect(outcome.failure).toBeUndefined();

    // The runner's own report: the three items pass, with rows checked and every relation of
    // public covered (read, or a partition read through its parent).
    const report = JSON.parse(readFileSync(outcome.reportFiles.json, 'utf8')) as { checklist: ChecklistItem[] };
    const fromRunner = Object.fromEntries(report.checklist.map((c) => [c.item, c]));
    for (const item of [VISIBLE, WRITABLE, FUNCTIONS]) expect(fromRunner[item], item).toMatchObject({ ok: true, stage: 'post' });
    const seen = fromRunner[VISIBLE]!.evidence as { totals: Record<string, number>; relations: { table: string; skipped?: string }[] };
    expect(seen.totals.rowsChecked).toBeGreaterThan(0);
    expect(seen.totals.rowsVisible).toBeGreaterThan(0);
    const publicRelations = (
      await db.sql`select 'public.' || relname as t from pg_class where relnamespace = 'public'::regnamespace
                                          and relkind in ('r', 'p', 'v', 'm', 'f') order by 1`
    ).map((r) => r.t as string);
    expect(
      seen.relations
        .map((r) => r.table)
        .filter((t) => t.startsWith('public.'))
        .sort(),
    ).toEqual(publicRelations);
    expect(seen.relations.filter((r) => r.skipped && !r.skipped.startsWith('partition of '))).toEqual([]);
    expect(seen.totals.tablesCovered).toBe(publicRelations.length);
    expect((fromRunner[WRITABLE]!.evidence as { writeProbes: number }).writeProbes).toBeGreaterThan(0);
    expect(readFileSync(outcome.reportFiles.markdown, 'utf8')).toContain('## Isolation proof');

    // More kinds of caller (a parent, a principal, a coordinator per school), a table that
    // reaches its school only through foreign keys (as BIG DAY's timetables do), and a row
    // in the shared groups table.
    await db.sql.unsafe(`
      insert into public.user_profiles (institution_id, full_name, email, role)
      select i.id, 'Parent of ' || i.slug, 'parent@' || i.slug || '.example', 'parent' from public.institutions as i;
      insert into public.student_guardians (institution_id, student_id, guardian_id, relationship)
      select p.institution_id, (select s.id from public.user_profiles as s where s.institution_id = p.institution_id and s.role = 'student' order by s.id limit 1),
             p.id, 'mother'
      from public.user_profiles as p where p.role = 'parent';
      insert into public.staff_duties (institution_id, user_id, duty)
      select t.institution_id, t.id, d.duty
      from (select distinct on (institution_id) institution_id, id from public.user_profiles where role = 'teacher' order by institution_id, id) as t,
           (values ('principal'), ('coordinator')) as d(duty);
      -- After the contract BIG DAY's tables are keyed (institution_id, id), so a table added
      -- later refers to them with the school too; named otherwise here, it has no institution_id.
      create table public.timetable_slots (
        id uuid primary key default gen_random_uuid(),
        section_school uuid not null,
        section_id uuid not null,
        course_school uuid,
        course_id uuid,
        period int not null default 1,
        foreign key (section_school, section_id) references public.sections (institution_id, id),
        foreign key (course_school, course_id) references public.courses (institution_id, id));
      alter table public.timetable_slots enable row level security;
      grant select, insert, update, delete on public.timetable_slots to authenticated;
      create policy "Members read their sections' slots" on public.timetable_slots for select to authenticated
        using (exists (select 1 from public.sections as s where s.id = section_id));
      create policy "Members change their sections' slots" on public.timetable_slots for all to authenticated
        using (exists (select 1 from public.sections as s where s.id = section_id))
        with check (exists (select 1 from public.sections as s where s.id = section_id));
      insert into public.timetable_slots (section_school, section_id, course_school, course_id)
      select sc.institution_id, sc.section_id, sc.institution_id, sc.course_id from public.section_courses as sc;
      insert into public.user_groups (name) values ('Class monitors');
    `);
    const passing = await isolationItems(o);
    for (const item of [VISIBLE, WRITABLE, FUNCTIONS])
      expect(passing[item]!.ok, `${item}: ${JSON.stringify(passing[item]!.evidence).slice(0, 600)}`).toBe(true);
    const proof = passing[VISIBLE]!.evidence as unknown as {
      totals: { tablesCovered: number; rowsChecked: number; rowsVisible: number; callers: number; institutions: number };
      callers: string[];
      relations: { table: string; judged: string; path?: string[] }[];
      noTenantPath: { table: string; visible: Record<string, number>; shared?: string }[];
      perTable: Record<string, Record<string, { visible: number; foreign: number }>>;
    };
    const kinds = new Set(proof.callers.map((c) => c.split('@')[0]));
    expect([...kinds].sort()).toEqual(['admin', 'anon', 'coordinator', 'parent', 'principal', 'staff', 'student', 'teacher']);
    const slots = proof.relations.find((r) => r.table === 'public.timetable_slots')!;
    expect(slots.judged).toBe('links');
    expect(slots.path).toEqual(
      expect.arrayContaining(['public.timetable_slots: section_school,section_id → public.sections.institution_id']),
    );
    expect(proof.perTable['public.timetable_slots']!.teacher!.visible).toBeGreaterThan(0);
    // user_groups: a school's own groups carry its institution_id; the rows without one are
    // shared by decision, and every member sees them.
    expect(proof.relations.find((r) => r.table === 'public.user_groups')!.judged).toBe('direct');
    expect(proof.perTable['public.user_groups']!.student).toMatchObject({ foreign: 0 });
    expect(proof.perTable['public.user_groups']!.student!.visible).toBeGreaterThan(0);
    const writes = passing[WRITABLE]!.evidence as unknown as { writeProbes: number; outcomes: Record<string, number> };
    expect(writes.outcomes['update: no row reached']).toBeGreaterThan(0);
    expect(writes.outcomes['insert: refused by a policy']).toBeGreaterThan(0);
    console.log(
      `isolation proof: ${proof.totals.tablesCovered} relations covered, ${proof.totals.rowsChecked} rows checked ` +
        `(${proof.totals.rowsVisible} seen), ${proof.totals.callers} callers in ${proof.totals.institutions} schools, ${writes.writeProbes} write probes`,
    );

    // 1. The select policy of sections replaced by `using (true)`, and the groups table no
    //    longer allowed as shared: the visibility item fails, naming sections, the slots
    //    (judged through their links: their policies trust what sections shows) and the groups.
    const [policy] =
      await db.sql`select policyname, qual from pg_policies where schemaname = 'public' and tablename = 'sections' and cmd = 'SELECT'`;
    const name = policy!.policyname as string;
    await db.sql.unsafe(`drop policy "${name}" on public.sections;
                         create policy "${name}" on public.sections for select to authenticated using (true)`);
    const strict = structuredClone(o);
    strict.isolation.sharedTables = {};
    const leaking = await isolationItems(strict);
    expect(leaking[VISIBLE]!.ok).toBe(false);
    expect(named(leaking[VISIBLE]!.evidence, 'table')).toEqual(['public.sections', 'public.timetable_slots', 'public.user_groups']);
    const sections = leaking[VISIBLE]!.evidence.failures.filter((f) => f.table === 'public.sections');
    expect(sections.map((f) => f.role)).toEqual(expect.arrayContaining(['student', 'teacher', 'parent', 'principal']));
    expect(sections.every((f) => f.count > 0)).toBe(true);
    // The slots' write policies trust the same view of sections: they open with it.
    expect(named(leaking[WRITABLE]!.evidence, 'table')).toEqual(['public.timetable_slots']);
    expect(leaking[FUNCTIONS]!.ok).toBe(true);
    await db.sql.unsafe(`drop policy "${name}" on public.sections;
                         create policy "${name}" on public.sections for select to authenticated using (${policy!.qual})`);

    // 2. Courses writable across schools (an UPDATE policy `using (true)`), still invisible:
    //    the write item fails on courses, the visibility item passes.
    await db.sql.unsafe(
      `create policy "isolation test: any course" on public.courses for update to authenticated using (true) with check (true)`,
    );
    const writable = await isolationItems(o);
    expect(writable[WRITABLE]!.ok).toBe(false);
    expect(named(writable[WRITABLE]!.evidence, 'table')).toEqual(['public.courses']);
    expect(new Set(writable[WRITABLE]!.evidence.failures.map((f) => f.op))).toEqual(new Set(['update']));
    expect(writable[VISIBLE]!.ok).toBe(true);
    await db.sql.unsafe(`drop policy "isolation test: any course" on public.courses`);

    // 3. A SECURITY DEFINER function returning every profile, executable by authenticated (and
    //    one with no pinned search_path): the function item fails, naming both.
    await db.sql.unsafe(`
      create function public.all_profiles() returns setof public.user_profiles
        language sql stable security definer set search_path = '' as $$ select * from public.user_profiles $$;
      revoke execute on function public.all_profiles() from public, anon;
      grant execute on function public.all_profiles() to authenticated;
      create function public.count_profiles() returns bigint
        language sql stable security definer as $$ select count(*) from public.user_profiles $$;
      grant execute on function public.count_profiles() to authenticated;
    `);
    const functions = await isolationItems(o);
    expect(functions[FUNCTIONS]!.ok).toBe(false);
    expect(named(functions[FUNCTIONS]!.evidence, 'function')).toEqual(['all_profiles()', 'count_profiles()']);
    const leak = functions[FUNCTIONS]!.evidence.failures.filter((f) => f.function === 'all_profiles()');
    expect(leak.map((f) => f.role)).toContain('student');
    expect(leak.every((f) => f.count > 0)).toBe(true);
    expect(functions[VISIBLE]!.ok).toBe(true);
    expect(functions[WRITABLE]!.ok).toBe(true);
    await db.sql.unsafe('drop function public.all_profiles(); drop function public.count_profiles()');
  }, 240_000);
});
