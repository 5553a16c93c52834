// The migration on BIG DAY as it really is (domain/bigday-real-schema.md, "newer" shape):
// 21 tables, its own policies (which recurse), functions, triggers and seeds, three schools
// with rows in every table, people with no class link. The README's command, step by step,
// with the live app's writes replayed before the run, between every two steps and after it.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Sql } from '../../migrator/db.ts';
import { legacySchoolId } from '../../fixtures/legacy-bigday/presets.ts';
import { quietLog } from '../../migrator/log.ts';
import { runMigration, runbook } from '../../migrator/runner.ts';
import { replayAppWrites, type AppWriteResult } from '../../migrator/checklist/app-writes.ts';
import { configuredPreRequest, runPreRequest } from '../../migrator/checklist/pre-request.ts';
import { runSchemaRollback } from '../../migrator/rollback/execute.ts';
import { evaluateChecklist } from '../../migrator/checklist/evaluate.ts';
import { schemaDump, dumpDifference } from '../../migrator/rollback/dump.ts';
import { allMigrations, versionOf } from '../../migrator/supabase-cli.ts';
import { MIGRATION_TEST_PORT, legacyDatabase, testOptions, type LegacyDatabase } from './support.ts';

let db: LegacyDatabase | undefined;
afterAll(async () => db?.close());

const firstSchool = legacySchoolId(1);

/** A query as a signed-in person, the way PostgREST runs it (with the pre-request function once the migration configures one). */
async function asUser(sql: Sql, userId: string, query: string): Promise<Record<string, unknown>[]> {
  return sql.begin(async (tx) => {
    await tx`select set_config('role', 'authenticated', true),
                    set_config('request.jwt.claims', ${JSON.stringify({ sub: userId, role: 'authenticated' })}, true)`;
    await runPreRequest(tx, await configuredPreRequest(tx));
    return [...(await tx.unsafe(query))];
  });
}

async function sqlstateOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const failed = (results: AppWriteResult[]) => results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.sqlstate} ${r.message}`);

function readmeOptions(d: LegacyDatabase) {
  const o = testOptions(d);
  o.mapping = { mode: 'existing' };
  o.pilot = [`institution-${firstSchool}`];
  o.waves = [['all']];
  return o;
}

describe('the real BIG DAY (newer shape)', () => {
  it("migrates with the README command: schools isolated, the app's writes working between the steps and after", async () => {
    db = await legacyDatabase('test-migration-real', MIGRATION_TEST_PORT, 'newer');
    const sql = db.sql;
    expect(Object.values(db.counts).every((n) => n > 0)).toBe(true);
    const [admin] = await sql`select u.id::text from public.user_profiles as u
                              where u.role = 'admin' and u.email like ${'%@school1.example'} order by u.id limit 1`;

    // Before: BIG DAY's own policies recurse, and its search function leaks every school.
    expect(await sqlstateOf(asUser(sql, admin!.id, 'select count(*) from public.user_profiles'))).toBe('42P17');
    const leaked = await sql.begin(async (tx) => {
      await tx`set local role anon`;
      return tx`select count(distinct split_part(email, '@', 2))::int as schools from public.search_users('', null, null, null, null, 10000, 0)`;
    });
    expect(leaked[0]!.schools).toBe(3);
    const before = await replayAppWrites(sql, { institutionId: firstSchool });
    const workedBefore = new Set(before.filter((r) => r.ok).map((r) => r.name));
    expect(
      before.filter((r) => r.client === 'service').every((r) => r.ok),
      failed(before).join('\n'),
    ).toBe(true);

    // The runner, one step at a time, the app's writes replayed after each.
    const o = readmeOptions(db);
    const brokenDuring: string[] = [];
    for (const step of runbook(o).map((s) => s.name)) {
      const outcome = await runMigration({ ...o, stopAfter: step }, quietLog);
      expect(outcome.failure, step).toBeUndefined();
      const now = await replayAppWrites(sql, { institutionId: firstSchool });
      for (const r of now) if (!r.ok && workedBefore.has(r.name)) brokenDuring.push(`after ${step}: ${r.name}: ${r.sqlstate} ${r.message}`);
    }
    expect(brokenDuring).toEqual([]);

    // After: every write of the app works for its own school, BIG DAY's own defects too (the
    // contract removed their cause), and the checklist passes.
    const after = await replayAppWrites(sql, { institutionId: firstSchool });
    expect(failed(after)).toEqual([]);
    expect(after.length).toBeGreaterThanOrEqual(30);
    const final = await runMigration(o, quietLog);
    expect(final.failure).toBeUndefined();
    const report = JSON.parse(readFileSync(final.reportFiles.json, 'utf8')) as {
      checklist: { item: string; ok: boolean; evidence: { totals?: Record<string, number> } }[];
    };
    expect(report.checklist.filter((c) => !c.ok).map((c) => c.item)).toEqual([]);
    expect(report.checklist.map((c) => c.item)).toEqual(
      expect.arrayContaining([
        'no row of another school is visible to any role on any exposed table',
        'no row of another school is writable by any role',
        "no API-callable function returns another school's rows",
        'every write of the live app works for its own school',
      ]),
    );
    const totals = report.checklist.find((c) => c.item.startsWith('no row of another school is visible'))!.evidence.totals;
    console.log(
      `real BIG DAY: checklist ${report.checklist.length}/${report.checklist.length}; isolation ${JSON.stringify(totals)}; ` +
        `app writes replayed ${after.length} x ${runbook(o).length + 2} times, ${after.filter((r) => r.ok).length} working after, ` +
        `broken by BIG DAY itself: ${after
          .filter((r) => !r.ok)
          .map((r) => r.name)
          .join(', ')}`,
    );

    // The reads that failed with 42P17 work, within the admin's school only.
    const [own] = await asUser(
      sql,
      admin!.id,
      'select count(*)::int as n, count(distinct institution_id)::int as schools from public.user_profiles',
    );
    expect(own).toMatchObject({ schools: 1 });
    expect(own!.n).toBeGreaterThan(100);
    // BIG DAY's screens for a teacher and a student: a teacher allocated in section_courses
    // (no HPC duty recorded) sees their students; a student sees their timetable.
    const [teacher] = await sql`select sc.teacher_id::text as id, sc.section_id::text as section from public.section_courses as sc
                                where sc.institution_id = ${firstSchool} and sc.teacher_id is not null order by sc.id limit 1`;
    const [taught] = await asUser(
      sql,
      teacher!.id,
      `select count(*)::int as n from public.user_profiles as u
      join public.section_students as ss on ss.student_id = u.id where ss.section_id = '${teacher!.section}'`,
    );
    const [enrolled] = await sql`select count(*)::int as n from public.section_students where section_id = ${teacher!.section}`;
    expect(taught!.n).toBe(enrolled!.n);
    const [student] = await sql`select ss.student_id::text as id from public.section_students as ss
                                join public.timetable_sessions as ts on ts.section_id = ss.section_id
                                where ss.institution_id = ${firstSchool} limit 1`;
    const [timetable] = await asUser(
      sql,
      student!.id,
      `select count(*)::int as n from public.timetable_sessions as ts
      join public.section_students as ss on ss.section_id = ts.section_id where ss.student_id = '${student!.id}'`,
    );
    expect(timetable!.n).toBeGreaterThan(0);

    // The checklist's replay fails when one policy keeps the app from its own rows.
    const [editCohorts] = await sql`select policyname, qual, with_check from pg_policies
                                    where tablename = 'cohorts' and cmd = 'UPDATE'`;
    await sql.unsafe(`alter policy "${editCohorts!.policyname}" on public.cohorts using (false)`);
    const broken = await evaluateChecklist(sql, o);
    const replay = broken.find((c) => c.item === 'every write of the live app works for its own school')!;
    expect(replay.ok).toBe(false);
    expect((replay.evidence as { broken: AppWriteResult[] }).broken.map((r) => r.name)).toEqual(['cohorts: edit a cohort']);
    await sql.unsafe(`alter policy "${editCohorts!.policyname}" on public.cohorts using (${editCohorts!.qual})`);

    // The institution_id indexes of BIG DAY's newer tables were built concurrently by the
    // runner ahead of their files (so no writer waited for a build); each is valid.
    const [expandStep] = await sql`select evidence from hpc_migration.steps where name = 'phase1.expand'`;
    expect((expandStep!.evidence as { prebuiltIndexes: string[] }).prebuiltIndexes).toEqual(
      expect.arrayContaining(['timetable_sessions', 'teacher_load_rules']),
    );
    const tenantIndexes = await sql`select c.relname, i.indisvalid as valid from pg_index as i join pg_class as c on c.oid = i.indexrelid
                                    where c.relname = any(${['timetable_sessions_institution_id_idx', 'teacher_load_rules_institution_id_idx']})`;
    expect(tenantIndexes.map((r) => `${r.relname}:${r.valid}`).sort()).toEqual([
      'teacher_load_rules_institution_id_idx:true',
      'timetable_sessions_institution_id_idx:true',
    ]);

    // search_users is closed to the API roles.
    expect(
      await sqlstateOf(
        sql.begin(async (tx) => {
          await tx`set local role anon`;
          await tx`select * from public.search_users()`;
        }),
      ),
    ).toBe('42501');
    // Every BIG DAY table carries institution_id now, or is shared / platform by decision.
    const withoutSchool = await sql`select c.relname from pg_class as c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and not c.relispartition
        and not exists (select 1 from pg_attribute as a where a.attrelid = c.oid and a.attname = 'institution_id')
      order by 1`;
    expect(withoutSchool.map((r) => r.relname)).toEqual(['audit_logs', 'institutions']);
  }, 600_000);

  it("with BIG DAY's own CLI history: completes, and BIG DAY's history rows stay", async () => {
    await db?.close();
    db = await legacyDatabase('test-migration-real-history', MIGRATION_TEST_PORT, 'newer', {}, { cliHistory: true });
    const outcome = await runMigration(readmeOptions(db), quietLog);
    expect(outcome.failure).toBeUndefined();
    // BIG DAY's own rows of those months, not ours (our versions may fall in them too).
    const ours = allMigrations().map(versionOf);
    const history = await db.sql`select version from supabase_migrations.schema_migrations
                                 where (version like '202508%' or version like '202510%') and version <> all (${ours}) order by 1`;
    expect(history.map((r) => r.version)).toEqual(['20250830114948', '20250831105539', '20251013110434']);
    const [baseline] = await db.sql`select count(*)::int as n from supabase_migrations.schema_migrations where version = '20240101000000'`;
    expect(baseline!.n).toBe(1);
  }, 600_000);

  it("rolls back to a schema dump-identical to before, BIG DAY's own policies back", async () => {
    await db?.close();
    db = await legacyDatabase('test-migration-real-rollback', MIGRATION_TEST_PORT, 'newer', { schools: 1 });
    // Rows with no school: a permission granted to nobody, a conflict naming nothing.
    await db.sql`insert into public.user_permissions (id, permission) values ('00000000-0000-4000-9000-000000000001', 'reports.read')`;
    await db.sql`insert into public.timetable_conflicts (id, day_of_week, period_index, conflict_type)
                 values ('00000000-0000-4000-9000-000000000002', 2, 3, 'resource_conflict')`;
    const unplaced = async () =>
      db!.sql`select 'user_permissions' as t, to_jsonb(p) - 'institution_id' as row from public.user_permissions as p
              where p.id = '00000000-0000-4000-9000-000000000001'
              union all
              select 'timetable_conflicts', to_jsonb(c) - 'institution_id' from public.timetable_conflicts as c
              where c.id = '00000000-0000-4000-9000-000000000002'`;
    const rowsBefore = await unplaced();
    expect(rowsBefore).toHaveLength(2);
    const dumpBefore = await schemaDump(db.cluster.superUrl);
    const policiesBefore = await db.sql`select tablename, policyname from pg_policies where schemaname = 'public' order by 1, 2`;
    const o = readmeOptions(db);
    o.pilot = [];
    o.waves = [];
    expect((await runMigration(o, quietLog)).failure).toBeUndefined();
    // The contract set them aside: every row left has a school, and its key leads with it.
    expect(await unplaced()).toEqual([]);
    const [setAside] = await db.sql`select array_agg(table_name order by table_name) as t from private.rows_without_a_school
                                    where id in ('00000000-0000-4000-9000-000000000001', '00000000-0000-4000-9000-000000000002')`;
    expect(setAside!.t).toEqual(['public.timetable_conflicts', 'public.user_permissions']);
    await runSchemaRollback(db.sql, quietLog);
    const dumpAfter = await schemaDump(db.cluster.superUrl);
    const diff = dumpDifference(dumpBefore, dumpAfter);
    expect(diff).toEqual({ onlyBefore: [], onlyAfter: [] });
    expect(dumpAfter).toEqual(dumpBefore); // same lines in the same order
    expect(await unplaced()).toEqual(rowsBefore); // back as they were
    expect(await db.sql`select tablename, policyname from pg_policies where schemaname = 'public' order by 1, 2`).toEqual(policiesBefore);
    expect(policiesBefore.length).toBe(29);
  }, 600_000);
});
