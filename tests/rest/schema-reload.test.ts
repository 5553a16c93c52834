// DDL reaches the running PostgREST without a restart: the platform's event triggers send
// `reload schema` on the pgrst channel, as on hosted Supabase. PostgREST 12 would run a plain
// select on an unknown table anyway, so the test uses what needs its schema cache: an embed
// over a new foreign key and an rpc() of a new function; then a drop makes them go away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import { credentials, sql as connect } from '../support/test-stack.ts';

const suffix = randomBytes(4).toString('hex');
const parent = `reload_parent_${suffix}`;
const child = `reload_child_${suffix}`;
const fn = `reload_answer_${suffix}`;

let db: postgres.Sql;
// Untyped on purpose: these tables are made by the test, after the types were generated.
let api: SupabaseClient;

/** Retries until PostgREST has reloaded (it does so within a moment of the NOTIFY). */
async function eventually<T>(attempt: () => PromiseLike<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(() => {
  db = connect();
  api = createClient(credentials().apiUrl, credentials().serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as never },
  });
});
afterAll(async () => {
  await db.unsafe(`drop table if exists public.${child}, public.${parent}; drop function if exists public.${fn}()`);
  await db.end();
});

describe('schema changes while PostgREST runs', () => {
  it('serves a table, a relationship and a function created after it started', async () => {
    await db.unsafe(`
      create table public.${parent} (id int primary key, name text not null);
      create table public.${child} (id int primary key, parent_id int not null references public.${parent});
      insert into public.${parent} values (1, 'one');
      insert into public.${child} values (10, 1), (11, 1);
      create function public.${fn}() returns int language sql stable as 'select 42';
    `);

    const embedded = await eventually(
      () => api.from(parent).select(`id, name, ${child}(id)`),
      (r) => r.error === null,
    );
    expect(embedded.error).toBeNull();
    expect(embedded.data).toEqual([{ id: 1, name: 'one', [child]: [{ id: 10 }, { id: 11 }] }]);

    const answer = await eventually(
      () => api.rpc(fn),
      (r) => r.error === null,
    );
    expect(answer.error).toBeNull();
    expect(answer.data).toBe(42);
  });

  it('forgets a function once it is dropped', async () => {
    await db.unsafe(`drop function public.${fn}()`);
    const gone = await eventually(
      () => api.rpc(fn),
      (r) => r.error?.code === 'PGRST202',
    );
    expect(gone.error?.code).toBe('PGRST202');
  });
});
