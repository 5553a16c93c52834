// The institution admin's set-up pages (Rajesh Kumar, Vidya Niketan), as docs/api.md says:
// a parameter, a cycle and an assignment upserted on their natural keys without
// institution_id, the cycle opened by rpc, and the refusals a set-up page must show. Every
// row is new and named with this run's tag; afterAll removes them.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../../support/test-stack.ts';
import { userClient } from '../support/rest.ts';
import { MEERA, RAJESH, SUNRISE, VIDYA_NIKETAN } from '../support/people.ts';
import type { Enums } from '../../../supabase/functions/_shared/database.types.ts';

const TAG = `T${randomBytes(3).toString('hex').toUpperCase()}`; // parameter codes are upper case
const KEYS = {
  parameter: 'institution_id,code,version',
  cycle: 'institution_id,academic_term_id,name',
  assignment: 'institution_id,cycle_id,section_id,parameter_id,course_id,student_id,peer_reviewer_id',
};

let db: postgres.Sql;
let template: { stage: Enums<'hpc_stage'>; grade_band: string; grades: string[]; area: string; area_code: string; scale_code: string };
let term: string;
let section: string;
const made: { parameter?: string; cycle?: string } = {};

beforeAll(async () => {
  db = connect();
  [template] = await db<[typeof template]>`
    select stage, grade_band, grades, area, area_code, scale_code from hpc_parameters
    where institution_id = ${VIDYA_NIKETAN} and stage = 'preparatory' order by code limit 1`;
  [{ term }] = await db<[{ term: string }]>`
    select academic_term_id as term from hpc_evaluation_cycles where institution_id = ${VIDYA_NIKETAN} and term_number = 2`;
  [{ section }] = await db<
    [{ section: string }]
  >`select id as section from sections where institution_id = ${VIDYA_NIKETAN} and name = '4-A'`;
});
afterAll(async () => {
  await db`delete from hpc_parameter_assignments where institution_id = ${VIDYA_NIKETAN} and cycle_id = ${made.cycle ?? null}`;
  await db`delete from hpc_analytics where institution_id = ${VIDYA_NIKETAN} and cycle_id = ${made.cycle ?? null}`;
  await db`delete from hpc_evaluation_cycles where institution_id = ${VIDYA_NIKETAN} and name like ${`%${TAG}%`}`;
  await db`delete from hpc_parameters where institution_id = ${VIDYA_NIKETAN} and code like ${`%${TAG}%`}`;
  await db.end();
});

describe('a parameter', () => {
  const parameter = (name: string) => ({ ...template, code: `PR-${TAG}`, name });

  it('is upserted on (institution_id, code, version) without institution_id, and renamed the same way', async () => {
    const rajesh = userClient(RAJESH);
    const first = await rajesh
      .from('hpc_parameters')
      .upsert(parameter('Listens to a story'), { onConflict: KEYS.parameter })
      .select('id, institution_id, version, name')
      .single();
    expect(first.error).toBeNull();
    expect(first.data).toMatchObject({ institution_id: VIDYA_NIKETAN, version: 1, name: 'Listens to a story' });
    made.parameter = first.data!.id;
    const second = await rajesh
      .from('hpc_parameters')
      .upsert(parameter('Listens to and retells a story'), { onConflict: KEYS.parameter })
      .select('id, name')
      .single();
    expect(second.data).toEqual({ id: made.parameter, name: 'Listens to and retells a story' });
  });

  it('naming another school is refused with 403 42501 and the documented message', async () => {
    const { error, status } = await userClient(RAJESH)
      .from('hpc_parameters')
      .insert({ ...parameter('Elsewhere'), code: `PR-${TAG}-other`, institution_id: SUNRISE });
    expect(status).toBe(403);
    expect(error?.code).toBe('42501');
    expect(error?.message).toBe('A new hpc_parameters row names another institution than yours.');
  });

  it('a teacher may not add one: 403 42501', async () => {
    const { error, status } = await userClient(MEERA)
      .from('hpc_parameters')
      .insert({ ...parameter('By a teacher'), code: `PR-${TAG}-t` });
    expect(status).toBe(403);
    expect(error?.code).toBe('42501');
  });
});

describe('a cycle and its assignments', () => {
  it('a cycle is upserted on (institution_id, academic_term_id, name) and starts planned', async () => {
    const cycle = (closes: string) => ({
      academic_term_id: term,
      name: `Term 2 mid-term ${TAG}`,
      term_number: 2,
      opens_on: '2027-02-01',
      closes_on: closes,
    });
    const rajesh = userClient(RAJESH);
    const first = await rajesh
      .from('hpc_evaluation_cycles')
      .upsert(cycle('2027-02-20'), { onConflict: KEYS.cycle })
      .select('id, institution_id, status')
      .single();
    expect(first.error).toBeNull();
    expect(first.data).toMatchObject({ institution_id: VIDYA_NIKETAN, status: 'planned' });
    made.cycle = first.data!.id;
    const second = await rajesh
      .from('hpc_evaluation_cycles')
      .upsert(cycle('2027-02-27'), { onConflict: KEYS.cycle })
      .select('id, closes_on')
      .single();
    expect(second.data).toEqual({ id: made.cycle, closes_on: '2027-02-27' });
  });

  it('its status moves only by rpc: a direct update is refused, hpc_set_cycle_status opens it', async () => {
    const direct = await userClient(RAJESH).from('hpc_evaluation_cycles').update({ status: 'open' }).eq('id', made.cycle!).select('status');
    expect(direct.status).toBe(403);
    expect(direct.error?.code).toBe('42501');
    const { data, error } = await userClient(RAJESH).rpc('hpc_set_cycle_status', { p_cycle_id: made.cycle!, p_status: 'open' });
    expect(error).toBeNull();
    expect(data).toMatchObject({ id: made.cycle, status: 'open' });
  });

  it('an assignment is upserted on its seven-column key (nulls not distinct): one row per scope', async () => {
    const assignment = (roles: Enums<'hpc_rater_role'>[]) => ({
      cycle_id: made.cycle!,
      section_id: section,
      parameter_id: made.parameter!,
      rater_roles: roles,
    });
    const rajesh = userClient(RAJESH);
    const first = await rajesh
      .from('hpc_parameter_assignments')
      .upsert(assignment(['teacher', 'self']), { onConflict: KEYS.assignment })
      .select('id, institution_id, rater_roles, sections(name), hpc_parameters(code)')
      .single();
    expect(first.error).toBeNull();
    expect(first.data).toMatchObject({
      institution_id: VIDYA_NIKETAN,
      rater_roles: ['teacher', 'self'],
      sections: { name: '4-A' },
      hpc_parameters: { code: `PR-${TAG}` },
    });
    const second = await rajesh
      .from('hpc_parameter_assignments')
      .upsert(assignment(['teacher', 'self', 'parent']), { onConflict: KEYS.assignment })
      .select('id, rater_roles')
      .single();
    expect(second.data).toEqual({ id: first.data!.id, rater_roles: ['teacher', 'self', 'parent'] });
    const [{ rows }] = await db<
      [{ rows: number }]
    >`select count(*)::int as rows from hpc_parameter_assignments where cycle_id = ${made.cycle!}`;
    expect(rows).toBe(1);
  });
});
