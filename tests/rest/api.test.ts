// The API as docs/api.md describes it, through supabase-js → gateway → the real PostgREST:
// embeds without hints where tables are joined by one key, rpc refusals with their HTTP
// status, the card a family reads, and the class teacher of a child.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../support/test-stack.ts';
import { userClient, userId } from './support/rest.ts';

const MEERA = 'meera.iyer@vidyaniketan.example'; // class teacher 4-A, Vidya Niketan
const AARAV = 'aarav.sharma@vidyaniketan.example'; // student 4-A
const KAVITA = 'kavita.sharma@parents.vidyaniketan.example'; // parent of Aarav and Anaya
const SUNITA = 'principal@vidyaniketan.example';

let db: postgres.Sql;
beforeAll(() => {
  db = connect();
});
afterAll(async () => {
  await db.end();
});

describe("BIG DAY's class structure embeds without a hint (one key per pair, as its app needs)", () => {
  it('sections with their cohort, and cohorts with their sections', async () => {
    const sections = await userClient(SUNITA).from('sections').select('id, name, cohorts(grade)').limit(5);
    expect(sections.error).toBeNull();
    expect(sections.data!.length).toBeGreaterThan(0);
    for (const s of sections.data!) expect(s.cohorts?.grade).toBeTruthy();
    const cohorts = await userClient(SUNITA).from('cohorts').select('id, sections(name)').limit(5);
    expect(cohorts.error).toBeNull();
    expect(cohorts.data!.some((c) => c.sections.length > 0)).toBe(true);
  });

  it("a class teacher's roster with names, and the courses taught with their teachers", async () => {
    const roster = await userClient(MEERA).from('section_students').select('student_id, user_profiles(full_name)');
    expect(roster.error).toBeNull();
    expect(roster.data!.find((r) => r.student_id === userId(AARAV))?.user_profiles?.full_name).toMatch(/Aarav/);
    const teaching = await userClient(SUNITA).from('section_courses').select('id, courses(title), user_profiles(full_name)').limit(5);
    expect(teaching.error).toBeNull();
    expect(teaching.data!.length).toBeGreaterThan(0);
    for (const t of teaching.data!) expect(t.courses?.title).toBeTruthy();
  });
});

describe('rpc refusals carry the HTTP status of their code', () => {
  it('an unknown card: 404 HP404', async () => {
    const { error, status } = await userClient(MEERA).rpc('hpc_transition_report', {
      p_report_id: '00000000-0000-4000-a000-00000000ffff',
      p_action: 'approve',
      p_expected_version: 1,
    });
    expect(status).toBe(404);
    expect(error?.code).toBe('HP404');
  });

  it('a stale version: 409 HP409', async () => {
    const [card] = await db`
      select r.id, r.lock_version from public.hpc_reports as r
      where r.is_current and r.status = 'in_review' and r.institution_id = '10000000-0000-4000-8000-000000000001' limit 1`;
    expect(card, 'the seed has a card in review at Vidya Niketan').toBeTruthy();
    const { error, status } = await userClient(SUNITA).rpc('hpc_transition_report', {
      p_report_id: card!.id,
      p_action: 'approve',
      p_expected_version: Number(card!.lock_version) + 100,
    });
    expect(status).toBe(409);
    expect(error?.code).toBe('HP409');
  });
});

describe('what a family reads', () => {
  it('the latest published card of each child, even after a reopen made the current version a draft', async () => {
    const { data, error } = await userClient(KAVITA).from('hpc_published_reports').select('student_id, status');
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(0);
    expect(data!.every((r) => r.status === 'published')).toBe(true);
  });

  it("the child's class teacher, by name", async () => {
    const { data, error } = await userClient(KAVITA).rpc('hpc_class_teachers');
    expect(error).toBeNull();
    expect((data ?? []).map((t) => t.class_teacher_name)).toContain('Meera Iyer');
  });
});
