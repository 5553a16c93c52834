// The class teacher's class sheet (Meera Iyer, 4-A): the parameters she rates this term, her
// roster, ratings entered and changed by update and by upsert on the documented natural key,
// and a closed cycle that refuses a change with an error. The ratings written here are
// Term 2 drafts of her own, removed again by her (and by afterAll should a test stop early).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../../support/test-stack.ts';
import { userClient, userId } from '../support/rest.ts';
import { AARAV, MEERA, VIDYA_NIKETAN } from '../support/people.ts';

const MARK = 'class-sheet page test';
const EVALUATION_KEY = 'institution_id,cycle_id,student_id,parameter_id,rater_role,rater_id';

let db: postgres.Sql;
let term2: string;
let section: string;
let parameter: { id: string; code: string };
let roster: { id: string; full_name: string }[];

beforeAll(async () => {
  db = connect();
  [{ id: term2 }] = await db<[{ id: string }]>`
    select id from hpc_evaluation_cycles where institution_id = ${VIDYA_NIKETAN} and name = 'Term 2 2026-27' and status = 'open'`;
  [{ id: section }] = await db<[{ id: string }]>`
    select section_id as id from staff_duties where user_id = ${userId(MEERA)} and duty = 'class_teacher' and active`;
  [parameter] = await db<[{ id: string; code: string }]>`
    select p.id, p.code from hpc_parameter_assignments as a join hpc_parameters as p on p.institution_id = a.institution_id and p.id = a.parameter_id
    where a.cycle_id = ${term2} and a.section_id = ${section} and a.teacher_id = ${userId(MEERA)} order by p.code limit 1`;
  roster = await db<{ id: string; full_name: string }[]>`
    select p.id, p.full_name from section_students as ss join user_profiles as p on p.institution_id = ss.institution_id and p.id = ss.student_id
    where ss.section_id = ${section} order by p.full_name`;
});
afterAll(async () => {
  await db`delete from hpc_evaluations where institution_id = ${VIDYA_NIKETAN} and observation like ${`${MARK}%`}`;
  await db.end();
});

describe('the class sheet', () => {
  it('lists the parameters she rates in Term 2 with their levels, and her roster by name', async () => {
    const meera = userClient(MEERA);
    const sheet = await meera
      .from('hpc_parameter_assignments')
      .select('rater_roles, hpc_parameters(code, name, scale_code)')
      .eq('cycle_id', term2)
      .eq('section_id', section)
      .eq('teacher_id', userId(MEERA));
    expect(sheet.error).toBeNull();
    const mine = sheet.data!.find((a) => a.hpc_parameters?.code === parameter.code);
    expect(mine?.rater_roles).toContain('teacher');
    const levels = await meera
      .from('hpc_rubrics')
      .select('ordinal, label')
      .eq('scale_code', mine!.hpc_parameters!.scale_code)
      .is('parameter_id', null)
      .eq('active', true);
    expect(levels.error).toBeNull();
    expect(levels.data!.map((l) => l.ordinal).sort()).toEqual([1, 2, 3]);

    const students = await meera.from('section_students').select('student_id, user_profiles(full_name)').eq('section_id', section);
    expect(students.error).toBeNull();
    expect(students.data!.map((s) => s.user_profiles?.full_name).sort()).toEqual(roster.map((r) => r.full_name));
    expect(roster.map((r) => r.id)).toContain(userId(AARAV));
  });
});

describe('entering and changing ratings', () => {
  const rating = (studentId: string, level: number) => ({
    cycle_id: term2,
    student_id: studentId,
    parameter_id: parameter.id,
    rater_role: 'teacher' as const,
    rater_id: userId(MEERA),
    level_ordinal: level,
    observation: `${MARK}: level ${level}`,
  });
  let aaravRating: string;

  it('inserts ratings without institution_id; each gets its level row', async () => {
    const students = [userId(AARAV), roster.find((r) => r.id !== userId(AARAV))!.id];
    const { data, error, status } = await userClient(MEERA)
      .from('hpc_evaluations')
      .insert(students.map((id) => rating(id, 2)))
      .select('id, student_id, institution_id, status, level_ordinal, hpc_rubrics(ordinal, label)');
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data!.map((r) => r.student_id).sort()).toEqual([...students].sort());
    for (const row of data!) {
      expect(row).toMatchObject({ institution_id: VIDYA_NIKETAN, status: 'draft', level_ordinal: 2, hpc_rubrics: { ordinal: 2 } });
    }
    aaravRating = data!.find((r) => r.student_id === userId(AARAV))!.id;
    const [{ rows }] = await db<[{ rows: number }]>`
      select count(*)::int as rows from hpc_evaluations where cycle_id = ${term2} and observation like ${`${MARK}%`}`;
    expect(rows).toBe(2);
  });

  it('changes a level by update: the level row follows', async () => {
    const { data, error } = await userClient(MEERA)
      .from('hpc_evaluations')
      .update({ level_ordinal: 3, observation: `${MARK}: level 3` })
      .eq('id', aaravRating)
      .select('level_ordinal, rubric_id, hpc_rubrics(ordinal, label)')
      .single();
    expect(error).toBeNull();
    expect(data).toMatchObject({ level_ordinal: 3, hpc_rubrics: { ordinal: 3 } });
    const [stored] = await db<[{ level_ordinal: string; ordinal: string }]>`
      select e.level_ordinal, r.ordinal from hpc_evaluations as e join hpc_rubrics as r on r.institution_id = e.institution_id and r.id = e.rubric_id where e.id = ${aaravRating}`;
    expect(Number(stored.level_ordinal)).toBe(3);
    expect(Number(stored.ordinal)).toBe(3);
  });

  it('changes a level by upsert on the natural key: the same row, the new level', async () => {
    const { data, error } = await userClient(MEERA)
      .from('hpc_evaluations')
      .upsert(rating(userId(AARAV), 1), { onConflict: EVALUATION_KEY })
      .select('id, level_ordinal, hpc_rubrics(ordinal, label)')
      .single();
    expect(error).toBeNull();
    expect(data).toMatchObject({ id: aaravRating, level_ordinal: 1, hpc_rubrics: { ordinal: 1 } });
    const [{ rows }] = await db<[{ rows: number }]>`
      select count(*)::int as rows from hpc_evaluations
      where cycle_id = ${term2} and student_id = ${userId(AARAV)} and parameter_id = ${parameter.id} and rater_role = 'teacher'`;
    expect(rows).toBe(1);
  });

  it('removes her draft ratings', async () => {
    const { data, error } = await userClient(MEERA)
      .from('hpc_evaluations')
      .delete()
      .eq('cycle_id', term2)
      .like('observation', `${MARK}%`)
      .select('id');
    expect(error).toBeNull();
    expect(data!.map((r) => r.id)).toContain(aaravRating);
    const [{ rows }] = await db<[{ rows: number }]>`
      select count(*)::int as rows from hpc_evaluations where observation like ${`${MARK}%`}`;
    expect(rows).toBe(0);
  });
});

describe('a closed cycle', () => {
  it('refuses a change of a Term 1 rating with 422 HP422 naming the cycle, and keeps the rating', async () => {
    const [before] = await db<[{ id: string; level_ordinal: string; cycle: string }]>`
      select e.id, e.level_ordinal, c.name as cycle from hpc_evaluations as e join hpc_evaluation_cycles as c on c.institution_id = e.institution_id and c.id = e.cycle_id
      where e.rater_id = ${userId(MEERA)} and e.student_id = ${userId(AARAV)} and c.status = 'closed' order by e.id limit 1`;
    expect(before, 'Meera rated Aarav in the closed Term 1').toBeTruthy();
    const other = Number(before.level_ordinal) === 1 ? 2 : 1;
    const { data, error, status } = await userClient(MEERA)
      .from('hpc_evaluations')
      .update({ level_ordinal: other })
      .eq('id', before.id)
      .select('id');
    expect(status).toBe(422);
    expect(error?.code).toBe('HP422');
    expect(error?.message).toBe(`The evaluation cycle "${before.cycle}" is closed: its ratings can no longer be changed.`);
    expect(data).toBeNull();
    const [after] = await db<[{ level_ordinal: string }]>`select level_ordinal from hpc_evaluations where id = ${before.id}`;
    expect(after.level_ordinal).toBe(before.level_ordinal);
  });

  it('refuses a new rating in it the same way', async () => {
    const [closed] = await db<[{ id: string }]>`
      select id from hpc_evaluation_cycles where institution_id = ${VIDYA_NIKETAN} and status = 'closed'`;
    const { error, status } = await userClient(MEERA)
      .from('hpc_evaluations')
      .insert({
        cycle_id: closed.id,
        student_id: userId(AARAV),
        parameter_id: parameter.id,
        rater_role: 'teacher' as const,
        rater_id: userId(MEERA),
        level_ordinal: 2,
        observation: `${MARK}: closed`,
      });
    expect(status).toBe(422);
    expect(error?.code).toBe('HP422');
  });
});
