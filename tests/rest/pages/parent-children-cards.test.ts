// A parent's home page (Kavita Sharma): her children, each child's class teacher, and the
// cards she may read. Anaya's Term 1 card was published and then reopened, so the current
// version is a draft: hpc_published_reports still shows the issued one. Aarav's card is in
// review, so there is nothing to show for him yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../../support/test-stack.ts';
import { userClient, userId } from '../support/rest.ts';
import { AARAV, ANAYA, ISHAAN, KAVITA } from '../support/people.ts';

let db: postgres.Sql;
beforeAll(() => {
  db = connect();
});
afterAll(async () => {
  await db.end();
});

describe("Kavita's children", () => {
  it('are listed with their names through student_guardians', async () => {
    const { data, error } = await userClient(KAVITA)
      .from('student_guardians')
      .select('relationship, is_primary, child:user_profiles!student_guardians_student_fkey(id, full_name)');
    expect(error).toBeNull();
    expect(data!.map((g) => g.child?.full_name).sort()).toEqual(['Aarav Sharma', 'Anaya Sharma']);
  });

  it('each with their class teacher by name', async () => {
    const { data, error } = await userClient(KAVITA).rpc('hpc_class_teachers');
    expect(error).toBeNull();
    const byChild = Object.fromEntries(data!.map((t) => [t.student_name, `${t.class_teacher_name} (${t.section_name})`]));
    expect(byChild).toEqual({ 'Aarav Sharma': 'Meera Iyer (4-A)', 'Anaya Sharma': 'Lakshmi Narayanan (2-A)' });
  });
});

describe("Kavita's cards", () => {
  it("hpc_published_reports: Anaya's issued version 1, nothing of Aarav's unpublished card", async () => {
    const statuses = await db<{ student_id: string; version: string; status: string; is_current: boolean }[]>`
      select student_id, version, status, is_current from hpc_reports where student_id in (${userId(AARAV)}, ${userId(ANAYA)})`;
    // Other suites may add versions (a regenerated draft); none of Aarav's is published, and
    // Anaya's current one is not either: the family must see her published version 1 only.
    const aarav = statuses.filter((r) => r.student_id === userId(AARAV));
    expect(aarav.length).toBeGreaterThan(0);
    expect(aarav.filter((r) => r.status === 'published')).toEqual([]);
    expect(statuses.find((r) => r.student_id === userId(ANAYA) && r.is_current)?.status).not.toBe('published');

    const { data, error } = await userClient(KAVITA)
      .from('hpc_published_reports')
      .select('student_id, version, status, is_current, published_at, content, hpc_evaluation_cycles(name)');
    expect(error).toBeNull();
    expect(data).toHaveLength(1);
    expect(data![0]).toMatchObject({
      student_id: userId(ANAYA),
      version: 1,
      status: 'published',
      is_current: false,
      hpc_evaluation_cycles: { name: 'Term 1 2026-27' },
    });
    expect(JSON.stringify(data![0]!.content)).toContain('Anaya Sharma');
  });

  it('the current card of Anaya is the reopened draft, which she may not read', async () => {
    const { data, error } = await userClient(KAVITA)
      .from('hpc_reports')
      .select('id')
      .eq('student_id', userId(ANAYA))
      .eq('is_current', true);
    expect(error).toBeNull();
    expect(data).toEqual([]);
  });

  it("reads no card of another family's child", async () => {
    const [{ rows }] = await db<[{ rows: number }]>`
      select count(*)::int as rows from hpc_reports where student_id = ${userId(ISHAAN)} and status = 'published'`;
    expect(rows).toBe(1);
    const { data, error } = await userClient(KAVITA).from('hpc_published_reports').select('id').eq('student_id', userId(ISHAAN));
    expect(error).toBeNull();
    expect(data).toEqual([]);
  });
});
