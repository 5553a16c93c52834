// The request context in the access token, through supabase-js and the real PostgREST: the
// demo tokens are issued through the project's access token hook as Supabase Auth issues
// them, and a token's context stops counting as soon as its school's inputs change — a
// parent who loses a guardian link loses the child with the token they already hold.
import { decodeJwt } from 'jose';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hookedUserToken } from '../../stack/access-token-hook.ts';
import { credentials, sql } from '../support/test-stack.ts';
import { KAVITA, MEERA, NEHA, SUNRISE } from './support/people.ts';
import { tokenClient, userClient, userId } from './support/rest.ts';
import { makeTestChild, removeTestChild, type TestChild } from './support/test-child.ts';

let db: postgres.Sql;
let child: TestChild;

const token = (email: string) => credentials().users.find((u) => u.email === email)!.token;
const seesChild = async (accessToken: string) => {
  const { data, error } = await tokenClient(accessToken).from('user_profiles').select('id').eq('id', child.id);
  expect(error).toBeNull();
  return data!.length === 1;
};
const link = () =>
  db`insert into student_guardians (institution_id, student_id, guardian_id, relationship)
     values (${SUNRISE}, ${child.id}, ${userId(NEHA)}, 'mother')`;
const unlink = () => db`delete from student_guardians where student_id = ${child.id} and guardian_id = ${userId(NEHA)}`;

beforeAll(async () => {
  db = sql();
  child = await makeTestChild(db, 'Tara Token');
});
afterAll(async () => {
  await unlink();
  await removeTestChild(db, child);
});

describe('the request context in the access token', () => {
  it('is in the demo tokens, as the hook issues them', () => {
    const context = decodeJwt(token(KAVITA)).hpc_context as { values: (string | null)[]; institution_id: string };
    expect(context.values[0]).toBe(userId(KAVITA));
    expect(context.values[3]).toBe('parent');
    // A class teacher's is short enough in the demo data too.
    expect(decodeJwt(token(MEERA)).hpc_context).toBeDefined();
  });

  it('gives what the tables give: a parent reads their children and no one else', async () => {
    const { data, error } = await userClient(KAVITA).from('student_guardians').select('student_id');
    expect(error).toBeNull();
    const { count } = await db`select 1 from student_guardians where guardian_id = ${userId(KAVITA)}`;
    expect(data).toHaveLength(count);
  });

  it('follows a new guardian link at once, with the token issued before it', async () => {
    const before = token(NEHA);
    expect(await seesChild(before)).toBe(false);
    await link();
    expect(await seesChild(before)).toBe(true);
    await unlink();
  });

  it('loses a removed guardian link at once, with the token issued while it held', async () => {
    await link();
    const issued = await hookedUserToken(db, { id: userId(NEHA), email: NEHA });
    expect((decodeJwt(issued).hpc_context as { values: string[] }).values[11]).toContain(child.id);
    expect(await seesChild(issued)).toBe(true);
    await unlink();
    expect(await seesChild(issued)).toBe(false);
  });
});
