// What the school holds about a child, and erasing it, through supabase-js and the real
// PostgREST: Sunrise's institution admin (Vikram Rao) exports a child's record, dry-runs and
// then carries out an erasure on request, and sets the school's retention period; the
// principal, a teacher, a parent, the child and visitors are refused. The child erased here
// is made by the test (a copy of some of Ishaan's ratings under a new student), so the demo
// data stays as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../../support/test-stack.ts';
import { anonClient, userClient, userId } from '../support/rest.ts';
import { HARPREET, ISHAAN, NEHA, PRIYA, VIKRAM, MEERA } from '../support/people.ts';
import { makeTestChild, removeTestChild, type TestChild } from '../support/test-child.ts';

let db: postgres.Sql;
let testChild: TestChild;
let child: string;
let ratings: number;

beforeAll(async () => {
  db = connect();
  testChild = await makeTestChild(db, 'Test Child (data requests)');
  child = testChild.id;
  ratings = testChild.ratings;
});
afterAll(async () => {
  await removeTestChild(db, testChild);
  await db.end();
});

describe('the institution admin', () => {
  it('exports what the school holds about the child, with what it contains', async () => {
    const { data, error } = await userClient(VIKRAM).rpc('hpc_student_record', { p_student_id: child });
    expect(error).toBeNull();
    const record = data as { student: { name: string }; contents: { part: string; rows: number }[]; tables: Record<string, unknown[]> };
    expect(record.student.name).toBe('Test Child (data requests)');
    expect(ratings).toBeGreaterThan(0);
    expect(record.tables.hpc_evaluations).toHaveLength(ratings);
    expect(record.contents).toEqual(
      expect.arrayContaining([
        { part: 'hpc_evaluations', rows: ratings },
        { part: 'hpc_achievements', rows: 1 },
      ]),
    );
  });

  it('dry-runs the erasure, then erases on request', async () => {
    const admin = userClient(VIKRAM);
    const dry = await admin.rpc('hpc_erase_student', { p_student_id: child });
    expect(dry.error).toBeNull();
    expect(dry.data).toMatchObject({ dry_run: true, rows: { hpc_evaluations: ratings, hpc_achievements: 1 } });
    expect((await db`select count(*)::int as n from hpc_evaluations where student_id = ${child}`)[0]!.n).toBe(ratings);

    const erased = await admin.rpc('hpc_erase_student', { p_student_id: child, p_dry_run: false });
    expect(erased.error).toBeNull();
    expect(erased.data).toMatchObject({ dry_run: false, reason: 'request', rows: { hpc_evaluations: ratings, hpc_achievements: 1 } });
    const [left] = await db`
      select (select count(*) from hpc_evaluations where student_id = ${child})::int
           + (select count(*) from hpc_achievements where student_id = ${child})::int as n`;
    expect(left!.n).toBe(0);
    const [profile] = await db`select count(*)::int as n from user_profiles where id = ${child}`;
    expect(profile!.n).toBe(1);
  });

  it("sets the school's retention period and sees whose data is past it", async () => {
    const admin = userClient(VIKRAM);
    const set = await admin.rpc('hpc_set_retention_period', { p_years: 5 });
    expect(set.error).toBeNull();
    expect(set.data).toEqual({ years_after_leaving: 5, past_retention: [] });
    const tooLong = await admin.rpc('hpc_set_retention_period', { p_years: 40 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.error?.code).toBe('HP400');
    const cleared = await admin.rpc('hpc_set_retention_period', { p_years: null as unknown as number });
    expect(cleared.data).toEqual({ years_after_leaving: null, past_retention: [] });
  });
});

describe('everyone else', () => {
  it.each([
    { who: 'the principal', email: HARPREET, status: 403, code: 'HP403' },
    { who: 'a teacher', email: PRIYA, status: 403, code: 'HP403' },
    { who: 'a parent', email: NEHA, status: 403, code: 'HP403' },
    { who: 'a student', email: ISHAAN, status: 403, code: 'HP403' },
    { who: 'a teacher of another school', email: MEERA, status: 403, code: 'HP403' },
  ])('$who is refused export, erasure and retention ($status $code)', async ({ email, status, code }) => {
    const client = userClient(email);
    for (const answer of [
      await client.rpc('hpc_student_record', { p_student_id: userId(ISHAAN) }),
      await client.rpc('hpc_erase_student', { p_student_id: userId(ISHAAN), p_dry_run: false }),
      await client.rpc('hpc_set_retention_period', { p_years: 1 }),
      await client.rpc('hpc_retention_status'),
    ]) {
      expect(answer.status).toBe(status);
      expect(answer.error?.code).toBe(code);
    }
    const [ishaan] = await db`select count(*)::int as n from hpc_evaluations where student_id = ${userId(ISHAAN)}`;
    expect(ishaan!.n).toBeGreaterThan(0);
  });

  it('anon may not call them at all', async () => {
    const answer = await anonClient().rpc('hpc_student_record', { p_student_id: userId(ISHAAN) });
    expect(answer.error?.code).toBe('42501');
  });
});
