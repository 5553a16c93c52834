// The translation management screen (Vidya Niketan), through supabase-js as docs/api.md
// says: the staff list the school's translations with the texts they translate; the
// coordinator and the institution admin upsert them on (institution_id, row, language)
// without institution_id and remove them; teachers, students, parents and another school are
// refused. The rows this file changes are put back as they were in afterAll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../../support/test-stack.ts';
import { userClient } from '../support/rest.ts';
import { AARAV, FARHAN, KAVITA, MEERA, RAJESH, VIDYA_NIKETAN, VIKRAM } from '../support/people.ts';

const KEYS = {
  parameter: 'institution_id,parameter_id,language',
  rubric: 'institution_id,rubric_id,language',
  cycle: 'institution_id,cycle_id,language',
};

let db: postgres.Sql;
let cycle2: string;
let mathAwareness: string;
let beginner: string;
let saved: { cycle: postgres.Row[]; parameter: postgres.Row[]; rubric: postgres.Row[] };

beforeAll(async () => {
  db = connect();
  [{ id: cycle2 }] = await db<[{ id: string }]>`
    select id from hpc_evaluation_cycles where institution_id = ${VIDYA_NIKETAN} and term_number = 2 and name like 'Term 2%'`;
  [{ id: mathAwareness }] = await db<[{ id: string }]>`
    select id from hpc_parameters where institution_id = ${VIDYA_NIKETAN} and code = 'PR-MATH-AWA'`;
  [{ id: beginner }] = await db<[{ id: string }]>`
    select id from hpc_rubrics where institution_id = ${VIDYA_NIKETAN} and stage = 'preparatory' and parameter_id is null and ordinal = 1`;
  saved = {
    cycle: await db`select * from cycle_translations where institution_id = ${VIDYA_NIKETAN} and cycle_id = ${cycle2}`,
    parameter: await db`select * from parameter_translations where institution_id = ${VIDYA_NIKETAN} and parameter_id = ${mathAwareness}`,
    rubric: await db`select * from rubric_translations where institution_id = ${VIDYA_NIKETAN} and rubric_id = ${beginner}`,
  };
});
afterAll(async () => {
  await db`delete from cycle_translations where institution_id = ${VIDYA_NIKETAN} and cycle_id = ${cycle2}`;
  await db`delete from parameter_translations where institution_id = ${VIDYA_NIKETAN} and parameter_id = ${mathAwareness}`;
  await db`delete from rubric_translations where institution_id = ${VIDYA_NIKETAN} and rubric_id = ${beginner}`;
  if (saved.cycle.length) await db`insert into cycle_translations ${db(saved.cycle)}`;
  if (saved.parameter.length) await db`insert into parameter_translations ${db(saved.parameter)}`;
  if (saved.rubric.length) await db`insert into rubric_translations ${db(saved.rubric)}`;
  await db.end();
});

describe('reading', () => {
  it('a teacher lists the parameter translations with the parameter each translates', async () => {
    const { data, error } = await userClient(MEERA)
      .from('parameter_translations')
      .select('language, name, hpc_parameters(code, name)')
      .eq('parameter_id', mathAwareness)
      .order('language');
    expect(error).toBeNull();
    expect(data).toEqual([
      { language: 'hi', name: 'गणित — जागरूकता', hpc_parameters: { code: 'PR-MATH-AWA', name: 'Mathematics — Awareness' } },
      { language: 'ta', name: 'கணிதம் — விழிப்புணர்வு', hpc_parameters: { code: 'PR-MATH-AWA', name: 'Mathematics — Awareness' } },
    ]);
  });

  it("the screen lists a stage's parameters with their Hindi texts side by side (docs/api.md)", async () => {
    const { data, error } = await userClient(FARHAN)
      .from('hpc_parameters')
      .select('code, name, parameter_translations(language, name)')
      .eq('stage', 'preparatory')
      .eq('parameter_translations.language', 'hi')
      .order('code');
    expect(error).toBeNull();
    expect(data).toHaveLength(18);
    expect(data!.find((p) => p.code === 'PR-MATH-AWA')).toEqual({
      code: 'PR-MATH-AWA',
      name: 'Mathematics — Awareness',
      parameter_translations: [{ language: 'hi', name: 'गणित — जागरूकता' }],
    });
  });

  it("the school's default language comes with the institution", async () => {
    const { data } = await userClient(MEERA).from('institutions').select('default_language').eq('id', VIDYA_NIKETAN).single();
    expect(data).toEqual({ default_language: 'en' });
  });

  it.each([
    ['a student', AARAV],
    ['a parent', KAVITA],
    ["another school's admin", VIKRAM],
  ])('%s reads none', async (_who, email) => {
    for (const table of ['parameter_translations', 'rubric_translations', 'cycle_translations'] as const) {
      const { data, error } = await userClient(email).from(table).select('language').eq('institution_id', VIDYA_NIKETAN);
      expect(error).toBeNull();
      expect(data).toEqual([]);
    }
  });
});

describe('managing', () => {
  it('the coordinator upserts a cycle name in Tamil without institution_id, then renames it the same way', async () => {
    const farhan = userClient(FARHAN);
    const first = await farhan
      .from('cycle_translations')
      .upsert({ cycle_id: cycle2, language: 'ta', name: 'இரண்டாம் பருவம்' }, { onConflict: KEYS.cycle })
      .select('institution_id, language, name')
      .single();
    expect(first.error).toBeNull();
    expect(first.data).toEqual({ institution_id: VIDYA_NIKETAN, language: 'ta', name: 'இரண்டாம் பருவம்' });
    const second = await farhan
      .from('cycle_translations')
      .upsert({ cycle_id: cycle2, language: 'ta', name: 'பருவம் 2, 2026-27' }, { onConflict: KEYS.cycle })
      .select('name')
      .single();
    expect(second.data).toEqual({ name: 'பருவம் 2, 2026-27' });
  });

  it("the institution admin edits a level label and removes a parameter's Tamil texts", async () => {
    const rajesh = userClient(RAJESH);
    const edited = await rajesh
      .from('rubric_translations')
      .upsert({ rubric_id: beginner, language: 'hi', label: 'प्रारंभिक' }, { onConflict: KEYS.rubric })
      .select('label, descriptor')
      .single();
    expect(edited.error).toBeNull();
    // an upsert writes what it sends: the descriptor it left out is kept
    expect(edited.data).toEqual({ label: 'प्रारंभिक', descriptor: saved.rubric.find((r) => r.language === 'hi')?.descriptor });
    const removed = await rajesh
      .from('parameter_translations')
      .delete()
      .eq('parameter_id', mathAwareness)
      .eq('language', 'ta')
      .select('language');
    expect(removed.data).toEqual([{ language: 'ta' }]);
  });

  it('a language outside the list is refused: 400 22P02', async () => {
    const { error, status } = await userClient(FARHAN)
      .from('cycle_translations')
      .insert({ cycle_id: cycle2, language: 'fr' as never, name: 'Deuxième trimestre' });
    expect(status).toBe(400);
    expect(error?.code).toBe('22P02');
  });

  it('a teacher may not add or change one: 403 42501, and edits reach no row', async () => {
    const meera = userClient(MEERA);
    const added = await meera
      .from('parameter_translations')
      .upsert({ parameter_id: mathAwareness, language: 'ta', name: 'x' }, { onConflict: KEYS.parameter });
    expect(added.status).toBe(403);
    expect(added.error?.code).toBe('42501');
    const changed = await meera.from('cycle_translations').update({ name: 'x' }).eq('cycle_id', cycle2).select('name');
    expect(changed.data).toEqual([]);
  });

  it("another school's admin may not add one to this school: 403 42501", async () => {
    const { error, status } = await userClient(VIKRAM)
      .from('parameter_translations')
      .insert({ institution_id: VIDYA_NIKETAN, parameter_id: mathAwareness, language: 'ta', name: 'x' });
    expect(status).toBe(403);
    expect(error?.code).toBe('42501');
  });
});
