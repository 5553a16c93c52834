// A visitor who has not signed in (the anon key alone) gets nothing: no school's people,
// cards or structure, no workflow rpc, no function. PostgREST answers a missing privilege
// of the anon role with 401 and 42501.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../supabase/functions/_shared/database.types.ts';
import { anonClient } from '../support/rest.ts';

type Table = keyof Database['public']['Tables'];
/** What a landing page might be tempted to read: schools, people, classes, and the cards. */
const tables = [
  'institutions',
  'user_profiles',
  'sections',
  'institution_feature_flags',
  'hpc_reports',
] as const satisfies readonly Table[];

describe('anon', () => {
  it.each(tables)('reads nothing from %s: 401 42501', async (table) => {
    const { data, error, status } = await anonClient().from(table).select('*').limit(1);
    expect(status).toBe(401);
    expect(error?.code).toBe('42501');
    expect(data).toBeNull();
  });

  it("reads no family's card: 401 42501", async () => {
    const { data, error, status } = await anonClient().from('hpc_published_reports').select('*').limit(1);
    expect(status).toBe(401);
    expect(error?.code).toBe('42501');
    expect(data).toBeNull();
  });

  it('calls no workflow rpc: 401 42501', async () => {
    for (const answer of [await anonClient().rpc('hpc_reports_awaiting_me'), await anonClient().rpc('hpc_class_teachers')]) {
      expect(answer.status).toBe(401);
      expect(answer.error?.code).toBe('42501');
    }
  });

  it('reaches no function: 401', async () => {
    const { error } = await anonClient().functions.invoke('hpc-approvals/awaiting', { method: 'GET' });
    expect((error as { context?: Response } | null)?.context?.status).toBe(401);
  });
});
