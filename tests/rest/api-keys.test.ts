// The gateway in front of /rest/v1 behaves as Supabase's Kong: an API key is required (header
// or query parameter), only the project's keys pass, the key is the bearer token when there
// is no Authorization header, and a user's token wins over it. Raw requests, to see exactly
// what a browser would.
import { describe, expect, it } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import type { Database } from '../../supabase/functions/_shared/database.types.ts';
import { credentials } from '../support/test-stack.ts';

const rest = (path: string) => `${credentials().apiUrl}/rest/v1/${path}`;
const meera = () => credentials().users.find((u) => u.email === 'meera.iyer@vidyaniketan.example')!.token;

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(rest(path), { headers });
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer, read field by field; each expect() is the check.
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe('/rest/v1 API keys', () => {
  it('refuses a request without an API key, in Kong’s words', async () => {
    const { status, body } = await get('hpc_parameters?select=id');
    expect(status).toBe(401);
    expect(body).toEqual({ message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
  });

  it('refuses a key that is not one of the project’s, even a validly signed token', async () => {
    for (const key of ['not-a-key', meera()]) {
      const { status, body } = await get('hpc_parameters?select=id', { apikey: key });
      expect(status).toBe(401);
      expect(body.message).toBe('Invalid API key');
    }
  });

  it('uses the key as the bearer token when there is no Authorization header', async () => {
    const asAnon = await get('hpc_parameters?select=id&limit=1', { apikey: credentials().anonKey });
    expect(asAnon.status).toBe(401);
    expect(asAnon.body.code).toBe('42501');
    const asService = await get('hpc_parameters?select=id&limit=1', { apikey: credentials().serviceRoleKey });
    expect(asService.status).toBe(200);
    expect(asService.body).toHaveLength(1);
  });

  it('accepts the key as a query parameter and does not pass it on as a filter', async () => {
    const { status, body } = await get(`hpc_parameters?select=id&limit=2&apikey=${credentials().serviceRoleKey}`);
    expect(status).toBe(200);
    expect(body).toHaveLength(2);
  });

  it('lets a signed-in user’s token decide the role, not the anon key', async () => {
    const { status, body } = await get('hpc_parameters?select=id&limit=1', {
      apikey: credentials().anonKey,
      authorization: `Bearer ${meera()}`,
    });
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
  });

  it('leaves a bad token to PostgREST, which refuses it', async () => {
    const { status, body } = await get('hpc_parameters?select=id', { apikey: credentials().anonKey, authorization: 'Bearer not.a.jwt' });
    expect(status).toBe(401);
    expect(body.code).toBe('PGRST301');
  });
});

describe("/rest/v1 with Supabase's newer keys (publishable and secret)", () => {
  it('the publishable key stands for anon, alone or as the bearer a client without a session sends', async () => {
    const { publishableKey } = credentials();
    expect(publishableKey).toMatch(/^sb_publishable_/);
    const sent: Record<string, string>[] = [
      { apikey: publishableKey },
      { apikey: publishableKey, authorization: `Bearer ${publishableKey}` },
    ];
    for (const headers of sent) {
      const { status, body } = await get('hpc_parameters?select=id&limit=1', headers);
      expect(status).toBe(401); // anon may not read HPC parameters, exactly as with the anon key
      expect(body.code).toBe('42501');
    }
  });

  it("the secret key stands for service_role; with the publishable key a user's token decides", async () => {
    const asService = await get('hpc_parameters?select=id&limit=1', { apikey: credentials().secretKey });
    expect(asService.status).toBe(200);
    expect(asService.body).toHaveLength(1);
    const asMeera = await get('hpc_parameters?select=id&limit=1', {
      apikey: credentials().publishableKey,
      authorization: `Bearer ${meera()}`,
    });
    expect(asMeera.status).toBe(200);
    expect(asMeera.body).toHaveLength(1);
  });

  it('refuses a made-up key of the same form', async () => {
    const { status, body } = await get('hpc_parameters?select=id', { apikey: 'sb_publishable_made-up-key' });
    expect(status).toBe(401);
    expect(body.message).toBe('Invalid API key');
  });

  it('supabase-js works with them as with the JWT keys', async () => {
    // Node 20 has no global WebSocket; supabase-js's realtime client needs one.
    const options = { auth: { persistSession: false }, realtime: { transport: ws as never } };
    const visitor = createClient<Database>(credentials().apiUrl, credentials().publishableKey, options);
    const refused = await visitor.from('hpc_parameters').select('id').limit(1);
    expect(refused.error?.code).toBe('42501');
    const server = createClient<Database>(credentials().apiUrl, credentials().secretKey, options);
    const { data, error } = await server.from('hpc_parameters').select('id').limit(1);
    expect(error).toBeNull();
    expect(data).toHaveLength(1);
  });
});

describe('/rest/v1 from a browser', () => {
  it('allows a preflight the headers supabase-js sends', async () => {
    const asked = 'authorization, x-client-info, apikey, content-type, prefer, range, accept-profile, content-profile';
    const response = await fetch(rest('hpc_reports'), {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': asked },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe(asked);
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('lets the browser read Content-Range, which carries counts', async () => {
    const response = await fetch(rest('hpc_parameters?select=id&limit=1'), {
      headers: { Origin: 'http://localhost:3000', apikey: credentials().serviceRoleKey, Prefer: 'count=exact' },
    });
    await response.arrayBuffer();
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('content-range');
    expect(response.headers.get('content-range')).toMatch(/^0-0\/\d+$/);
  });
});
