// The gateway's upstream connections: requests reuse pooled connections, and one that meets a
// pooled connection the upstream has dropped (as PostgREST or a function host do when they
// restart, time an idle connection out or close one after answering an upload early) is sent
// again, body and all; a body over 1 MB streams through on a connection of its own. Runs against a plain Node
// upstream that can be told to drop every connection once it has served one request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxy } from '../../stack/proxy.ts';

let upstream: Server;
let gateway: Server;
let upstreamConnections = 0;
let dropAfterOneRequest = false;
const served = new WeakMap<object, number>();

const portOf = (server: Server) => (server.address() as AddressInfo).port;
const listen = (server: Server) => new Promise<void>((done) => server.listen(0, '127.0.0.1', done));

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const count = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, count);
    if (dropAfterOneRequest && count > 1) return void req.socket.destroy();
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => res.end(JSON.stringify({ method: req.method, url: req.url, body })));
  });
  upstream.on('connection', () => upstreamConnections++);
  await listen(upstream);
  gateway = createServer((req, res) =>
    proxy(req, res, {
      port: portOf(upstream),
      path: req.url ?? '/',
      headers: req.headers,
      responseHeaders: (headers) => headers,
      unavailable: () => res.writeHead(502).end(),
    }),
  );
  await listen(gateway);
});

afterAll(() => {
  gateway?.close();
  upstream?.close();
});

function send(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolveAnswer, reject) => {
    const req = request(
      { host: '127.0.0.1', port: portOf(gateway), method, path, headers: body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('gateway upstream connections', () => {
  it('reads share pooled upstream connections', async () => {
    const before = upstreamConnections;
    for (let i = 0; i < 50; i++) expect((await send('GET', `/read/${i}`)).status).toBe(200);
    expect(upstreamConnections - before).toBeLessThanOrEqual(2);
  });

  it('a read meeting a pooled connection the upstream has dropped is still answered', async () => {
    dropAfterOneRequest = true;
    try {
      for (let i = 0; i < 20; i++) {
        const answer = await send('GET', `/read/${i}`);
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.text).url).toBe(`/read/${i}`);
      }
    } finally {
      dropAfterOneRequest = false;
    }
  });

  it('writes share pooled upstream connections and their bodies arrive whole', async () => {
    const before = upstreamConnections;
    for (let i = 0; i < 10; i++) {
      const answer = await send('POST', '/write', JSON.stringify({ i }));
      expect(JSON.parse(answer.text)).toEqual({ method: 'POST', url: '/write', body: JSON.stringify({ i }) });
    }
    expect(upstreamConnections - before).toBeLessThanOrEqual(2);
  });

  it('a write meeting a pooled connection the upstream has dropped is sent again, body and all', async () => {
    dropAfterOneRequest = true;
    try {
      for (let i = 0; i < 20; i++) {
        const answer = await send('POST', `/write/${i}`, JSON.stringify({ i, text: 'x'.repeat(i * 1000) }));
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.text)).toEqual({
          method: 'POST',
          url: `/write/${i}`,
          body: JSON.stringify({ i, text: 'x'.repeat(i * 1000) }),
        });
      }
    } finally {
      dropAfterOneRequest = false;
    }
  });

  it('a body over 1 MB streams through on a connection of its own', async () => {
    const before = upstreamConnections;
    const large = 'y'.repeat(1024 * 1024 + 1);
    for (let i = 0; i < 3; i++) expect(JSON.parse((await send('POST', '/upload', large)).text).body).toHaveLength(large.length);
    expect(upstreamConnections - before).toBe(3);
  });
});
