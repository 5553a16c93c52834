// The whole runbook on a small legacy database of each shape (domain/bigday-existing-schema):
// preflight with a verified backup, expand, backfill, validation, enforcement, rollout; the
// checklist passes; a rerun does nothing; the notification hook hears every phase.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigration } from '../../migrator/runner.ts';
import { connect } from '../../migrator/db.ts';
import { freshLegacyCluster } from '../../fixtures/legacy-bigday/cluster.ts';
import { pushMigrations } from '../../stack/migrations.ts';
import { quietLog } from '../../migrator/log.ts';
import { legacySchoolId, presets, peoplePerSchool } from '../../fixtures/legacy-bigday/presets.ts';
import { MIGRATION_TEST_PORT, legacyDatabase, nullCounts, rowsPerInstitution, testOptions, type LegacyDatabase } from './support.ts';

let db: LegacyDatabase | undefined;
afterAll(async () => db?.close());

describe('migrate: the full runbook', () => {
  it('older shape, institutions from an operator mapping file: every phase, checklist all pass, rerun is a no-op', async () => {
    db = await legacyDatabase('test-migration-older', MIGRATION_TEST_PORT, 'older');
    const o = testOptions(db);
    const schools = presets.small.schools;
    const mappingFile = join(db.cluster.settings.home, 'mapping.json');
    writeFileSync(
      mappingFile,
      JSON.stringify({
        institutions: Array.from({ length: schools }, (_, i) => ({ slug: `school-${i + 1}`, name: `School ${i + 1}` })),
        legacyIds: Object.fromEntries(Array.from({ length: schools }, (_, i) => [legacySchoolId(i + 1), `school-${i + 1}`])),
        emailDomains: Object.fromEntries(Array.from({ length: schools }, (_, i) => [`school${i + 1}.example`, `school-${i + 1}`])),
        fallback: 'school-1',
      }),
    );
    o.mapping = { mode: 'file', file: mappingFile };
    o.skipBackup = false;
    o.pilot = ['school-1'];
    o.waves = [['school-2', 'school-3']];
    const events = join(db.cluster.settings.home, 'events.jsonl');
    o.notifyCommand = `cat >> ${events}`;

    const first = await runMigration(o, quietLog);
    expect(first.failure).toBeUndefined();
    expect(first.steps.map((s) => s.status).every((s) => s === 'done')).toBe(true);
    const report = JSON.parse(readFileSync(first.reportFiles.json, 'utf8'));
    const failed = report.checklist.filter((c: { ok: boolean }) => !c.ok);
    expect(failed).toEqual([]);
    expect(report.checklist.length).toBeGreaterThanOrEqual(15);
    expect(readFileSync(first.reportFiles.markdown, 'utf8')).toContain('| phase2.backfill |');

    expect(await nullCounts(db.sql)).toEqual(Object.fromEntries(Object.keys(await nullCounts(db.sql)).map((t) => [t, 0])));
    // The backfill fills a missing institution, which is not a move: the ledger records its
    // batches, the audit log gets no row per filled row.
    const backfilled = first.steps.find((s) => s.name === 'phase2.backfill')!.evidence as { rowsUpdated: number };
    expect(backfilled.rowsUpdated).toBeGreaterThan(1_000);
    const [audited] = await db.sql`select count(*)::int as n from public.audit_events where operation = 'UPDATE'
                                   and table_name = any(${['user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections', 'section_students', 'section_courses']})`;
    expect(audited!.n).toBe(0);
    // E-mail domains decide people; the class structure follows its cohort's school.
    const people = await rowsPerInstitution(db.sql, 'user_profiles');
    expect(people).toEqual({
      'school-1': peoplePerSchool(presets.small),
      'school-2': peoplePerSchool(presets.small),
      'school-3': peoplePerSchool(presets.small),
    });
    const enrolments = await rowsPerInstitution(db.sql, 'section_students');
    expect(Object.values(enrolments)).toEqual([200, 200, 200]);
    const [flags] =
      await db.sql`select count(*) filter (where enabled)::int as on from public.institution_feature_flags where feature = 'hpc'`;
    expect(flags!.on).toBe(3);
    const [notNull] = await db.sql`select bool_and(attnotnull) as ok from pg_attribute
      where attname = 'institution_id' and attrelid = any(array['public.user_profiles', 'public.section_students']::regclass[])`;
    expect(notNull!.ok).toBe(true);

    const heard = readFileSync(events, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).event as string);
    expect(heard[0]).toBe('start');
    expect(heard.filter((e) => e === 'phase').length).toBe(5);
    expect(heard.at(-1)).toBe('end');

    const again = await runMigration(o, quietLog);
    expect(again.failure).toBeUndefined();
    expect(again.steps.every((s) => s.status === 'done (earlier run)')).toBe(true);
  }, 240_000);

  it('newer-baseline shape, the existing institution_id values become institutions; rows keep their school', async () => {
    await db?.close();
    db = await legacyDatabase('test-migration-newer', MIGRATION_TEST_PORT, 'newer-baseline');
    const o = testOptions(db);
    o.mapping = { mode: 'existing' };
    o.pilot = ['all'];
    const outcome = await runMigration(o, quietLog);
    expect(outcome.failure).toBeUndefined();
    const [inst] = await db.sql`select array_agg(id::text order by id) as ids from public.institutions`;
    expect(inst!.ids).toEqual([1, 2, 3].map(legacySchoolId).sort());
    // Terms and courses kept their legacy values (now real institutions).
    const terms = await rowsPerInstitution(db.sql, 'academic_terms');
    expect(Object.values(terms)).toEqual([2, 2, 2]);
    // Students and teachers follow their sections; admins and staff (no class link) the fallback.
    const [students] =
      await db.sql`select count(distinct u.institution_id)::int as n from public.user_profiles as u where u.role = 'student'`;
    expect(students!.n).toBe(3);
    expect(Object.values(await nullCounts(db.sql)).every((n) => n === 0)).toBe(true);
  }, 240_000);

  it('one default institution for a single-school deployment; refuses it where there are several schools', async () => {
    await db?.close();
    db = await legacyDatabase('test-migration-default', MIGRATION_TEST_PORT, 'older', { schools: 1 });
    const o = testOptions(db);
    const outcome = await runMigration(o, quietLog);
    expect(outcome.failure).toBeUndefined();
    expect(await rowsPerInstitution(db.sql, 'user_profiles')).toEqual({ 'bigday-school': peoplePerSchool(presets.small) });
    const [inst] = await db.sql`select id::text from public.institutions where slug = 'bigday-school'`;
    expect(inst!.id).toBe(legacySchoolId(1)); // the legacy value is kept as the institution's id

    await db.close();
    db = await legacyDatabase('test-migration-default', MIGRATION_TEST_PORT, 'older');
    const refused = await runMigration(testOptions(db), quietLog);
    expect(refused.failure).toMatch(/single-school deployment, but this database has 3 distinct legacy institution_id values/);
  }, 240_000);

  it('on a database that is already migrated (the demo stack) it changes nothing and passes', async () => {
    await db?.close();
    db = undefined;
    const cluster = await freshLegacyCluster('test-migration-current', MIGRATION_TEST_PORT);
    await pushMigrations(cluster.url, { seed: true });
    const sql = connect(cluster.url, { max: 2 });
    db = {
      cluster,
      sql,
      counts: {},
      close: async () => {
        await sql.end();
        await cluster.destroy();
      },
    };
    const [flagsBefore] = await sql`select count(*) filter (where enabled)::int as on from public.institution_feature_flags`;
    const outcome = await runMigration(testOptions(db), quietLog);
    expect(outcome.failure).toBeUndefined();
    const backfill = outcome.steps.find((s) => s.name === 'phase2.backfill')!.evidence as { rowsUpdated: number };
    expect(backfill.rowsUpdated).toBe(0);
    const [flagsAfter] = await sql`select count(*) filter (where enabled)::int as on from public.institution_feature_flags`;
    expect(flagsAfter!.on).toBe(flagsBefore!.on);
  }, 240_000);
});
