// The gateway verifies JWTs as Supabase's edge runtime does with verify_jwt on, and
// answers CORS preflight requests.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { SignJWT } from 'jose';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { startGateway } from '../../stack/gateway.ts';
import { JWT_SECRET } from '../../stack/settings.ts';
import { credentials, functionUrl } from '../support/test-stack.ts';

const secret = new TextEncoder().encode(JWT_SECRET);
const now = () => Math.floor(Date.now() / 1000);
const sign = (claims: Record<string, unknown>, key = secret) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);

async function call(path: string, authorization?: string) {
  const res = await fetch(functionUrl(path), { headers: authorization ? { Authorization: authorization } : {} });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string; requestId: string } } };
}

describe('gateway with verify_jwt on', () => {
  it('passes a valid anon key through to the function', async () => {
    const { status } = await call('hpc-reports/health', `Bearer ${credentials().anonKey}`);
    expect(status).toBe(200);
  });

  it('passes a valid user token through', async () => {
    const token = await sign({ sub: crypto.randomUUID(), role: 'authenticated', aud: 'authenticated', exp: now() + 60 });
    expect((await call('hpc-approvals/health', `Bearer ${token}`)).status).toBe(200);
  });

  it.each([
    ['missing', undefined, 'missing_authorization'],
    ['not a bearer header', 'Basic dXNlcjpwYXNz', 'invalid_authorization'],
    ['malformed', 'Bearer not.a.jwt', 'invalid_jwt'],
    ['garbage', 'Bearer abc', 'invalid_jwt'],
  ])('refuses a %s token with 401 and a JSON error', async (_label, header, code) => {
    const { status, body } = await call('hpc-reports/health', header);
    expect(status).toBe(401);
    expect(body.error?.code).toBe(code);
    expect(body.error?.message).toBeTruthy();
    expect(body.error?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an expired token', async () => {
    const token = await sign({ role: 'anon', exp: now() - 10 });
    const { status, body } = await call('hpc-reports/health', `Bearer ${token}`);
    expect(status).toBe(401);
    expect(body.error?.code).toBe('jwt_expired');
  });

  it('refuses a token it let through once that token has expired', async () => {
    const exp = now() + 2;
    const token = await sign({ role: 'anon', exp });
    expect((await call('hpc-reports/health', `Bearer ${token}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, (exp + 1) * 1000 - Date.now()));
    const { status, body } = await call('hpc-reports/health', `Bearer ${token}`);
    expect(status).toBe(401);
    expect(body.error?.code).toBe('jwt_expired');
  });

  it('refuses a token it let through once its signature is changed', async () => {
    const token = await sign({ role: 'anon', exp: now() + 60 });
    expect((await call('hpc-reports/health', `Bearer ${token}`)).status).toBe(200);
    const forged = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await call('hpc-reports/health', `Bearer ${forged}`)).status).toBe(401);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await sign({ role: 'anon', exp: now() + 60 }, new TextEncoder().encode('another-secret-that-is-at-least-32-chars!!'));
    const { status, body } = await call('hpc-reports/health', `Bearer ${token}`);
    expect(status).toBe(401);
    expect(body.error?.code).toBe('invalid_jwt_signature');
  });

  it('refuses a token that is not HS256 (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ role: 'service_role', exp: now() + 60 })).toString('base64url');
    expect((await call('hpc-reports/health', `Bearer ${header}.${payload}.`)).status).toBe(401);
  });

  it('answers CORS preflight without a token', async () => {
    const res = await fetch(functionUrl('hpc-reports/health'), {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3000',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, x-client-info, apikey, content-type',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(res.headers.get('access-control-allow-headers')).toContain('apikey');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('adds CORS headers to errors too, so a browser can read them', async () => {
    const res = await fetch(functionUrl('hpc-reports/health'));
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("passes a real function's answer on uncompressed, as the hosted runtime gives it", async () => {
    const res = await fetch(functionUrl('hpc-reports/health'), {
      headers: { Authorization: `Bearer ${credentials().anonKey}`, 'accept-encoding': 'br, gzip, deflate' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
  });

  it('answers 404 for an unknown function', async () => {
    const { status, body } = await call('no-such-function/health', `Bearer ${credentials().anonKey}`);
    expect(status).toBe(404);
    expect(body.error?.code).toBe('function_not_found');
  });
});

describe('gateway with verify_jwt off', () => {
  let upstream: Server;
  let gateway: Server;
  let base: string;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          path: req.url,
          authorization: req.headers.authorization ?? null,
          forwardedFor: req.headers['x-forwarded-for'],
          acceptEncoding: req.headers['accept-encoding'],
        }),
      );
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    const port = (upstream.address() as { port: number }).port;
    gateway = await startGateway(0, { functions: [{ name: 'open-fn', port, verifyJwt: false }] });
    base = `http://127.0.0.1:${(gateway.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    gateway.closeAllConnections();
    await new Promise((r) => gateway.close(r));
    await new Promise((r) => upstream.close(r));
  });

  it('lets a request without a token through, with the path the function expects', async () => {
    const res = await fetch(`${base}/functions/v1/open-fn/webhook?x=1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      path: '/open-fn/webhook?x=1',
      authorization: null,
      forwardedFor: '127.0.0.1',
      acceptEncoding: 'identity',
    });
  });

  it('asks the function for an uncompressed body, whatever the client accepts', async () => {
    const res = await fetch(`${base}/functions/v1/open-fn/`, { headers: { 'accept-encoding': 'br, gzip, deflate' } });
    expect((await res.json()).acceptEncoding).toBe('identity');
  });

  it("passes the client's address in x-forwarded-for, after any the request brought, as Kong does", async () => {
    const res = await fetch(`${base}/functions/v1/open-fn/`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect((await res.json()).forwardedFor).toBe('203.0.113.9, 127.0.0.1');
  });

  it('does not check a bad token either (the function decides)', async () => {
    const res = await fetch(`${base}/functions/v1/open-fn/`, { headers: { Authorization: 'Bearer junk' } });
    expect(res.status).toBe(200);
  });
});
