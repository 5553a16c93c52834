// The gateway never breaks a connection the client may reuse. A large body refused before it
// is read (by a function, by the gateway itself, by PostgREST) is followed by a normal
// request on the same keep-alive connection: it must succeed, on the same socket. Before the
// fix, 1 round in 4 ended in ECONNRESET or a 502, so each case runs many rounds.
import { afterEach, describe, expect, it } from 'vitest';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { credentials } from '../support/test-stack.ts';

const ROUNDS = 25;
const LARGE_BODY = 'x'.repeat(200_000);

interface Answer {
  status: number;
  socket: Socket;
  reused: boolean;
}

let agent: Agent;
afterEach(() => agent?.destroy());

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const api = new URL(credentials().apiUrl);
  return new Promise((resolveAnswer, reject) => {
    const req = request({ host: api.hostname, port: api.port, method, path, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, socket: req.socket!, reused: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const teacher = () => credentials().users.find((u) => u.email === 'meera.iyer@vidyaniketan.example')!.token;

const cases: { name: string; path: string; headers: () => Record<string, string>; refusedWith: number }[] = [
  {
    name: 'a function answers 415 to a text/plain upload',
    path: '/functions/v1/hpc-reports/generate',
    headers: () => ({ authorization: `Bearer ${teacher()}`, 'content-type': 'text/plain' }),
    refusedWith: 415,
  },
  {
    name: 'the gateway answers 401 (verify_jwt) without a token',
    path: '/functions/v1/hpc-reports/generate',
    headers: () => ({ 'content-type': 'application/json' }),
    refusedWith: 401,
  },
  {
    name: 'the gateway answers 401 to /rest/v1 without an API key',
    path: '/rest/v1/hpc_achievements',
    headers: () => ({ 'content-type': 'application/json' }),
    refusedWith: 401,
  },
  {
    name: 'PostgREST answers 400 to a text/plain body',
    path: '/rest/v1/hpc_achievements',
    headers: () => ({ apikey: credentials().anonKey, authorization: `Bearer ${teacher()}`, 'content-type': 'text/plain' }),
    refusedWith: 400,
  },
];

describe('keep-alive after a refused large body', () => {
  it.each(cases)('$name, then the next request on the same connection succeeds', async ({ path, headers, refusedWith }) => {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const normal = { apikey: credentials().anonKey, authorization: `Bearer ${teacher()}` };
    for (let round = 0; round < ROUNDS; round++) {
      const refused = await send('POST', path, headers(), LARGE_BODY);
      expect(refused.status).toBe(refusedWith);
      const next = await send('GET', round % 2 ? '/functions/v1/hpc-reports/health' : '/rest/v1/hpc_parameters?select=id&limit=1', normal);
      expect(next.status).toBe(200);
      expect(next.reused, 'the second request went over the kept-alive connection').toBe(true);
      expect(next.socket).toBe(refused.socket);
    }
  });
});
