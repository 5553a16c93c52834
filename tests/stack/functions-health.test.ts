// Both functions answer GET /<name>/health through supabase-js functions.invoke, as the
// frontend will call them.
import { describe, expect, it } from 'vitest';
import { FunctionsHttpError } from '@supabase/supabase-js';
import { client, credentials } from '../support/test-stack.ts';

describe.each(['hpc-reports', 'hpc-approvals'])('%s', (name) => {
  it('reports its version and a reachable database with the anon key', async () => {
    const { data, error } = await client().functions.invoke(`${name}/health`, { method: 'GET' });
    expect(error).toBeNull();
    expect(data).toMatchObject({ name, status: 'ok', database: { reachable: true } });
    expect(data.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('answers as a signed-in demo user', async () => {
    const user = credentials().users[0];
    expect(user, 'the seed has demo users').toBeDefined();
    const { data, error } = await client(user!.token).functions.invoke(`${name}/health`, { method: 'GET' });
    expect(error).toBeNull();
    expect(data.name).toBe(name);
  });

  it('refuses a caller with a bad token with 401', async () => {
    const { error } = await client('not-a-token').functions.invoke(`${name}/health`, { method: 'GET' });
    expect(error).toBeInstanceOf(FunctionsHttpError);
    const response = (error as FunctionsHttpError).context as Response;
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('invalid_jwt');
  });

  it('answers an unknown route with 404 in the shared error shape', async () => {
    const { error } = await client().functions.invoke(`${name}/no-such-route`, { method: 'GET' });
    const response = (error as FunctionsHttpError).context as Response;
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 'not_found' });
    expect(body.error.requestId).toBeTruthy();
  });
});
