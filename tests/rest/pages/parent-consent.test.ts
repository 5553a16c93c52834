// A guardian's consent to the parent and peer parts of the card, through supabase-js and the
// real PostgREST: Sunrise's admin makes consent required; Ishaan's mother is then refused a
// rating (422, saying which consent is missing) until she consents in the app, and again after
// she withdraws; the admin records a signed form; the teacher reads the consents and may not
// change them; the card his teacher generates then says, in English and Hindi, that the
// parent part was not collected and why. The school's rule, the consents and that Term 2
// card are removed again in afterAll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../../support/test-stack.ts';
import { userClient, userId } from '../support/rest.ts';
import { HARPREET, ISHAAN, NEHA, PRIYA, SUNRISE, VIKRAM } from '../support/people.ts';

const EVALUATION_KEY = 'institution_id,cycle_id,student_id,parameter_id,rater_role,rater_id';
let db: postgres.Sql;
let term2: string;
let parameter: string;

const clean = async () => {
  await db`delete from hpc_reports where cycle_id = ${term2} and student_id = ${userId(ISHAAN)}`;
  await db`delete from private.hpc_consents where institution_id = ${SUNRISE}`;
  await db`delete from private.hpc_consent_policies where institution_id = ${SUNRISE}`;
  await db`delete from hpc_evaluations where cycle_id = ${term2} and rater_id = ${userId(NEHA)} and observation = 'consent page test'`;
};

beforeAll(async () => {
  db = connect();
  [{ id: term2 }] = await db<[{ id: string }]>`
    select id from hpc_evaluation_cycles where institution_id = ${SUNRISE} and name = 'Term 2 2026-27' and status = 'open'`;
  [{ id: parameter }] = await db<[{ id: string }]>`select id from hpc_parameters where institution_id = ${SUNRISE} and code = 'MS-LR1-AWA'`;
  await clean();
});
afterAll(async () => {
  await clean();
  await db.end();
});

const rate = (level: number) =>
  userClient(NEHA)
    .from('hpc_evaluations')
    .upsert(
      {
        cycle_id: term2,
        student_id: userId(ISHAAN),
        parameter_id: parameter,
        rater_role: 'parent',
        rater_id: userId(NEHA),
        level_ordinal: level,
        observation: 'consent page test',
      },
      { onConflict: EVALUATION_KEY },
    );

describe('consent where the school records it', () => {
  it('only the institution admin sets the rule', async () => {
    const principal = await userClient(HARPREET).rpc('hpc_set_consent_required', { p_required: true });
    expect(principal.status).toBe(403);
    const admin = await userClient(VIKRAM).rpc('hpc_set_consent_required', { p_required: true });
    expect(admin.error).toBeNull();
    expect(admin.data).toBe(true);
  });

  it("refuses a parent's rating without consent, saying so", async () => {
    const refused = await rate(2);
    expect(refused.status).toBe(422);
    expect(refused.error?.code).toBe('HP422');
    expect(refused.error?.message).toBe(
      "No guardian's consent to the parent part of this child's card is recorded: the rating cannot be stored.",
    );
  });

  it('stores it once the mother consents in the app, and refuses it again after she withdraws', async () => {
    const mother = userClient(NEHA);
    const given = await mother.rpc('hpc_record_consent', { p_student_id: userId(ISHAAN), p_guardian_id: userId(NEHA), p_part: 'parent' });
    expect(given.error).toBeNull();
    expect(given.data).toMatch(/^[0-9a-f-]{36}$/);
    expect((await rate(2)).error).toBeNull();

    const teacher = await userClient(PRIYA).rpc('hpc_withdraw_consent', { p_student_id: userId(ISHAAN), p_part: 'parent' });
    expect(teacher.status).toBe(403);
    const withdrawn = await mother.rpc('hpc_withdraw_consent', { p_student_id: userId(ISHAAN), p_part: 'parent' });
    expect(withdrawn.data).toBe(true);
    expect((await rate(3)).status).toBe(422);
  });

  it('the admin records a signed form; the teacher reads the consents', async () => {
    const form = await userClient(VIKRAM).rpc('hpc_record_consent', {
      p_student_id: userId(ISHAAN),
      p_guardian_id: userId(NEHA),
      p_part: 'peer',
      p_given_at: '2026-06-01T00:00:00Z',
    });
    expect(form.error).toBeNull();
    const read = await userClient(PRIYA).rpc('hpc_consents', { p_student_id: userId(ISHAAN) });
    expect(read.error).toBeNull();
    const consents = read.data as { required: boolean; consents: { part: string; guardian: string; withdrawn_at: string | null }[] };
    expect(consents.required).toBe(true);
    expect(consents.consents.map((c) => [c.part, c.guardian, c.withdrawn_at === null])).toEqual([
      ['parent', 'Neha Verma', false],
      ['peer', 'Neha Verma', true],
    ]);
    const teacherRecords = await userClient(PRIYA).rpc('hpc_record_consent', {
      p_student_id: userId(ISHAAN),
      p_guardian_id: userId(NEHA),
      p_part: 'parent',
    });
    expect(teacherRecords.status).toBe(403);
  });

  it("the card says the parent part was not collected, and why, in the card's language", async () => {
    const priya = userClient(PRIYA);
    const generated = await priya.functions.invoke('hpc-reports/generate', { body: { cycle_id: term2, student_id: userId(ISHAAN) } });
    expect(generated.error).toBeNull();
    const reportId = (generated.data as { report: { report_id: string } }).report.report_id;
    const today = new Date().toISOString().slice(0, 10);
    for (const [lang, text] of [
      ['en', `Parent ratings were not collected: the guardian's consent was withdrawn on ${today}.`],
      ['hi', `अभिभावक मूल्यांकन एकत्र नहीं किए गए: अभिभावक ने ${today} को सहमति वापस ले ली।`],
    ] as const) {
      const printed = await priya.functions.invoke(`hpc-reports/reports/${reportId}/print?lang=${lang}`, { method: 'GET' });
      expect(printed.error).toBeNull();
      expect((printed.data as { html: string }).html).toContain(text.replace(/'/g, '&#39;'));
    }
  });
});
