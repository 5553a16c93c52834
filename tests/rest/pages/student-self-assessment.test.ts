// A student's self-assessment page: their own Term 1 ratings with the parameter names, a
// Term 2 self rating entered and changed by upsert, the Middle-stage grid whose circled
// statements decide the level, and no way to rate a classmate as "self". Rows written here
// are the students' own Term 2 drafts, removed again by them (and by afterAll).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../../support/test-stack.ts';
import { userClient, userId } from '../support/rest.ts';
import { AARAV, ANAYA, ISHAAN, SUNRISE, VIDYA_NIKETAN } from '../support/people.ts';

const MARK = 'self-assessment page test';
const EVALUATION_KEY = 'institution_id,cycle_id,student_id,parameter_id,rater_role,rater_id';

let db: postgres.Sql;

/** The open Term 2 cycle of a school and a parameter a student's section is assessed on in it. */
async function term2Parameter(institution: string, student: string) {
  const [row] = await db<[{ cycle: string; parameter: string }]>`
    select a.cycle_id as cycle, a.parameter_id as parameter
    from hpc_parameter_assignments as a
    join hpc_evaluation_cycles as c on c.institution_id = a.institution_id and c.id = a.cycle_id
    join section_students as ss on ss.institution_id = a.institution_id and ss.section_id = a.section_id
    where a.institution_id = ${institution} and c.name = 'Term 2 2026-27' and c.status = 'open'
      and ss.student_id = ${student} and 'self' = any (a.rater_roles) and a.parameter_id is not null
    order by a.parameter_id limit 1`;
  return row;
}

beforeAll(() => {
  db = connect();
});
afterAll(async () => {
  await db`delete from hpc_evaluations where observation like ${`${MARK}%`}`;
  await db.end();
});

describe("Aarav's self-assessment (Preparatory stage)", () => {
  it('reads his own Term 1 self ratings with the parameter names', async () => {
    const [{ rows }] = await db<[{ rows: number }]>`
      select count(*)::int as rows from hpc_evaluations where rater_role = 'self' and rater_id = ${userId(AARAV)}`;
    expect(rows).toBeGreaterThan(0);
    const { data, error } = await userClient(AARAV)
      .from('hpc_evaluations')
      .select('level_ordinal, hpc_parameters(code, name), hpc_evaluation_cycles(name)')
      .eq('rater_role', 'self');
    expect(error).toBeNull();
    expect(data).toHaveLength(rows);
    for (const r of data!) {
      expect(r.hpc_parameters?.name).toBeTruthy();
      expect(r.hpc_evaluation_cycles?.name).toBe('Term 1 2026-27');
    }
  });

  it('enters a Term 2 self rating and changes it by upsert on the natural key', async () => {
    const { cycle, parameter } = await term2Parameter(VIDYA_NIKETAN, userId(AARAV));
    const mine = (level: number) => ({
      cycle_id: cycle,
      student_id: userId(AARAV),
      parameter_id: parameter,
      rater_role: 'self' as const,
      rater_id: userId(AARAV),
      level_ordinal: level,
      observation: `${MARK}: Aarav`,
    });
    const aarav = userClient(AARAV);
    const first = await aarav.from('hpc_evaluations').upsert(mine(2), { onConflict: EVALUATION_KEY }).select('id, level_ordinal').single();
    expect(first.error).toBeNull();
    expect(first.status).toBe(201);
    expect(first.data!.level_ordinal).toBe(2);
    const second = await aarav.from('hpc_evaluations').upsert(mine(3), { onConflict: EVALUATION_KEY }).select('id, level_ordinal').single();
    expect(second.error).toBeNull();
    expect(second.data).toEqual({ id: first.data!.id, level_ordinal: 3 });

    const removed = await aarav.from('hpc_evaluations').delete().eq('id', first.data!.id).select('id');
    expect(removed.data).toEqual([{ id: first.data!.id }]);
  });

  it("cannot rate his sister as 'self': 403 42501, nothing written", async () => {
    const { cycle, parameter } = await term2Parameter(VIDYA_NIKETAN, userId(ANAYA));
    const { error, status } = await userClient(AARAV)
      .from('hpc_evaluations')
      .insert({
        cycle_id: cycle,
        student_id: userId(ANAYA),
        parameter_id: parameter,
        rater_role: 'self' as const,
        rater_id: userId(AARAV),
        level_ordinal: 1,
        observation: `${MARK}: not his`,
      });
    expect(status).toBe(403);
    expect(error?.code).toBe('42501');
    const [{ rows }] = await db<
      [{ rows: number }]
    >`select count(*)::int as rows from hpc_evaluations where observation = ${`${MARK}: not his`}`;
    expect(rows).toBe(0);
  });
});

describe("Ishaan's self-assessment grid (Middle stage)", () => {
  it('sends the statements he circled; the level follows from them (5 of 6 → Advanced)', async () => {
    const { cycle, parameter } = await term2Parameter(SUNRISE, userId(ISHAAN));
    const { data, error } = await userClient(ISHAAN)
      .from('hpc_evaluations')
      .insert({
        cycle_id: cycle,
        student_id: userId(ISHAAN),
        parameter_id: parameter,
        rater_role: 'self' as const,
        rater_id: userId(ISHAAN),
        statements_circled: 5,
        observation: `${MARK}: Ishaan`,
      })
      .select('id, statements_circled, level_ordinal, hpc_rubrics(label)')
      .single();
    expect(error).toBeNull();
    expect(data).toMatchObject({ statements_circled: 5, level_ordinal: 3, hpc_rubrics: { label: 'Advanced' } });

    const fewer = await userClient(ISHAAN)
      .from('hpc_evaluations')
      .update({ statements_circled: 1 })
      .eq('id', data!.id)
      .select('level_ordinal, hpc_rubrics(label)')
      .single();
    expect(fewer.error).toBeNull();
    expect(fewer.data).toMatchObject({ level_ordinal: 1, hpc_rubrics: { label: 'Beginner' } });
    await userClient(ISHAAN).from('hpc_evaluations').delete().eq('id', data!.id);
  });
});
