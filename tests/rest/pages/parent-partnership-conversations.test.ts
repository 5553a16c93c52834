// The Partnership card and the conversations page of a parent (Kavita Sharma, Aarav's
// mother): the Term 2 card upserted on the documented natural key and changed the same way,
// Term 1's card closed to changes, Aarav's thread read in order and answered, and no message
// for another school's child. The rows written here are removed by afterAll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../../support/test-stack.ts';
import { userClient, userId } from '../support/rest.ts';
import { AARAV, ISHAAN, KAVITA, MEERA, VIDYA_NIKETAN } from '../support/people.ts';

const MARK = 'partnership page test';
const REFLECTION_KEY = 'institution_id,cycle_id,student_id,author_id,kind,entry_key';

let db: postgres.Sql;
const cycles: Record<'term1' | 'term2', string> = { term1: '', term2: '' };

beforeAll(async () => {
  db = connect();
  for (const c of await db<{ id: string; term_number: string }[]>`
    select id, term_number from hpc_evaluation_cycles where institution_id = ${VIDYA_NIKETAN}`) {
    cycles[Number(c.term_number) === 1 ? 'term1' : 'term2'] = c.id;
  }
});
afterAll(async () => {
  await db`delete from hpc_reflections where institution_id = ${VIDYA_NIKETAN} and content ->> 'can_be_supported_for' like ${`${MARK}%`}`;
  await db`delete from hpc_conversations where body like ${`${MARK}%`}`;
  await db.end();
});

const partnership = (cycleId: string, homework: string) => ({
  cycle_id: cycleId,
  student_id: userId(AARAV),
  kind: 'parent_partnership' as const,
  author_id: userId(KAVITA),
  author_role: 'parent' as const,
  content: { homework, participation: 'asks about school every day', can_be_supported_for: `${MARK}: reading aloud` },
});

describe("Aarav's Partnership card", () => {
  it('reads the Term 1 card she submitted', async () => {
    const { data, error } = await userClient(KAVITA)
      .from('hpc_reflections')
      .select('status, content, hpc_evaluation_cycles(name)')
      .eq('student_id', userId(AARAV))
      .eq('kind', 'parent_partnership');
    expect(error).toBeNull();
    expect(data).toHaveLength(1);
    expect(data![0]).toMatchObject({
      status: 'submitted',
      hpc_evaluation_cycles: { name: 'Term 1 2026-27' },
      content: { my_child_enjoys: 'helping in the kitchen and playing with cousins' },
    });
  });

  it('fills in Term 2 by upsert on the natural key and changes it the same way: one row', async () => {
    const kavita = userClient(KAVITA);
    const first = await kavita
      .from('hpc_reflections')
      .upsert(partnership(cycles.term2, 'sometimes'), { onConflict: REFLECTION_KEY })
      .select('id, institution_id, status, content')
      .single();
    expect(first.error).toBeNull();
    expect(first.data).toMatchObject({ institution_id: VIDYA_NIKETAN, status: 'draft', content: { homework: 'sometimes' } });
    const second = await kavita
      .from('hpc_reflections')
      .upsert(partnership(cycles.term2, 'always'), { onConflict: REFLECTION_KEY })
      .select('id, content')
      .single();
    expect(second.error).toBeNull();
    expect(second.data).toMatchObject({ id: first.data!.id, content: { homework: 'always' } });
    const [{ rows }] = await db<[{ rows: number }]>`
      select count(*)::int as rows from hpc_reflections
      where cycle_id = ${cycles.term2} and student_id = ${userId(AARAV)} and kind = 'parent_partnership'`;
    expect(rows).toBe(1);
  });

  it("cannot change Term 1's card any more: 422 HP422", async () => {
    const { error, status } = await userClient(KAVITA)
      .from('hpc_reflections')
      .upsert(partnership(cycles.term1, 'always'), { onConflict: REFLECTION_KEY })
      .select('id');
    expect(status).toBe(422);
    expect(error?.code).toBe('HP422');
    expect(error?.message).toBe('The evaluation cycle "Term 1 2026-27" is closed: its reflections can no longer be changed.');
  });
});

describe("Aarav's conversations", () => {
  const thread = '20000000-0000-4000-8000-000000000001';

  it('reads the thread in order, with who wrote each message', async () => {
    const { data, error } = await userClient(KAVITA)
      .from('hpc_conversations')
      .select('author_role, body, author:user_profiles!hpc_conversations_author_fkey(full_name)')
      .eq('thread_id', thread)
      .order('created_at');
    expect(error).toBeNull();
    expect(data!.map((m) => `${m.author_role}: ${m.author?.full_name}`)).toEqual([
      'parent: Kavita Sharma',
      'teacher: Meera Iyer',
      'student: Aarav Sharma',
    ]);
    expect(data![1]!.body).toMatch(/^Thank you for asking/);
  });

  it('answers in the thread; the class teacher reads the answer', async () => {
    const body = `${MARK}: we will try the coins game`;
    const { data, error, status } = await userClient(KAVITA)
      .from('hpc_conversations')
      .insert({
        thread_id: thread,
        student_id: userId(AARAV),
        author_id: userId(KAVITA),
        author_role: 'parent',
        body,
      })
      .select('id, institution_id')
      .single();
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data!.institution_id).toBe(VIDYA_NIKETAN);
    const seen = await userClient(MEERA).from('hpc_conversations').select('body').eq('id', data!.id);
    expect(seen.data).toEqual([{ body }]);
  });

  it("cannot write about another school's child: 403 42501", async () => {
    const { error, status } = await userClient(KAVITA)
      .from('hpc_conversations')
      .insert({
        thread_id: thread,
        student_id: userId(ISHAAN),
        author_id: userId(KAVITA),
        author_role: 'parent',
        body: `${MARK}: not hers`,
      });
    expect(status).toBe(403);
    expect(error?.code).toBe('42501');
  });
});
