// The HPC tables' fixed lists of words are Postgres enum types: the generated types give a
// frontend string unions (a misspelt status does not compile), and a word outside the list
// that reaches PostgREST anyway is refused with a 400, a code and a message naming the type
// and the value.
import { describe, expect, it } from 'vitest';
import type { Database, Enums } from '../../supabase/functions/_shared/database.types.ts';
import { userClient, userId } from './support/rest.ts';

const MEERA = 'meera.iyer@vidyaniketan.example'; // class teacher 4-A, Vidya Niketan
const AARAV = 'aarav.sharma@vidyaniketan.example'; // student 4-A
const SUNITA = 'principal@vidyaniketan.example';

type Tables = Database['public']['Tables'];

// Compile-time: each column is its union, not `string`.
const published: Tables['hpc_reports']['Row']['status'] = 'published';
const teacher: Tables['hpc_evaluations']['Row']['rater_role'] = 'teacher';
const reopen: Enums<'hpc_report_action'> = 'reopen';
// @ts-expect-error 'released' is not a report status
const released: Tables['hpc_reports']['Row']['status'] = 'released';
// @ts-expect-error 'finished' is not a rating's status
const finished: Tables['hpc_evaluations']['Insert']['status'] = 'finished';
// @ts-expect-error 'teachers' is not a rater role
const teachers: Tables['hpc_evaluations']['Insert']['rater_role'] = 'teachers';

describe('enum columns through supabase-js and the real PostgREST', () => {
  it('a filter on an enum column takes its words', async () => {
    const { data, error } = await userClient(SUNITA).from('hpc_reports').select('status').eq('status', published).eq('is_current', true);
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(0);
    expect(data!.every((r) => r.status === 'published')).toBe(true);
    const ratings = await userClient(MEERA).from('hpc_evaluations').select('rater_role').eq('rater_role', teacher).limit(5);
    expect(ratings.error).toBeNull();
    expect(ratings.data!.length).toBeGreaterThan(0);
  });

  it("the report statuses are the workflow's six", () => {
    expect(released).toBe('released');
  });

  it('an unknown status written through PostgREST: 400, 22P02, the type and the value named', async () => {
    const [cycle] = (await userClient(MEERA).from('hpc_evaluation_cycles').select('id').eq('status', 'open').limit(1)).data ?? [];
    expect(cycle, 'the seed has an open cycle at Vidya Niketan').toBeTruthy();
    const { error, status } = await userClient(MEERA)
      .from('hpc_evaluations')
      .insert({
        cycle_id: cycle!.id,
        student_id: userId(AARAV),
        parameter_id: '00000000-0000-4000-a000-00000000ffff',
        rater_role: 'teacher',
        rater_id: userId(MEERA),
        status: finished,
      });
    expect(status).toBe(400);
    expect(error?.code).toBe('22P02');
    expect(error?.message).toBe('invalid input value for enum hpc_entry_status: "finished"');
  });

  it('an unknown rater role: 400, 22P02, named', async () => {
    const { error, status } = await userClient(MEERA).from('hpc_evaluations').select('id').eq('rater_role', teachers);
    expect(status).toBe(400);
    expect(error?.code).toBe('22P02');
    expect(error?.message).toBe('invalid input value for enum hpc_rater_role: "teachers"');
  });

  it("an unknown rpc action: 400, 22P02, named; a known one still gets the rpc's own refusal", async () => {
    const unknown = await userClient(MEERA).rpc('hpc_transition_report', {
      p_report_id: '00000000-0000-4000-a000-00000000ffff',
      p_action: 'archive' as typeof reopen,
      p_expected_version: 1,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.error?.code).toBe('22P02');
    expect(unknown.error?.message).toBe('invalid input value for enum hpc_report_action: "archive"');
    const known = await userClient(MEERA).rpc('hpc_transition_report', {
      p_report_id: '00000000-0000-4000-a000-00000000ffff',
      p_action: reopen,
      p_expected_version: 1,
    });
    expect(known.status).toBe(404);
    expect(known.error?.code).toBe('HP404');
  });

  it('an unknown cycle status sent to hpc_set_cycle_status: 400, 22P02, named', async () => {
    const { error, status } = await userClient(SUNITA).rpc('hpc_set_cycle_status', {
      p_cycle_id: '00000000-0000-4000-a000-00000000ffff',
      p_status: 'finished' as Enums<'hpc_cycle_status'>,
    });
    expect(status).toBe(400);
    expect(error?.code).toBe('22P02');
    expect(error?.message).toBe('invalid input value for enum hpc_cycle_status: "finished"');
  });
});
