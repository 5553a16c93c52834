// The two functions with the seed's demo users (the tokens `npm start` prints): Vidya
// Niketan's class teacher of 4-A compiles Aarav's Term 2 card; the coordinator, the
// principal, the parent and another school see what their role allows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { userToken } from '../../stack/keys.ts';
import { credentials, sql as openSql } from '../support/test-stack.ts';
import { invoke } from './support/invoke.ts';

let sql: postgres.Sql;
let cycle: string;
const demo = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const token = (n: number) => {
  const user = credentials().users.find((u) => u.id === demo(n));
  if (!user) throw new Error(`demo user ${demo(n)} is not in the seed`);
  return user.token;
};

beforeAll(async () => {
  sql = openSql();
  const [row] = await sql`select c.id from public.hpc_evaluation_cycles c
    join public.user_profiles p on p.institution_id = c.institution_id
    where p.id = ${demo(3)} and c.term_number = 2`;
  cycle = row!.id;
});
afterAll(async () => {
  await sql?.end();
});

describe('demo users', () => {
  it("Meera Iyer (class teacher 4-A) compiles Aarav's Term 2 card; it shows Term 1 and Term 2", async () => {
    const r = await invoke(token(2), 'hpc-reports/generate', { body: { cycle_id: cycle, student_id: demo(3) } });
    expect(r.status).toBe(200);
    expect(['created', 'updated', 'unchanged']).toContain(r.body.report.outcome);
    const card = await invoke(token(2), `hpc-reports/reports/${r.body.report.report_id}`);
    expect(card.body.report.content.student.full_name).toBe('Aarav Sharma');
    expect(card.body.report.content.terms.map((t: { term_number: number }) => t.term_number)).toEqual([1, 2]);
    const hi = await invoke(token(2), `hpc-reports/reports/${r.body.report.report_id}/print?lang=hi`);
    expect(hi.body.html).toContain('सत्र 2');
    // the coordinator and the principal read it; the parent does not (not published); another school does not
    for (const n of [5, 4]) expect((await invoke(token(n), `hpc-reports/reports/${r.body.report.report_id}`)).status).toBe(200);
    for (const n of [6, 11]) expect((await invoke(token(n), `hpc-reports/reports/${r.body.report.report_id}`)).status).toBe(404);
  });

  it('each demo role gets its own "what awaits me"', async () => {
    for (const n of [1, 2, 4, 5, 6, 11]) {
      const r = await invoke(token(n), 'hpc-approvals/awaiting');
      expect(r.status, demo(n)).toBe(200);
      expect(Array.isArray(r.body.items)).toBe(true);
    }
    const parent = await invoke(token(6), 'hpc-approvals/awaiting');
    expect(parent.body.items).toEqual([]);
  });

  // The claims reach the database inside a SQL literal (one round trip opens the request):
  // quotes, backslashes and a statement separator in a claim must stay data.
  it('claims holding quotes, backslashes and a semicolon still act as their user', async () => {
    const email = String.raw`meera.o'iyer\'); select pg_sleep(5); --@example.com`;
    const r = await invoke(await userToken({ id: demo(2), email }), 'hpc-reports/generate', {
      body: { cycle_id: cycle, student_id: demo(3) },
    });
    expect(r.status).toBe(200);
    expect(['created', 'updated', 'unchanged']).toContain(r.body.report.outcome);
  });

  it('Greenfield (HPC off) gets 403 hpc_disabled', async () => {
    const r = await invoke(token(21), 'hpc-approvals/awaiting');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('hpc_disabled');
  });
});
