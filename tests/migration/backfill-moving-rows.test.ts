// The backfill walks each table's heap in block ranges, so the old application can put a
// row where the walk has already been: an UPDATE of a row not yet filled writes its new
// version into free space behind the cursor, and an INSERT lands beyond the planned end.
// Both must still end up with their institution (the sweep), before the next stage's
// composite keys need them (an enrolment of the moved student), and nothing else may be
// written twice.
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../migrator/db.ts';
import { runBackfill } from '../../migrator/backfill/engine.ts';
import { runBatch } from '../../migrator/backfill/batch.ts';
import { claimRange, planRanges } from '../../migrator/backfill/ranges.ts';
import { backfillTables } from '../../migrator/backfill/tables.ts';
import { MIGRATION_TEST_PORT, legacyDatabase, migrateUntil, nullCounts, type LegacyDatabase } from './support.ts';

let db: LegacyDatabase | undefined;
afterAll(async () => db?.close());

const blockOf = (ctid: string) => Number(ctid.slice(1, ctid.indexOf(',')));

describe('backfill over block ranges', () => {
  it('fills rows the application moved behind the cursor or inserted after planning', async () => {
    db = await legacyDatabase('test-migration-moving-rows', MIGRATION_TEST_PORT, 'older');
    const o = await migrateUntil(db, 'phase2.institutions');
    const sql = db.sql;

    // Free space at the start of the heap: rewrite the rows of blocks 0–3 elsewhere, then
    // vacuum the old versions away.
    await sql`update public.user_profiles set full_name = full_name || '' where ctid < '(4,0)'::tid`;
    await sql`vacuum public.user_profiles`;

    const ranges = await planRanges(sql, 'user_profiles', 1);
    expect(ranges).toBeGreaterThan(0);
    const range = (await claimRange(sql, ['user_profiles'], 'test'))!;
    expect(range.first_block).toBe(0);
    const table = backfillTables.find((t) => t.name === 'user_profiles')!;
    const first = await runBatch(sql, table, range, 4, { lockTimeoutMs: 1_000, statementTimeoutMs: 10_000 });
    expect(first).toMatchObject({ nextBlock: 4, scanned: 0 });

    // The old application (a new session, so the free space map chooses the page) edits a
    // enrolled student's row from a full page further on, still unfilled: its new version goes to the free
    // space at the start, behind the cursor. It also adds a profile with no class link yet,
    // which the tenant guard places by its school's e-mail domain as it is inserted.
    const app = connect(db.cluster.url, { max: 1 });
    const [last] = await app`select p.id from public.user_profiles as p
                             where p.institution_id is null and p.ctid >= '(8,0)'::tid and p.ctid < '(9,0)'::tid
                               and exists (select 1 from public.section_students as ss where ss.student_id = p.id)
                             limit 1`;
    const [moved] = await app`update public.user_profiles set contact_number = '+91 90000 00000'
                              where id = ${last!.id} returning ctid::text as ctid`;
    expect(blockOf(moved!.ctid)).toBeLessThan(first.nextBlock);
    const [placed] = await app`insert into public.user_profiles (full_name, email, role, admission_number)
                               values ('Early Bird', 'early.bird@school1.example', 'student', 'LATE-0000') returning institution_id`;
    expect(placed!.institution_id).not.toBeNull();
    // And one at a mail provider no rule names, enrolled at once: only the sweep can place it,
    // through its section.
    const [late] = await app`insert into public.user_profiles (full_name, email, role, admission_number)
                             values ('Late Arrival', 'late.arrival@mail.example', 'student', 'LATE-0001') returning id`;
    const [section] = await app`select id from public.sections order by id limit 1`;
    await app`insert into public.section_students (section_id, student_id) values (${section!.id}, ${late!.id})`;
    await app.end();

    // The whole backfill: the enrolment's composite key needs the moved student filled
    // before stage 4 (the sweep runs after every stage, not only at the end).
    const summary = await runBackfill(sql, o.backfill);
    expect(summary.status).toBe('done');
    expect(summary.sweptRows).toBe(2);
    const [after] = await sql`select count(*) filter (where institution_id is null)::int as missing,
                                     count(*) filter (where id in (${last!.id}, ${late!.id}) and institution_id is not null)::int as caught
                              from public.user_profiles`;
    expect(after).toEqual({ missing: 0, caught: 2 });
    expect(Object.values(await nullCounts(sql)).every((n) => n === 0)).toBe(true);
    // Every other row was filled once, by a batch: the ledger's count plus the sweep's plus the
    // one placed on insert is the table.
    const [ledger] = await sql`select sum(rows_updated)::int as n from hpc_migration.backfill_ranges where table_name = 'user_profiles'`;
    const [rows] = await sql`select count(*)::int as n from public.user_profiles`;
    expect(ledger!.n + summary.sweptRows + 1).toBe(rows!.n);
  }, 120_000);
});
