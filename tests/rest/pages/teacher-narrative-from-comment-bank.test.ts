// The comment bank through supabase-js and the real PostgREST: Meera, Aarav's class teacher,
// reads the Preparatory bank, gets its phrases filled in for Aarav in English and Hindi, edits
// one and saves his Term 2 narrative from it; the narrative names its phrase. Farhan (the
// coordinator) and Rajesh (the institution admin) add, edit and retire phrases, and a phrase
// with an unknown placeholder is refused. Students, parents, another school's teacher, a
// school with HPC off and anon are refused. What the page adds is removed in afterAll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../../support/test-stack.ts';
import { anonClient, userClient, userId } from '../support/rest.ts';
import { AARAV, FARHAN, KAVITA, MEERA, PRIYA, RAJESH, SUNRISE, SURESH, VIDYA_NIKETAN } from '../support/people.ts';

let db: postgres.Sql;
let term2: string;
let parameter: string;

const clean = async () => {
  await db`delete from report_narratives where cycle_id = ${term2} and student_id = ${userId(AARAV)}`;
  await db`delete from comment_bank_phrases
           where institution_id = ${VIDYA_NIKETAN} and created_by in (${userId(FARHAN)}, ${userId(RAJESH)})`;
};

beforeAll(async () => {
  db = connect();
  [{ id: term2 }] = await db<[{ id: string }]>`
    select id from hpc_evaluation_cycles where institution_id = ${VIDYA_NIKETAN} and name = 'Term 2 2026-27'`;
  [{ id: parameter }] = await db<[{ id: string }]>`
    select id from hpc_parameters where institution_id = ${VIDYA_NIKETAN} and code = 'PR-MATH-AWA'`;
  await clean();
});
afterAll(async () => {
  await clean();
  await db.end();
});

describe('a teacher writes a narrative from the bank', () => {
  it('reads the phrases of a parameter: one per level and language', async () => {
    const { data, error } = await userClient(MEERA)
      .from('comment_bank_phrases')
      .select('level_ordinal, language, phrase, hpc_parameters(code, stage)')
      .eq('parameter_id', parameter)
      .is('retired_at', null)
      .order('level_ordinal')
      .order('language');
    expect(error).toBeNull();
    expect(data!.map((p) => `${p.level_ordinal} ${p.language}`)).toEqual(['1 en', '1 hi', '2 en', '2 hi', '3 en', '3 hi']);
    expect(data!.every((p) => p.hpc_parameters.code === 'PR-MATH-AWA' && p.hpc_parameters.stage === 'preparatory')).toBe(true);
    expect(data![1]!.phrase).toContain('{रहा|रही}');
  });

  it('gets them filled in for Aarav, in English and in Hindi', async () => {
    const teacher = userClient(MEERA);
    const en = await teacher.rpc('hpc_fill_comment_phrases', {
      p_student_id: userId(AARAV),
      p_parameter_id: parameter,
      p_level_ordinal: 2,
      p_language: 'en',
    });
    expect(en.error).toBeNull();
    expect(en.data!.map((p) => p.filled)).toEqual([
      'In Mathematics, Aarav understands the key ideas and handles place value, patterns and measurement independently most of the time.',
    ]);
    const hi = await teacher.rpc('hpc_fill_comment_phrases', {
      p_student_id: userId(AARAV),
      p_parameter_id: parameter,
      p_level_ordinal: 1,
      p_language: 'hi',
    });
    expect(hi.data!.map((p) => p.filled)).toEqual([
      'गणित में Aarav मूल बातें समझना शुरू कर रहा है; स्थानीय मान, पैटर्न और मापन में अभी सहायता की ज़रूरत है और ठोस उदाहरणों से सबसे अच्छा सीखता है।',
    ]);
  });

  it('edits the filled text and saves the narrative with its source phrase', async () => {
    const teacher = userClient(MEERA);
    const [picked] = (
      await teacher.rpc('hpc_fill_comment_phrases', {
        p_student_id: userId(AARAV),
        p_parameter_id: parameter,
        p_level_ordinal: 2,
        p_language: 'en',
      })
    ).data!;
    const edited = `${picked!.filled} He now checks his answers by estimating first.`;
    const saved = await teacher.rpc('hpc_save_narrative', {
      p_cycle_id: term2,
      p_student_id: userId(AARAV),
      p_summary: edited,
      p_source_phrase_id: picked!.phrase_id,
    });
    expect(saved.error).toBeNull();

    const { data, error } = await teacher
      .from('report_narratives')
      .select('summary, source_phrase_text, comment_bank_phrases(id, phrase)')
      .eq('cycle_id', term2)
      .eq('student_id', userId(AARAV))
      .single();
    expect(error).toBeNull();
    expect(data!.summary).toBe(edited);
    expect(data!.comment_bank_phrases?.id).toBe(picked!.phrase_id);
    expect(data!.source_phrase_text).toBe(picked!.phrase);
  });
});

describe('coordinators and admins manage the bank', () => {
  it('the coordinator adds, edits and retires a phrase', async () => {
    const coordinator = userClient(FARHAN);
    const added = await coordinator
      .from('comment_bank_phrases')
      .insert({ parameter_id: parameter, level_ordinal: 3, phrase: '{name} explains place value to {their} group with bundles of sticks.' })
      .select('id, institution_id, language')
      .single();
    expect(added.error).toBeNull();
    expect(added.data).toMatchObject({ institution_id: VIDYA_NIKETAN, language: 'en' });
    const edited = await coordinator
      .from('comment_bank_phrases')
      .update({ phrase: '{name} explains place value to classmates with bundles of sticks.' })
      .eq('id', added.data!.id)
      .select('phrase');
    expect(edited.data).toHaveLength(1);
    const retired = await coordinator
      .from('comment_bank_phrases')
      .update({ retired_at: new Date().toISOString() })
      .eq('id', added.data!.id)
      .select('id');
    expect(retired.data).toHaveLength(1);
    const removed = await coordinator.from('comment_bank_phrases').delete().eq('id', added.data!.id);
    expect(removed.error?.code).toBe('42501');
  });

  it('the institution admin adds a Hindi phrase', async () => {
    const { error, status } = await userClient(RAJESH)
      .from('comment_bank_phrases')
      .insert({ parameter_id: parameter, level_ordinal: 2, language: 'hi', phrase: '{name} दस-दस के बंडल बनाकर {गिनता|गिनती} है।' });
    expect(error).toBeNull();
    expect(status).toBe(201);
  });

  it('a phrase with an unknown placeholder or a level off the scale is refused, saying why', async () => {
    const coordinator = userClient(FARHAN);
    const placeholder = await coordinator
      .from('comment_bank_phrases')
      .insert({ parameter_id: parameter, level_ordinal: 2, phrase: '{first_name} counts in tens.' });
    expect(placeholder.status).toBe(400);
    expect(placeholder.error?.code).toBe('HP400');
    expect(placeholder.error?.message).toBe('The phrase has placeholders that are not known: {first_name}.');
    const level = await coordinator
      .from('comment_bank_phrases')
      .insert({ parameter_id: parameter, level_ordinal: 5, phrase: '{name} counts in tens.' });
    expect(level.status).toBe(400);
    expect(level.error?.message).toBe('Level 5 is not on the scale "preparatory" of parameter PR-MATH-AWA (levels 1, 2, 3).');
  });
});

describe('everyone else is refused', () => {
  it('a teacher may not add a phrase', async () => {
    const { error, status } = await userClient(MEERA)
      .from('comment_bank_phrases')
      .insert({ parameter_id: parameter, level_ordinal: 2, phrase: '{name} counts in tens.' });
    expect(status).toBe(403);
    expect(error?.code).toBe('42501');
  });

  it.each([
    ['a student', AARAV],
    ['a parent', KAVITA],
  ])('%s reads nothing and gets no phrases filled in', async (_who, email) => {
    const client = userClient(email);
    const read = await client.from('comment_bank_phrases').select('id');
    expect(read.error).toBeNull();
    expect(read.data).toEqual([]);
    const filled = await client.rpc('hpc_fill_comment_phrases', { p_student_id: userId(AARAV) });
    expect(filled.status).toBe(403);
    expect(filled.error?.code).toBe('HP403');
  });

  it("another school's teacher reads only their own school's bank and cannot fill for Aarav", async () => {
    const client = userClient(PRIYA);
    const { data } = await client.from('comment_bank_phrases').select('institution_id');
    expect(data!.length).toBeGreaterThan(0);
    expect(new Set(data!.map((p) => p.institution_id))).toEqual(new Set([SUNRISE]));
    const filled = await client.rpc('hpc_fill_comment_phrases', { p_student_id: userId(AARAV) });
    expect(filled.status).toBe(404);
  });

  it('a teacher of a school with HPC off reads nothing and is told HPC is off', async () => {
    const client = userClient(SURESH);
    expect((await client.from('comment_bank_phrases').select('id')).data).toEqual([]);
    const filled = await client.rpc('hpc_fill_comment_phrases', { p_student_id: userId(AARAV) });
    expect(filled.status).toBe(403);
    expect(filled.error?.code).toBe('HPOFF');
  });

  it('anon has no privilege', async () => {
    const { error } = await anonClient().from('comment_bank_phrases').select('id');
    expect(error?.code).toBe('42501');
  });
});
