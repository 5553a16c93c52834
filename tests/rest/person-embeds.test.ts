// Tables with two (or three) person columns embed user_profiles once per column, each named
// by its foreign key (docs/api.md, "Embedding"), through supabase-js → gateway → the real
// PostgREST 12.0.2. Every embedded name is checked against the person the column holds.
// The keys are composite (institution_id, <person>_id), so the column name alone is no hint:
// PostgREST matches a column hint only on a single-column key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../support/test-stack.ts';
import { userClient, userId } from './support/rest.ts';
import { AARAV, ISHAAN, KAVITA, PRIYA, SUNITA, VIDYA_NIKETAN, SUNRISE } from './support/people.ts';

let db: postgres.Sql;
/** full_name by id, as the database holds it, for both HPC schools. */
const names = new Map<string, string>();

beforeAll(async () => {
  db = connect();
  const people = await db<{ id: string; full_name: string }[]>`
    select id, full_name from public.user_profiles where institution_id in (${VIDYA_NIKETAN}, ${SUNRISE})`;
  for (const p of people) names.set(p.id, p.full_name);
});
afterAll(async () => {
  await db.end();
});

/** The embedded person matches the column: a name when it holds an id, null when it is empty. */
function expectPerson(embedded: { full_name: string } | null, id: string | null) {
  expect(embedded?.full_name ?? null).toBe(id === null ? null : names.get(id));
}

// Each case reads as the principal (who sees every person of her school) and asserts on a
// seeded row named in the test, so an embed that resolved the other key would fail.
describe('one hint per person column, named by its key', () => {
  it('hpc_evaluations: the student and the rater', async () => {
    const { data, error } = await userClient(SUNITA)
      .from('hpc_evaluations')
      .select(
        'student_id, rater_id, student:user_profiles!hpc_evaluations_student_fkey(full_name), rater:user_profiles!hpc_evaluations_rater_fkey(full_name)',
      )
      .eq('student_id', userId(AARAV))
      .in('rater_role', ['teacher', 'parent']);
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(1);
    for (const row of data!) {
      expectPerson(row.student, row.student_id);
      expectPerson(row.rater, row.rater_id);
    }
    const raters = new Set(data!.map((r) => r.rater?.full_name));
    expect(raters).toContain('Kavita Sharma');
    expect(raters).toContain('Meera Iyer');
  });

  it('student_guardians: the child and the guardian', async () => {
    const { data, error } = await userClient(SUNITA)
      .from('student_guardians')
      .select(
        'student_id, guardian_id, student:user_profiles!student_guardians_student_fkey(full_name), guardian:user_profiles!student_guardians_guardian_fkey(full_name)',
      )
      .eq('guardian_id', userId(KAVITA));
    expect(error).toBeNull();
    for (const row of data!) {
      expectPerson(row.student, row.student_id);
      expectPerson(row.guardian, row.guardian_id);
    }
    expect(data!.map((r) => r.student?.full_name).sort()).toEqual(['Aarav Sharma', 'Anaya Sharma']);
    expect(new Set(data!.map((r) => r.guardian?.full_name))).toEqual(new Set(['Kavita Sharma']));
  });

  it('hpc_achievements: the student and the teacher who verified it', async () => {
    const { data, error } = await userClient(SUNITA)
      .from('hpc_achievements')
      .select(
        'student_id, verified_by, student:user_profiles!hpc_achievements_student_fkey(full_name), verifier:user_profiles!hpc_achievements_verified_by_fkey(full_name)',
      );
    expect(error).toBeNull();
    for (const row of data!) {
      expectPerson(row.student, row.student_id);
      expectPerson(row.verifier, row.verified_by);
    }
    expect(
      data!.some((r) => r.verifier !== null),
      'the seed has verified achievements',
    ).toBe(true);
    expect(data!.map((r) => r.student?.full_name)).toContain('Aarav Sharma');
  });

  it('hpc_conversations: the student and the author of each message', async () => {
    const { data, error } = await userClient(SUNITA)
      .from('hpc_conversations')
      .select(
        'student_id, author_id, student:user_profiles!hpc_conversations_student_fkey(full_name), author:user_profiles!hpc_conversations_author_fkey(full_name)',
      )
      .eq('student_id', userId(AARAV))
      .order('created_at');
    expect(error).toBeNull();
    for (const row of data!) {
      expectPerson(row.student, row.student_id);
      expectPerson(row.author, row.author_id);
    }
    expect(data!.map((r) => r.author?.full_name)).toEqual(['Kavita Sharma', 'Meera Iyer', 'Aarav Sharma']);
  });

  it('hpc_reports: the student and the principal who published the card', async () => {
    const { data, error } = await userClient(SUNITA)
      .from('hpc_reports')
      .select(
        'student_id, published_by, status, student:user_profiles!hpc_reports_student_fkey(full_name), publisher:user_profiles!hpc_reports_published_by_fkey(full_name)',
      );
    expect(error).toBeNull();
    for (const row of data!) {
      expectPerson(row.student, row.student_id);
      expectPerson(row.publisher, row.published_by);
    }
    const published = data!.filter((r) => r.status === 'published');
    expect(published.length).toBeGreaterThan(0);
    expect(new Set(published.map((r) => r.publisher?.full_name))).toEqual(new Set(['Sunita Deshpande']));
  });

  it('hpc_parameter_assignments: the teacher of a parameter, the student and the peer reviewer of a pairing', async () => {
    const { data, error } = await userClient(PRIYA)
      .from('hpc_parameter_assignments')
      .select(`student_id, peer_reviewer_id, teacher_id,
        student:user_profiles!hpc_parameter_assignments_student_fkey(full_name),
        peer_reviewer:user_profiles!hpc_parameter_assignments_peer_reviewer_fkey(full_name),
        teacher:user_profiles!hpc_parameter_assignments_teacher_fkey(full_name)`)
      .or(`student_id.eq.${userId(ISHAAN)},teacher_id.eq.${userId(PRIYA)}`);
    expect(error).toBeNull();
    for (const row of data!) {
      expectPerson(row.student, row.student_id);
      expectPerson(row.peer_reviewer, row.peer_reviewer_id);
      expectPerson(row.teacher, row.teacher_id);
    }
    const pairing = data!.find((r) => r.student_id === userId(ISHAAN));
    expect(pairing?.student?.full_name).toBe('Ishaan Verma');
    expect(pairing?.peer_reviewer?.full_name).toBeTruthy();
    expect(data!.some((r) => r.teacher?.full_name === 'Priya Menon')).toBe(true);
  });

  it('hpc_reflections: the student and the author (the parent writes the Partnership card)', async () => {
    const { data, error } = await userClient(SUNITA)
      .from('hpc_reflections')
      .select(
        'kind, student_id, author_id, student:user_profiles!hpc_reflections_student_fkey(full_name), author:user_profiles!hpc_reflections_author_fkey(full_name)',
      )
      .eq('student_id', userId(AARAV));
    expect(error).toBeNull();
    for (const row of data!) {
      expectPerson(row.student, row.student_id);
      expectPerson(row.author, row.author_id);
    }
    expect(data!.find((r) => r.kind === 'parent_partnership')?.author?.full_name).toBe('Kavita Sharma');
    expect(data!.find((r) => r.kind === 'self_reflection')?.author?.full_name).toBe('Aarav Sharma');
  });

  it('report_narratives: the student and the teacher who wrote it', async () => {
    const { data, error } = await userClient(SUNITA)
      .from('report_narratives')
      .select(
        'student_id, author_id, student:user_profiles!report_narratives_student_fkey(full_name), author:user_profiles!report_narratives_author_fkey(full_name)',
      )
      .eq('student_id', userId(AARAV));
    expect(error).toBeNull();
    expect(data).toHaveLength(1);
    expectPerson(data![0]!.student, data![0]!.student_id);
    expect(data![0]).toMatchObject({ student: { full_name: 'Aarav Sharma' }, author: { full_name: 'Meera Iyer' } });
  });
});

// The column-name form (`!rater_id`) that PostgREST accepts for single-column keys. Sent as
// a plain string: the generated types reject it too, as they match a column hint only on a
// one-column key.
const personColumns: [table: string, column: string][] = [
  ['hpc_evaluations', 'student_id'],
  ['hpc_evaluations', 'rater_id'],
  ['student_guardians', 'student_id'],
  ['student_guardians', 'guardian_id'],
  ['hpc_achievements', 'student_id'],
  ['hpc_achievements', 'verified_by'],
  ['hpc_conversations', 'student_id'],
  ['hpc_conversations', 'author_id'],
  ['hpc_reports', 'student_id'],
  ['hpc_reports', 'published_by'],
  ['hpc_parameter_assignments', 'student_id'],
  ['hpc_parameter_assignments', 'peer_reviewer_id'],
  ['hpc_parameter_assignments', 'teacher_id'],
  ['hpc_reflections', 'student_id'],
  ['hpc_reflections', 'author_id'],
  ['report_narratives', 'student_id'],
  ['report_narratives', 'author_id'],
];

describe('the column name alone is no hint on a composite key', () => {
  it.each(personColumns)('%s → user_profiles!%s answers 400 PGRST200', async (table, column) => {
    const select: string = `person:user_profiles!${column}(full_name)`;
    const { error, status } = await userClient(SUNITA)
      .from(table as 'hpc_reports')
      .select(select)
      .limit(1);
    expect(status).toBe(400);
    expect(error?.code).toBe('PGRST200');
  });

  it('the key of each of those columns is the one the docs name (<table>_<column without _id>_fkey)', async () => {
    const keys = await db<{ table: string; column: string; key: string }[]>`
      select c.conrelid::regclass::text as table, a.attname as column, c.conname as key
      from pg_constraint as c
      join pg_attribute as a on a.attrelid = c.conrelid and a.attnum = c.conkey[2]
      where c.contype = 'f' and c.confrelid = 'public.user_profiles'::regclass
        and c.conrelid::regclass::text = any (${[...new Set(personColumns.map(([t]) => t))]}::text[])
        and cardinality(c.conkey) = 2`;
    const expected = personColumns.map(([table, column]) => ({ table, column, key: `${table}_${column.replace(/_id$/, '')}_fkey` }));
    expect(keys.sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`))).toEqual(
      expected.sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`)),
    );
  });
});
