// The demo users the seed creates, read from the database so the printed tokens always
// match the data that is loaded.
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
    const rows = await sql`
      select u.id::text as id, u.email, coalesce(p.role, '') as role, coalesce(p.full_name, '') as full_name
      from auth.users u
      join public.user_profiles p on p.id = u.id
      order by p.role, u.email`;
    return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, fullName: r.full_name }));
  } finally {
    await sql.end();
  }
}
