// Which school a person without a class link belongs to is never guessed silently. BIG DAY's
// user_profiles has no school column: students and teachers are placed through the sections
// they are enrolled in or teach, everyone else (admins, office staff, a teacher not yet
// allocated) only by a rule the operator can see:
//   * an e-mail domain whose linked people all belong to one school (inferred, recorded in
//     the mapping as a rule, listed in the step's evidence) or one the mapping file names;
//   * a person the mapping file names by e-mail;
//   * the explicit fallback institution, for anyone but an admin: placing an admin in a school
//     makes them that school's administrator, so it needs a rule that names them.
import type { Sql } from '../db.ts';

export interface Unplaced {
  count: number;
  byRole: Record<string, number>;
  sample: { email: string; role: string }[];
}

const classLinked = (person: string) => `(exists (select 1 from public.section_students as ss where ss.student_id = ${person}.id)
  or exists (select 1 from public.section_courses as sc where sc.teacher_id = ${person}.id))`;

/** People without a class link, before any rule: what preflight shows the operator. */
export async function peopleWithoutClassLink(sql: Sql): Promise<Unplaced> {
  return summarise(await sql.unsafe(`select p.role, p.email from public.user_profiles as p where not ${classLinked('p')}`));
}

/** Records an e-mail-domain rule for every domain whose class-linked people all belong to
 * the same school (a domain shared by several schools, such as a public mail provider,
 * gets none). Returns the rules added. */
export async function inferEmailDomains(sql: Sql): Promise<Record<string, string>> {
  const rows = await sql.unsafe(`
    with linked as (
      select p.email, c.institution_id as legacy
      from public.user_profiles as p
      join public.section_students as ss on ss.student_id = p.id
      join public.sections as sec on sec.id = ss.section_id
      join public.cohorts as c on c.id = sec.cohort_id
      union all
      select p.email, c.institution_id
      from public.user_profiles as p
      join public.section_courses as sc on sc.teacher_id = p.id
      join public.sections as sec on sec.id = sc.section_id
      join public.cohorts as c on c.id = sec.cohort_id
    ), schools as (
      select lower(split_part(l.email, '@', 2)) as domain, coalesce(m.institution_id, l.legacy) as school
      from linked as l
      left join hpc_migration.institution_map as m on m.kind = 'legacy_id' and m.key = l.legacy::text
    )
    insert into hpc_migration.institution_map (kind, key, institution_id)
    select 'email_domain', s.domain, (array_agg(s.school))[1]
    from schools as s
    where s.domain <> ''
    group by s.domain
    having count(distinct s.school) = 1
    on conflict (kind, key) do nothing
    returning key, institution_id::text`);
  return Object.fromEntries(rows.map((r) => [r.key as string, r.institution_id as string]));
}

/** People still without a school once the rules are recorded (before the fallback). */
export async function unplacedPeople(sql: Sql): Promise<Unplaced> {
  return summarise(
    await sql.unsafe(`
    select p.role, p.email from public.user_profiles as p
    where not ${classLinked('p')}
      and not exists (select 1 from hpc_migration.institution_map as m
                      where (m.kind = 'email_domain' and m.key = lower(split_part(p.email, '@', 2)))
                         or (m.kind = 'person' and m.key = lower(p.email)))`),
  );
}

function summarise(rows: readonly Record<string, unknown>[]): Unplaced {
  const byRole: Record<string, number> = {};
  for (const r of rows) byRole[r.role as string] = (byRole[r.role as string] ?? 0) + 1;
  const admins = rows.filter((r) => r.role === 'admin');
  const sample = [...admins, ...rows.filter((r) => r.role !== 'admin')]
    .slice(0, 10)
    .map((r) => ({ email: r.email as string, role: r.role as string }));
  return { count: rows.length, byRole, sample };
}

/** Why the mapping cannot go on, or undefined when everyone has a school. */
export function placementRefusal(unplaced: Unplaced, hasFallback: boolean): string | undefined {
  if (unplaced.count === 0) return undefined;
  const admins = unplaced.byRole.admin ?? 0;
  const list = unplaced.sample.map((p) => `${p.email} (${p.role})`).join(', ');
  if (admins > 0) {
    return (
      `${admins} admins have no class link and no rule places them (e.g. ${list}); an admin is never placed by the ` +
      'fallback alone: name their e-mail domain (emailDomains) or them (people) in a mapping file'
    );
  }
  if (!hasFallback) {
    return `${unplaced.count} people have no class link and no rule places them (${Object.entries(unplaced.byRole)
      .map(([r, n]) => `${n} ${r}`)
      .join(', ')}; e.g. ${list}): give --fallback-institution <slug>, or their e-mail domains or e-mails in a mapping file`;
  }
  return undefined;
}
