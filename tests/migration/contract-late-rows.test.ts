// Between the end of the backfill and the contract, the old application keeps writing rows
// without institution_id (it does not know the column until it is upgraded). The contract
// step fills them before it pushes, so it neither refuses nor gets stuck: a rerun would skip
// the finished backfill and meet the same rows again.
import { afterAll, describe, expect, it } from 'vitest';
import { runMigration } from '../../migrator/runner.ts';
import { quietLog } from '../../migrator/log.ts';
import { connect } from '../../migrator/db.ts';
import { MIGRATION_TEST_PORT, legacyDatabase, migrateUntil, nullCounts, type LegacyDatabase } from './support.ts';

let db: LegacyDatabase | undefined;
afterAll(async () => db?.close());

describe('the contract step after the backfill', () => {
  it('fills the rows the old application wrote meanwhile, then enforces', async () => {
    db = await legacyDatabase('test-migration-contract-late', MIGRATION_TEST_PORT, 'older');
    const o = await migrateUntil(db, 'phase2.materialized-views');
    expect(Object.values(await nullCounts(db.sql)).every((n) => n === 0)).toBe(true);

    // The old application admits a student and enrols them, as it always did.
    const app = connect(db.cluster.url, { max: 1 });
    const [section] = await app`select id, institution_id from public.sections order by id limit 1`;
    const [student] = await app`insert into public.user_profiles (full_name, email, role, admission_number)
                                values ('Late Admission', 'late.admission@legacy.example', 'student', 'LATE-0002') returning id`;
    await app`insert into public.section_students (section_id, student_id) values (${section!.id}, ${student!.id})`;
    // And one whose profile goes again before anyone gives it a school.
    const [gone] = await app`insert into public.user_profiles (full_name, email, role, admission_number)
                             values ('Gone Again', 'gone.again@legacy.example', 'student', 'LATE-0003') returning id`;
    await app`delete from public.user_profiles where id = ${gone!.id}`;
    await app.end();
    // Their audit entries were written without a school.
    const entriesOf = (ids: string[]) => db!.sql`
      select table_name, record_key ->> 'id' as id, institution_id from public.audit_events
      where record_key ->> 'id' = any(${ids}) or (table_name = 'section_students' and new_values -> 'institution_id' = 'null'::jsonb)
      order by table_name, id`;
    const unplaced = await entriesOf([student!.id, gone!.id]);
    expect(unplaced.map((e) => [e.table_name, e.institution_id])).toEqual([
      ['section_students', null],
      ['user_profiles', null],
      ['user_profiles', null],
    ]);
    const late = await nullCounts(db.sql);
    expect(late.user_profiles).toBe(1);
    expect(late.section_students).toBe(1);

    const done = await runMigration({ ...o, stopAfter: undefined }, quietLog);
    expect(done.failure).toBeUndefined();
    const contract = done.steps.find((s) => s.name === 'enforcement.contract');
    expect(contract?.status).toBe('done');
    expect(contract?.evidence).toMatchObject({ sweptRows: 2 });
    // The audit log's key now includes the school: its partitions' keys were built
    // concurrently by the runner, and every entry names a school: the school of its row, or
    // the nil uuid where the row has gone.
    expect(contract?.evidence).toMatchObject({ prebuiltAuditKeys: expect.any(Number) });
    expect((contract!.evidence as { prebuiltAuditKeys: number }).prebuiltAuditKeys).toBeGreaterThan(0);
    const [key] = await db.sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'audit_events_pkey'`;
    expect(key!.def).toBe('PRIMARY KEY (institution_id, occurred_at, id)');
    const placed = Object.fromEntries(
      (await entriesOf([student!.id, gone!.id])).map((e) => [
        `${e.table_name} ${e.id === gone!.id ? 'gone' : 'admitted'}`,
        e.institution_id,
      ]),
    );
    expect(placed).toEqual({
      'section_students admitted': section!.institution_id,
      'user_profiles admitted': section!.institution_id,
      'user_profiles gone': '00000000-0000-0000-0000-000000000000',
    });
    expect(Object.values(await nullCounts(db.sql)).every((n) => n === 0)).toBe(true);
    const [filled] = await db.sql`select p.institution_id as profile, ss.institution_id as enrolment
                                  from public.user_profiles as p join public.section_students as ss on ss.student_id = p.id
                                  where p.id = ${student!.id}`;
    expect(filled).toEqual({ profile: section!.institution_id, enrolment: section!.institution_id });
    // Enforced: institution_id is now NOT NULL on both tables.
    const notNull = await db.sql`select table_name, is_nullable from information_schema.columns
                                 where table_schema = 'public' and column_name = 'institution_id'
                                   and table_name in ('user_profiles', 'section_students') order by table_name`;
    expect(notNull.map((r) => r.is_nullable)).toEqual(['NO', 'NO']);
  }, 120_000);
});
