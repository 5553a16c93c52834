// How the newer-shape fixture (the real BIG DAY schema) answers its callers, as the fact sheet
// says (domain/bigday-real-schema.md): a logged-in user meets the 42P17 recursion in
// user_profiles' policies, anon reads every profile through search_users, and the audit
// trigger writes a row when the service role updates a profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newerShapeDatabase, tableCounts } from './newer-shape-support.ts';
import type { LegacyDatabase } from './support.ts';

let db: LegacyDatabase;
beforeAll(async () => {
  db = await newerShapeDatabase('test-migration-newer-callers');
});
afterAll(async () => db?.close());

describe('the newer-shape fixture (the real BIG DAY schema)', () => {
  it('refuses a logged-in user every read of user_profiles: 42P17, infinite recursion in its policies', async () => {
    const [user] = await db.sql`select id::text from public.user_profiles where role = 'admin' limit 1`;
    const attempt = db.sql.begin(async (tx) => {
      await tx`set local role authenticated`;
      await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: user!.id, role: 'authenticated' })}, true)`;
      return tx`select count(*) from public.user_profiles`;
    });
    await expect(attempt).rejects.toMatchObject({
      code: '42P17',
      message: 'infinite recursion detected in policy for relation "user_profiles"',
    });
  });

  it('lets anon read every profile of all three schools through search_users()', async () => {
    const rows = await db.sql.begin(async (tx) => {
      await tx`set local role anon`;
      return tx`select split_part(email, '@', 2) as domain, count(*)::int as n, max(total_count)::int as total
                from public.search_users('', null, null, null, null, 100000, 0) group by 1 order by 1`;
    });
    expect(rows.map((r) => r.domain)).toEqual(['school1.example', 'school2.example', 'school3.example']);
    expect(rows.reduce((n, r) => n + r.n, 0)).toBe(db.counts.user_profiles);
    const named = await db.sql.begin(async (tx) => {
      await tx`set local role anon`;
      return tx`select role from public.search_users('Sharma', array['teacher'])`;
    });
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((r) => r.role === 'teacher')).toBe(true);
  });

  it('writes an audit_logs row when the service role updates a profile', async () => {
    const [profile] = await db.sql`select id::text from public.user_profiles where role = 'student' limit 1`;
    const before = await tableCounts(db);
    let written: Record<string, unknown>[] = [];
    const rolledBack = new Error('rolled back');
    await expect(
      db.sql.begin(async (tx) => {
        await tx`set local role service_role`;
        await tx`select set_config('request.jwt.claims', '{"role": "service_role"}', true)`;
        await tx`update public.user_profiles set contact_number = '+91-9000000009' where id = ${profile!.id}`;
        written = await tx`select action, user_id::text, performed_by, new_values ->> 'contact_number' as new
                         from public.audit_logs where record_id = ${profile!.id} and table_name = 'user_profiles'
                           and performed_at = now()`;
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(written).toEqual([{ action: 'update', user_id: profile!.id, performed_by: null, new: '+91-9000000009' }]);
    expect(await tableCounts(db)).toEqual(before);
  });
});
