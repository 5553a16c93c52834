// What each kind of caller gets from the tables, rpc() and functions.invoke(), through
// supabase-js → gateway → the real PostgREST → the seeded database, with the demo users'
// tokens: the path the frontend takes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import type { Database } from '../../supabase/functions/_shared/database.types.ts';
import { sql as connect } from '../support/test-stack.ts';
import { anonClient, serviceClient, userClient, userId } from './support/rest.ts';

const MEERA = 'meera.iyer@vidyaniketan.example'; // class teacher 4-A, Vidya Niketan
const AARAV = 'aarav.sharma@vidyaniketan.example'; // student 4-A
const ANAYA = 'anaya.sharma@vidyaniketan.example'; // student 2-A, Aarav's sister
const KAVITA = 'kavita.sharma@parents.vidyaniketan.example'; // parent of Aarav and Anaya
const ISHAAN = 'ishaan.verma@sunrise.example'; // student 7-A, Sunrise
const NEHA = 'neha.verma@parents.sunrise.example'; // parent of Ishaan
const SUNITA = 'principal@vidyaniketan.example';

type Table = keyof Database['public']['Tables'];
const hpcTables = [
  'hpc_achievements',
  'hpc_analytics',
  'hpc_approval_workflows',
  'hpc_conversations',
  'hpc_evaluation_cycles',
  'hpc_evaluations',
  'hpc_parameter_assignments',
  'hpc_parameters',
  'hpc_reflections',
  'hpc_reports',
  'hpc_rubrics',
] as const satisfies readonly Table[];

let db: postgres.Sql;
beforeAll(() => {
  db = connect();
});
afterAll(async () => {
  await db.end();
});

describe('anon (the anon key, nobody signed in)', () => {
  it.each(hpcTables)('reads nothing from %s, which holds rows', async (table) => {
    const [{ rows }] = await db.unsafe<[{ rows: number }]>(`select count(*)::int as rows from public.${table}`);
    expect(rows, `${table} has seeded rows, so an empty answer means something`).toBeGreaterThan(0);
    const { data } = await anonClient().from(table).select('*');
    expect(data ?? []).toEqual([]);
  });

  it('cannot write an HPC table', async () => {
    const { error } = await anonClient().from('hpc_achievements').update({ title: 'changed by anon' }).neq('title', '').select();
    expect(error?.code).toBe('42501');
    const [{ changed }] = await db<
      [{ changed: number }]
    >`select count(*)::int as changed from hpc_achievements where title = 'changed by anon'`;
    expect(changed).toBe(0);
  });
});

describe('a class teacher', () => {
  it("reads her own students' evaluations, and only theirs", async () => {
    const students = await db<{ student_id: string }[]>`
      select ss.student_id from staff_duties d join section_students ss on ss.institution_id = d.institution_id and ss.section_id = d.section_id
      where d.user_id = ${userId(MEERA)} and d.duty = 'class_teacher' and d.active`;
    const mine = new Set(students.map((s) => s.student_id));
    expect(mine.has(userId(AARAV))).toBe(true);

    const { data, error } = await userClient(MEERA).from('hpc_evaluations').select('id, student_id, institution_id, level_ordinal');
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(0);
    expect(data!.filter((e) => !mine.has(e.student_id))).toEqual([]);
    expect(new Set(data!.map((e) => e.student_id)).has(userId(AARAV))).toBe(true);
  });

  it('embeds the parameter of each evaluation (one relationship)', async () => {
    const { data, error } = await userClient(MEERA)
      .from('hpc_evaluations')
      .select('id, level_ordinal, hpc_parameters(code, name)')
      .eq('student_id', userId(AARAV))
      .limit(5);
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(0);
    for (const e of data!) expect(e.hpc_parameters?.code).toBeTruthy();
  });
});

describe('a parent', () => {
  it("reads their child's published card", async () => {
    const { data, error } = await userClient(NEHA).from('hpc_reports').select('student_id, status, version, content, published_at');
    expect(error).toBeNull();
    expect(data).toHaveLength(1);
    expect(data![0]).toMatchObject({ student_id: userId(ISHAAN), status: 'published' });
    expect(data![0]!.published_at).toBeTruthy();
    expect(Object.keys(data![0]!.content as object).length).toBeGreaterThan(0);
  });

  it('sees no card that is not published, not even their own child’s', async () => {
    const all = await db<{ student_id: string; status: string }[]>`
      select student_id, status from hpc_reports where student_id in (${userId(AARAV)}, ${userId(ANAYA)})`;
    expect(
      all.some((r) => r.status !== 'published'),
      'the seed has unpublished cards of these children',
    ).toBe(true);

    const { data, error } = await userClient(KAVITA).from('hpc_reports').select('student_id, status, version');
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(0);
    expect(data!.every((r) => r.status === 'published')).toBe(true);
    expect(data!.every((r) => r.student_id === userId(AARAV) || r.student_id === userId(ANAYA))).toBe(true);
  });
});

describe('a student', () => {
  it("cannot read another student's evaluations or card", async () => {
    const [{ rows }] = await db<[{ rows: number }]>`select count(*)::int as rows from hpc_evaluations where student_id = ${userId(ANAYA)}`;
    expect(rows).toBeGreaterThan(0);
    const aarav = userClient(AARAV);
    const evaluations = await aarav.from('hpc_evaluations').select('id').eq('student_id', userId(ANAYA));
    expect(evaluations.error).toBeNull();
    expect(evaluations.data).toEqual([]);
    const cards = await aarav.from('hpc_reports').select('id').eq('student_id', userId(ANAYA));
    expect(cards.error).toBeNull();
    expect(cards.data).toEqual([]);
  });

  it('reads only rows about themself or written by themself (self and peer ratings)', async () => {
    const { data, error } = await userClient(AARAV).from('hpc_evaluations').select('student_id, rater_id, rater_role');
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(0);
    expect(data!.filter((e) => e.student_id !== userId(AARAV) && e.rater_id !== userId(AARAV))).toEqual([]);
  });

  it("cannot change another student's row", async () => {
    const { data } = await userClient(AARAV)
      .from('hpc_evaluations')
      .update({ observation: 'written by another student' })
      .eq('student_id', userId(ANAYA))
      .select('id');
    expect(data ?? []).toEqual([]);
    const [{ changed }] = await db<[{ changed: number }]>`
      select count(*)::int as changed from hpc_evaluations where observation = 'written by another student'`;
    expect(changed).toBe(0);
  });
});

describe('service_role', () => {
  it('sees every row of every school, with an exact count', async () => {
    const [{ reports, schools }] = await db<[{ reports: number; schools: number }]>`
      select count(*)::int as reports, count(distinct institution_id)::int as schools from hpc_reports`;
    const { count, error } = await serviceClient().from('hpc_reports').select('id', { count: 'exact', head: true });
    expect(error).toBeNull();
    expect(count).toBe(reports);
    const { data } = await serviceClient().from('hpc_reports').select('institution_id');
    expect(new Set(data!.map((r) => r.institution_id)).size).toBe(schools);
  });
});

describe('rpc() and functions.invoke() on the same client', () => {
  it('a principal lists the cards awaiting her by rpc, and the function agrees', async () => {
    const sunita = userClient(SUNITA);
    const viaRpc = await sunita.rpc('hpc_reports_awaiting_me');
    expect(viaRpc.error).toBeNull();
    expect(viaRpc.data!.length).toBeGreaterThan(0);
    for (const row of viaRpc.data!) expect(row.action).toBeTruthy();

    const viaFunction = await sunita.functions.invoke<{ items: { report_id: string }[] }>('hpc-approvals/awaiting', { method: 'GET' });
    expect(viaFunction.error).toBeNull();
    expect(viaFunction.data!.items.map((i) => i.report_id).sort()).toEqual(viaRpc.data!.map((r) => r.report_id).sort());
  });

  it('an rpc refusal comes back as a PostgREST error with the database code', async () => {
    const { data, error } = await userClient(MEERA).rpc('hpc_transition_report', {
      p_report_id: '00000000-0000-4000-a000-00000000ffff',
      p_action: 'approve',
      p_expected_version: 1,
    });
    expect(data).toBeNull();
    expect(error?.code).toBe('HP404');
    expect(error?.message).toMatch(/not found/);
  });

  it('a dashboard rpc answers the principal with her school only', async () => {
    const { data, error } = await userClient(SUNITA).rpc('hpc_analytics_overview');
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(0);
    const cycles = await db<{ id: string }[]>`
      select c.id from hpc_evaluation_cycles c join user_profiles p on p.institution_id = c.institution_id where p.id = ${userId(SUNITA)}`;
    const ownCycles = new Set(cycles.map((c) => c.id));
    expect(data!.filter((row) => !ownCycles.has(row.cycle_id))).toEqual([]);
  });
});
