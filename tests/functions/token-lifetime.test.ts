// A function checks the caller's token itself (a function deployed with verify_jwt off must not
// take a forged or expired one) and remembers a token it verified until the token expires. The
// function runs here in a Deno process of its own, reached directly, with no gateway in front
// to refuse the token first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userToken } from '../../stack/keys.ts';
import { type RunningFunction, startFunction, stopFunction } from '../../stack/functions.ts';
import { JWT_SECRET } from '../../stack/settings.ts';
import { credentials } from '../support/test-stack.ts';

let fn: RunningFunction;
const teacher = '00000000-0000-4000-a000-000000000002';

async function awaiting(token: string) {
  const res = await fetch(`http://127.0.0.1:${fn.port}/hpc-approvals/awaiting`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

beforeAll(async () => {
  fn = await startFunction(
    { name: 'hpc-approvals', verifyJwt: false },
    { SUPABASE_DB_URL: credentials().dbUrl, SUPABASE_JWT_SECRET: JWT_SECRET },
  );
});
afterAll(async () => {
  if (fn) await stopFunction(fn);
});

describe('a function verifying tokens itself', () => {
  it('refuses a token it accepted once that token has expired', async () => {
    const token = await userToken({ id: teacher, email: 'meera.iyer@vidyaniketan.example' }, 2);
    const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp as number;
    expect((await awaiting(token)).status).toBe(200);
    expect((await awaiting(token)).status).toBe(200);
    await new Promise((r) => setTimeout(r, (exp + 1) * 1000 - Date.now()));
    const late = await awaiting(token);
    expect(late.status).toBe(401);
    expect(late.body.error?.code).toBe('invalid_jwt');
  });

  it('refuses a token it accepted once its signature is changed', async () => {
    const token = await userToken({ id: teacher, email: 'meera.iyer@vidyaniketan.example' });
    expect((await awaiting(token)).status).toBe(200);
    const forged = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await awaiting(forged)).status).toBe(401);
  });
});
