// Forwards one request to a local upstream (a function, PostgREST) and streams the answer
// back, keeping the caller's keep-alive connection usable whatever the upstream does with
// the request body. An upstream may answer before reading the body (a 415 or 401 on a large
// upload): its answer is passed on, the rest of the body is read and discarded so that the
// next request on the connection parses cleanly, and the half-used upstream connection is
// dropped, never the caller's.
import { Agent, request as forward, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

// A request with a body gets an upstream connection of its own: a pooled connection that the
// upstream closes after an early answer would otherwise be handed to the next request, which
// then fails (measured: 1 in 40 requests after a refused 200 KB body got a 502). Requests
// without a body (the reads, most of the traffic) reuse pooled connections; one that meets a
// pooled connection the upstream has just closed is sent again once on a fresh one, which is
// safe because it has no body and so was not half-sent.
const freshAgent = new Agent({ keepAlive: false });
const pooledAgent = new Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 });

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
  if (hasBody(req)) forwardWithBody(req, res, to);
  else forwardWithoutBody(req, res, to, true);
}

function forwardWithoutBody(req: IncomingMessage, res: ServerResponse, to: Upstream, mayRetry: boolean): void {
  const upstream = forward(
    { host: '127.0.0.1', port: to.port, method: req.method, path: to.path, headers: endToEnd(to.headers), agent: mayRetry ? pooledAgent : freshAgent },
    (reply) => {
      res.writeHead(reply.statusCode ?? 502, to.responseHeaders(endToEnd(reply.headers)));
      reply.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) return void res.destroy();
    if (mayRetry && upstream.reusedSocket) return forwardWithoutBody(req, res, to, false);
    to.unavailable();
  });
  upstream.end();
  drain(req);
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
