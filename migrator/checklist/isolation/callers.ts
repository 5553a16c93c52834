// The people the proof acts as: one per role present in each school, parents and staff
// duties where those tables exist, and anon.
import type { Sql } from '../../db.ts';
import type { Caller } from './types.ts';
import { ident } from './sql.ts';

export async function institutionsOf(sql: Sql, max?: number): Promise<{ id: string; label: string }[]> {
  const [cols] =
    await sql`select array_agg(attname::text) as names from pg_attribute where attrelid = 'public.institutions'::regclass and attnum > 0 and not attisdropped`;
  const names = cols!.names as string[];
  const label = names.includes('slug') ? 'slug::text' : names.includes('name') ? 'name::text' : 'id::text';
  const rows = await sql.unsafe(`select id::text as id, coalesce(${label}, id::text) as label from public.institutions order by 2, 1`);
  return rows.slice(0, max ?? rows.length).map((r) => ({ id: r.id as string, label: r.label as string }));
}

async function columnsOf(sql: Sql, table: string): Promise<string[] | null> {
  const [r] =
    await sql`select array_agg(attname::text) as names from pg_attribute where attrelid = to_regclass(${table}) and attnum > 0 and not attisdropped`;
  return (r?.names as string[] | null) ?? null;
}

/** A person per role present in each school, plus parents (student_guardians) and
 * principals and coordinators (staff_duties) when those tables exist; and anon. */
export async function findCallers(sql: Sql, schools: { id: string; label: string }[]): Promise<Caller[]> {
  const callers: Caller[] = [];
  const profileCols = (await columnsOf(sql, 'public.user_profiles')) ?? [];
  const active = profileCols.includes('status') ? `(status = 'active') desc,` : '';
  const guardianCols = await columnsOf(sql, 'public.student_guardians');
  const dutyCols = await columnsOf(sql, 'public.staff_duties');
  let dutyPerson: string | null = null;
  if (dutyCols) {
    const [fk] =
      await sql`select a.attname::text as col from pg_constraint as k join pg_attribute as a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
                           where k.conrelid = 'public.staff_duties'::regclass and k.contype = 'f' and k.confrelid = 'public.user_profiles'::regclass
                             and a.attname <> 'institution_id' limit 1`;
    dutyPerson = (fk?.col as string | undefined) ?? (dutyCols.includes('user_id') ? 'user_id' : null);
  }
  for (const s of schools) {
    const people = await sql.unsafe(
      `select distinct on (role) role::text as kind, id::text as id from public.user_profiles
                                     where institution_id = $1 and role is not null order by role, ${active} id`,
      [s.id],
    );
    const kinds = new Set<string>();
    const add = (kind: string, id: string) => {
      if (kinds.has(kind)) return; // a parent may also be a user_profiles role
      kinds.add(kind);
      callers.push({ label: `${kind}@${s.label}`, kind, role: 'authenticated', userId: id, institutionId: s.id, institution: s.label });
    };
    for (const p of people) add(p.kind as string, p.id as string);
    if (guardianCols?.includes('guardian_id')) {
      const [g] = await sql.unsafe(
        `select g.guardian_id::text as id from public.student_guardians as g join public.user_profiles as u on u.id = g.guardian_id
                                    where u.institution_id = $1 order by 1 limit 1`,
        [s.id],
      );
      if (g) add('parent', g.id as string);
    }
    if (dutyCols?.includes('duty') && dutyPerson) {
      for (const duty of ['principal', 'coordinator']) {
        const [d] = await sql.unsafe(
          `select d.${ident(dutyPerson)}::text as id from public.staff_duties as d join public.user_profiles as u on u.id = d.${ident(dutyPerson)}
                                      where u.institution_id = $1 and d.duty = $2 ${dutyCols.includes('active') ? 'and d.active' : ''} order by 1 limit 1`,
          [s.id, duty],
        );
        if (d) add(duty, d.id as string);
      }
    }
  }
  callers.push({ label: 'anon', kind: 'anon', role: 'anon', userId: null, institutionId: null, institution: null });
  return callers;
}
