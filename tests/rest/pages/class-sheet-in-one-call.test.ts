// The class sheet saved in one call through supabase-js `rpc('hpc_save_class_sheet')` and the
// real PostgREST: Meera Iyer (class teacher 4-A) saves her whole Term 2 sheet, retries it,
// changes part of it, gets every problem of a bad sheet with its position (HTTP 422, nothing
// written); everyone else is refused with the status a frontend expects. The ratings written
// here are removed again in afterAll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../../support/test-stack.ts';
import { anonClient, serviceClient, userClient, userId } from '../support/rest.ts';
import { AARAV, FARHAN, KAVITA, MEERA, PRIYA, SUNITA, SURESH, VIDYA_NIKETAN } from '../support/people.ts';

let db: postgres.Sql;
let term1: string;
let term2: string;
let section: string;
let parameters: string[];
let roster: string[];

interface Problem {
  cell: number;
  field: string | null;
  message: string;
}

const sheet = (level: number) =>
  roster.flatMap((student_id) => parameters.map((parameter_id) => ({ student_id, parameter_id, level_ordinal: level })));

const stored = () => db<{ level_ordinal: number; observation: string | null; status: string }[]>`
  select level_ordinal::int, observation, status from hpc_evaluations
  where institution_id = ${VIDYA_NIKETAN} and cycle_id = ${term2} and rater_id = ${userId(MEERA)} and rater_role = 'teacher'`;

beforeAll(async () => {
  db = connect();
  [{ id: term1 }] = await db<[{ id: string }]>`
    select id from hpc_evaluation_cycles where institution_id = ${VIDYA_NIKETAN} and name = 'Term 1 2026-27'`;
  [{ id: term2 }] = await db<[{ id: string }]>`
    select id from hpc_evaluation_cycles where institution_id = ${VIDYA_NIKETAN} and name = 'Term 2 2026-27' and status = 'open'`;
  [{ id: section }] = await db<[{ id: string }]>`
    select section_id as id from staff_duties where user_id = ${userId(MEERA)} and duty = 'class_teacher' and active`;
  parameters = (
    await db<{ id: string }[]>`
    select distinct parameter_id as id from hpc_parameter_assignments
    where cycle_id = ${term2} and section_id = ${section} and teacher_id = ${userId(MEERA)} and active
      and 'teacher' = any (rater_roles) order by 1`
  ).map((r) => r.id);
  roster = (await db<{ id: string }[]>`select student_id as id from section_students where section_id = ${section} order by 1`).map(
    (r) => r.id,
  );
  await db`delete from hpc_evaluations where cycle_id = ${term2} and rater_id = ${userId(MEERA)} and rater_role = 'teacher'`;
});
afterAll(async () => {
  await db`delete from hpc_evaluations where cycle_id = ${term2} and rater_id = ${userId(MEERA)} and rater_role = 'teacher'`;
  await db.end();
});

describe('a teacher saves her class sheet in one call', () => {
  it('writes every cell, and a retry changes nothing', async () => {
    const meera = userClient(MEERA);
    const cells = sheet(2);
    expect(cells.length).toBeGreaterThanOrEqual(100);

    const dry = await meera.rpc('hpc_save_class_sheet', { p_cycle_id: term2, p_section_id: section, p_cells: cells, p_dry_run: true });
    expect(dry.error).toBeNull();
    expect(dry.data).toMatchObject({ cells: cells.length, inserted: cells.length, updated: 0, unchanged: 0, dry_run: true, problems: [] });
    expect(await stored()).toHaveLength(0);

    const saved = await meera.rpc('hpc_save_class_sheet', { p_cycle_id: term2, p_section_id: section, p_cells: cells });
    expect(saved.error).toBeNull();
    expect(saved.data).toMatchObject({ cells: cells.length, inserted: cells.length, updated: 0, unchanged: 0, dry_run: false });
    const rows = await stored();
    expect(rows).toHaveLength(cells.length);
    expect(rows.every((r) => r.level_ordinal === 2 && r.status === 'draft')).toBe(true);

    const again = await meera.rpc('hpc_save_class_sheet', { p_cycle_id: term2, p_section_id: section, p_cells: cells });
    expect(again.data).toMatchObject({ inserted: 0, updated: 0, unchanged: cells.length });
  });

  it('changes only the fields a cell sends', async () => {
    const meera = userClient(MEERA);
    const [first] = sheet(2);
    const changed = await meera.rpc('hpc_save_class_sheet', {
      p_cycle_id: term2,
      p_section_id: section,
      p_cells: [{ student_id: first!.student_id, parameter_id: first!.parameter_id, observation: 'Reads aloud with expression.' }],
    });
    expect(changed.error).toBeNull();
    expect(changed.data).toMatchObject({ cells: 1, updated: 1 });
    const [row] = await db<{ level_ordinal: number; observation: string }[]>`
      select level_ordinal::int, observation from hpc_evaluations
      where cycle_id = ${term2} and rater_id = ${userId(MEERA)} and student_id = ${first!.student_id} and parameter_id = ${first!.parameter_id}`;
    expect(row).toEqual({ level_ordinal: 2, observation: 'Reads aloud with expression.' });
  });

  it('answers every problem of a bad sheet with its position, as HTTP 422, and writes nothing', async () => {
    const meera = userClient(MEERA);
    const cells = sheet(3);
    const bad = [
      ...cells.slice(0, 3),
      { ...cells[3]!, level_ordinal: 7 },
      { ...cells[4]!, mood: 'happy' },
      { ...cells[5]!, student_id: userId(PRIYA) },
    ];
    const answer = await meera.rpc('hpc_save_class_sheet', { p_cycle_id: term2, p_section_id: section, p_cells: bad });
    expect(answer.status).toBe(422);
    expect(answer.error?.code).toBe('HP422');
    expect(answer.error?.message).toBe('3 of 6 cells cannot be saved; nothing was saved.');
    const problems = JSON.parse(answer.error!.details) as Problem[];
    expect(problems.map((p) => [p.cell, p.field])).toEqual([
      [3, 'level_ordinal'],
      [4, 'mood'],
      [5, 'student_id'],
    ]);
    expect(problems[0]!.message).toMatch(/^Level 7 is not on the scale ".+" of parameter .+ \(levels 1, 2, 3\)\.$/);
    expect((await stored()).every((r) => r.level_ordinal === 2)).toBe(true);
  });

  it('refuses a closed cycle with 422 naming it', async () => {
    const answer = await userClient(MEERA).rpc('hpc_save_class_sheet', { p_cycle_id: term1, p_section_id: section, p_cells: sheet(1) });
    expect(answer.status).toBe(422);
    expect(answer.error?.message).toMatch(/^The evaluation cycle "Term 1 2026-27" is \w+: its ratings can no longer be changed\.$/);
  });
});

describe('who may save a class sheet', () => {
  const call = (client: ReturnType<typeof userClient>) =>
    client.rpc('hpc_save_class_sheet', { p_cycle_id: term2, p_section_id: section, p_cells: sheet(1) });

  it.each([
    { who: 'a student of the section', email: AARAV, status: 403, code: 'HP403' },
    { who: 'a parent of the section', email: KAVITA, status: 403, code: 'HP403' },
    { who: 'the principal', email: SUNITA, status: 403, code: 'HP403' },
    { who: 'a coordinator who rates nothing there', email: FARHAN, status: 403, code: 'HP403' },
    { who: 'a teacher of another school', email: PRIYA, status: 404, code: 'HP404' },
    { who: 'a teacher of a school with HPC off', email: SURESH, status: 403, code: 'HPOFF' },
  ])('$who is refused ($status $code)', async ({ email, status, code }) => {
    const answer = await call(userClient(email));
    expect(answer.status).toBe(status);
    expect(answer.error?.code).toBe(code);
  });

  it('anon and service_role may not call it at all', async () => {
    for (const client of [anonClient(), serviceClient()]) {
      const answer = await call(client);
      expect(answer.error?.code).toBe('42501');
    }
    expect((await stored()).every((r) => r.level_ordinal === 2)).toBe(true);
  });
});
