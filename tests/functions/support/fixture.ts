// The issue 5 fixture (supabase/tests/reports/fixture.sql, shared with pgTAP) loaded under a
// fresh token, so every run gets its own two institutions, people and cards: published
// cards are immutable and audit rows append-only, so tests never clean up, they start anew.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type postgres from 'postgres';
import { userToken } from '../../../stack/keys.ts';
import { projectRoot } from '../../../stack/settings.ts';

const FIXTURE = join(projectRoot, 'supabase', 'tests', 'reports', 'fixture.sql');

export const people = {
  principal: 1,
  coordinator: 2,
  classTeacher: 3,
  subjectTeacher: 4,
  classTeacher2: 5,
  admin: 6,
  ananya: 7,
  kabir: 8,
  diya: 9,
  parent: 10,
  teacherWithoutDuty: 11,
  otherPrincipal: 21,
} as const;
export type Person = keyof typeof people;

export interface Fixture {
  tag: string;
  institution: string;
  otherInstitution: string;
  cycle: string;
  cycle2: string;
  section: string;
  section2: string;
  user(who: Person): string;
  token(who: Person): string;
}

const id = (tag: string, kind: string, n: number) => `${tag}-0005-4000-80${kind}-${String(n).padStart(12, '0')}`;

export async function loadFixture(sql: postgres.Sql): Promise<Fixture> {
  const tag = randomBytes(4).toString('hex');
  await sql.unsafe(readFileSync(FIXTURE, 'utf8').replaceAll('a5a5a5a5', tag));
  const tokens = new Map<Person, string>();
  for (const [who, n] of Object.entries(people) as [Person, number][]) {
    tokens.set(who, await userToken({ id: id(tag, '02', n), email: `${who}.${tag}@t5.example` }));
  }
  return {
    tag,
    institution: id(tag, '01', 1),
    otherInstitution: id(tag, '01', 2),
    cycle: id(tag, '04', 1),
    cycle2: id(tag, '04', 2),
    section: id(tag, '03', 31),
    section2: id(tag, '03', 32),
    user: (who) => id(tag, '02', people[who]),
    token: (who) => tokens.get(who)!,
  };
}
