// A school with the HPC switched off (Greenfield, second wave): its people see the flag off
// and no HPC row, though the database holds its trial's ratings, cards and messages; the
// workflow rpc and the functions answer 403 with HPOFF / hpc_disabled; BIG DAY's own pages
// (sections, people) work as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import type { Database } from '../../../supabase/functions/_shared/database.types.ts';
import { sql as connect } from '../../support/test-stack.ts';
import { userClient, userId } from '../support/rest.ts';
import { ANJALI, DIYA, GREENFIELD, RAMESH, SURESH } from '../support/people.ts';

type Table = keyof Database['public']['Tables'];
/** The HPC tables on which the seed left rows of Greenfield's trial in 10-A. */
const trialTables = [
  'hpc_evaluations',
  'hpc_reports',
  'hpc_conversations',
  'hpc_reflections',
  'hpc_parameters',
] as const satisfies readonly Table[];

let db: postgres.Sql;
beforeAll(() => {
  db = connect();
});
afterAll(async () => {
  await db.end();
});

describe('what the flag hides', () => {
  it('the flag itself is readable, and off', async () => {
    const { data, error } = await userClient(SURESH).from('institution_feature_flags').select('feature, enabled');
    expect(error).toBeNull();
    expect(data).toEqual([{ feature: 'hpc', enabled: false }]);
  });

  it.each(trialTables)('%s: rows in the database, none through the API for teacher, principal, student or parent', async (table) => {
    const [{ rows }] = await db.unsafe<[{ rows: number }]>(`select count(*)::int as rows from public.${table} where institution_id = $1`, [
      GREENFIELD,
    ]);
    expect(rows, `the seed left Greenfield rows in ${table}`).toBeGreaterThan(0);
    for (const who of [SURESH, ANJALI, DIYA, RAMESH]) {
      const { data, error } = await userClient(who).from(table).select('id');
      expect(error).toBeNull();
      expect(data, who).toEqual([]);
    }
  });

  it("the family's card view is empty too", async () => {
    const { data, error } = await userClient(RAMESH).from('hpc_published_reports').select('id').eq('student_id', userId(DIYA));
    expect(error).toBeNull();
    expect(data).toEqual([]);
  });
});

describe('what the workflow answers', () => {
  it('rpc: 403 HPOFF for what awaits the principal and for generating a card', async () => {
    const awaiting = await userClient(ANJALI).rpc('hpc_reports_awaiting_me');
    expect(awaiting.status).toBe(403);
    expect(awaiting.error?.code).toBe('HPOFF');
    const [cycle] = await db<
      [{ id: string }]
    >`select id from hpc_evaluation_cycles where institution_id = ${GREENFIELD} and term_number = 1`;
    const generate = await userClient(SURESH).rpc('hpc_generate_report', { p_cycle_id: cycle.id, p_student_id: userId(DIYA) });
    expect(generate.status).toBe(403);
    expect(generate.error?.code).toBe('HPOFF');
  });

  it('functions: 403 hpc_disabled', async () => {
    const { error } = await userClient(ANJALI).functions.invoke('hpc-approvals/awaiting', { method: 'GET' });
    const response = (error as { context?: Response } | null)?.context;
    expect(response?.status).toBe(403);
    expect(((await response!.json()) as { error: { code: string } }).error.code).toBe('hpc_disabled');
  });
});

describe("what stays: BIG DAY's own pages", () => {
  it("the class teacher reads his section and its students' names", async () => {
    const { data, error } = await userClient(SURESH).from('section_students').select('sections(name), user_profiles(full_name)');
    expect(error).toBeNull();
    expect(data!.map((r) => r.user_profiles?.full_name)).toContain('Diya Reddy');
    expect(new Set(data!.map((r) => r.sections?.name))).toContain('10-A');
  });
});
