// Forwards one request to a local upstream (a function, PostgREST) and streams the answer
// back, keeping the caller's keep-alive connection usable whatever the upstream does with
// the request body. An upstream may answer before reading the body (a 415 or 401 on a large
// upload): its answer is passed on, the rest of the body is read and discarded so that the
// next request on the connection parses cleanly, and the half-used upstream connection is
// dropped, never the caller's.
import { Agent, request as forward, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

// Upstream connections are pooled. A pooled connection may have been closed by the upstream
// (after an idle while, or after it answered a request before reading all of its body: a
// 415 or 401 on an upload), and the request that meets it fails before any answer; such a
// request is sent once more on a fresh connection. That needs its whole body at hand, so a
// body up to MAX_RESENDABLE_BODY is read first and sent in one piece; a larger one, or one of
// unknown length, streams through on a connection of its own, never pooled. Sending every
// request with a body on a fresh connection instead cost each POST a connection set-up
// through Deno's and PostgREST's servers: 5-7 ms end to end against 2.7 ms for a GET.
const freshAgent = new Agent({ keepAlive: false });
const pooledAgent = new Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 });
const MAX_RESENDABLE_BODY = 1024 * 1024;

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Headers about one connection (RFC 9110 §7.6.1): each side of the gateway has its own. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

export function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const kept = { ...headers };
  for (const name of HOP_BY_HOP) delete kept[name];
  return kept;
}

export interface Upstream {
  port: number;
  path: string;
  headers: IncomingHttpHeaders;
  /** The response headers the caller gets, from the upstream's. */
  responseHeaders(upstream: IncomingHttpHeaders): IncomingHttpHeaders;
  /** Answers the caller when the upstream cannot be reached. */
  unavailable(): void;
}

/** Reads and discards what is left of a request body. */
export function drain(req: IncomingMessage): void {
  req.resume();
}

export function proxy(req: IncomingMessage, res: ServerResponse, to: Upstream): void {
  if (!hasBody(req)) {
    drain(req);
    sendWhole(res, to, req.method, undefined, true);
    return;
  }
  const length = Number(req.headers['content-length']);
  if (req.headers['transfer-encoding'] !== undefined || !(length <= MAX_RESENDABLE_BODY)) {
    forwardWithBody(req, res, to);
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.once('end', () => sendWhole(res, to, req.method, Buffer.concat(chunks), true));
  req.once('error', () => res.destroy());
}

/** Sends a request whose body (if any) is all in hand; pooled first, once more fresh. */
function sendWhole(res: ServerResponse, to: Upstream, method: string | undefined, body: Buffer | undefined, pooled: boolean): void {
  const upstream = forward(
    { host: '127.0.0.1', port: to.port, method, path: to.path, headers: endToEnd(to.headers), agent: pooled ? pooledAgent : freshAgent },
    (reply) => {
      res.writeHead(reply.statusCode ?? 502, to.responseHeaders(endToEnd(reply.headers)));
      reply.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) return void res.destroy();
    if (pooled && upstream.reusedSocket) return sendWhole(res, to, method, body, false);
    to.unavailable();
  });
  upstream.end(body);
}

function forwardWithBody(req: IncomingMessage, res: ServerResponse, to: Upstream): void {
  let answered = false;
  const upstream = forward(
    { host: '127.0.0.1', port: to.port, method: req.method, path: to.path, headers: endToEnd(to.headers), agent: freshAgent },
    (reply) => {
      res.writeHead(reply.statusCode ?? 502, to.responseHeaders(endToEnd(reply.headers)));
      reply.pipe(res);
      reply.once('end', () => {
        answered = true;
        if (upstream.writableFinished) return;
        // Answered before it had the whole body: this upstream connection is spent.
        req.unpipe(upstream);
        upstream.destroy();
        drain(req);
      });
    },
  );
  upstream.on('error', () => {
    // An upstream that closes its side after a complete answer has done its job.
    if (answered) return;
    req.unpipe(upstream);
    drain(req);
    if (!res.headersSent) to.unavailable();
    else res.destroy();
  });
  req.pipe(upstream);
}
