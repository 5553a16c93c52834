// The demo users the seed creates (accounts marked `demo` in their app metadata; every other
// seeded person has an account too, as in BIG DAY), read from the database so the printed
// tokens always match the data that is loaded.
import postgres from 'postgres';

export interface DemoUser {
  id: string;
  email: string;
  role: string;
  fullName: string;
}

export async function listDemoUsers(url: string): Promise<DemoUser[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const profiles = await sql`select to_regclass('public.user_profiles') is not null as present`;
    if (!profiles[0]?.present) return [];
    // The HPC duty says more than the BIG DAY role (a principal is an 'admin' there). The
    // accounts are read apart and the duties by school: on Citus auth.users stays a local
    // table, which Citus does not join with a distributed one, and a duty is on its school's
    // shard.
    const duties = await sql`select to_regclass('public.staff_duties') is not null as present`;
    const rows = duties[0]?.present
      ? await sql`
          with u as materialized (select id, email from auth.users where raw_app_meta_data ? 'demo')
          select u.id::text as id, u.email, p.full_name,
                 coalesce((select string_agg(distinct d.duty, '+' order by d.duty) from public.staff_duties d
                           where d.institution_id = p.institution_id and d.user_id = p.id and d.active), p.role) as role
          from u
          join public.user_profiles p on p.id = u.id
          order by u.id`
      : await sql`
          with u as materialized (select id, email from auth.users where raw_app_meta_data ? 'demo')
          select u.id::text as id, u.email, p.full_name, p.role
          from u
          join public.user_profiles p on p.id = u.id
          order by u.id`;
    return rows.map((r) => ({ id: r.id, email: r.email, role: r.role ?? '', fullName: r.full_name ?? '' }));
  } finally {
    await sql.end();
  }
}
