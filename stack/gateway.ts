// The API gateway at :54321, in the place of Supabase's Kong and edge runtime:
// - /functions/v1/<name>/... goes to the function, after verifying the caller's JWT when the
//   function has verify_jwt on;
// - /rest/v1/... goes to PostgREST, after Kong's API key check (an `apikey` header or query
//   parameter holding one of the project's keys: the anon or service_role JWT, or the newer
//   publishable or secret key, which stand for them); without a user's token in
//   Authorization, the key's JWT is the bearer token;
// - CORS preflight requests are answered here.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { verifyBearer } from './jwt-verify.ts';
import { drain, proxy } from './proxy.ts';

export interface FunctionRoute {
  name: string;
  port: number;
  verifyJwt: boolean;
}

export interface RestRoute {
  port: number;
  /** The keys Kong accepts in `apikey`, each with the JWT PostgREST gets for it when the
   * request carries no user token: the anon and service_role keys stand for themselves, the
   * publishable and secret keys for them. */
  apiKeys: Record<string, string>;
}

export interface GatewayRoutes {
  functions: FunctionRoute[];
  rest?: RestRoute;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, x-client-info, apikey, content-type, x-request-id',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-expose-headers': 'x-request-id',
  'access-control-max-age': '86400',
};

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, requestId: string) {
  // The body is not read: discard it so that the connection can carry the next request.
  drain(req);
  res.writeHead(status, { ...CORS_HEADERS, 'content-type': 'application/json', 'x-request-id': requestId });
  res.end(JSON.stringify(body));
}

function sendError(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string, requestId: string) {
  send(req, res, status, { error: { code, message, requestId } }, requestId);
}

/** Like Kong's CORS plugin: a preflight is allowed the headers it asks for. */
function preflight(req: IncomingMessage, res: ServerResponse) {
  const asked = req.headers['access-control-request-headers'];
  drain(req);
  res.writeHead(200, {
    ...CORS_HEADERS,
    ...(asked ? { 'access-control-allow-headers': asked } : {}),
    'content-type': 'text/plain',
  });
  res.end('ok');
}

/** As Kong does: the address the request came from appended to any x-forwarded-for it brought,
 * so that a function sees its client (hpc-shared-card rate-limits by it). */
function forwardedFor(req: IncomingMessage): string {
  const earlier = req.headers['x-forwarded-for'];
  return [...(Array.isArray(earlier) ? earlier : earlier ? [earlier] : []), req.socket.remoteAddress ?? 'unknown'].join(', ');
}

function queryWithout(query: string, name: string): string {
  const kept = query.split('&').filter((part) => part && part.split('=')[0] !== name);
  return kept.length ? `?${kept.join('&')}` : '';
}

async function handleFunction(routes: Map<string, FunctionRoute>, req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
  const match = /^\/functions\/v1\/([^/]+)(\/.*)?$/.exec(url.pathname)!;
  const route = routes.get(match[1]!);
  if (!route) return sendError(req, res, 404, 'function_not_found', `No function named ${match[1]}.`, requestId);
  if (route.verifyJwt) {
    const verdict = await verifyBearer(req.headers.authorization);
    if (!verdict.ok) return sendError(req, res, 401, verdict.code, verdict.message, requestId);
  }
  proxy(req, res, {
    port: route.port,
    path: `/${route.name}${match[2] ?? ''}${url.search}`,
    headers: {
      ...req.headers,
      host: `127.0.0.1:${route.port}`,
      'x-request-id': requestId,
      'x-forwarded-for': forwardedFor(req),
      // Deno.serve compresses a JSON answer when the client accepts it, which Supabase's edge
      // runtime leaves to the CDN in front of it. On this local hop it cost every answer about
      // 0.7 ms at each end (a 200-byte error as much as a 45 KiB card), so the function is
      // asked for the body as it is, as the hosted runtime gives it.
      'accept-encoding': 'identity',
    },
    responseHeaders: (headers) => ({ ...headers, ...CORS_HEADERS }),
    unavailable: () => sendError(req, res, 502, 'function_unavailable', `Function ${route.name} is not answering.`, requestId),
  });
}

function handleRest(rest: RestRoute, req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
  const header = req.headers.apikey;
  const apikey = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('apikey');
  // Kong's own answers, word for word, so a frontend sees what it would see hosted.
  if (!apikey) {
    return send(
      req,
      res,
      401,
      { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' },
      requestId,
    );
  }
  const keyJwt = Object.hasOwn(rest.apiKeys, apikey) ? rest.apiKeys[apikey] : undefined;
  if (!keyJwt) {
    return send(
      req,
      res,
      401,
      { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' },
      requestId,
    );
  }
  // A client that has no session sends its key as the bearer token too; a publishable or
  // secret key is no JWT, so it is replaced by the one it stands for. A user's token passes.
  const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const authorization =
    req.headers.authorization === undefined
      ? `Bearer ${keyJwt}`
      : bearer !== undefined && Object.hasOwn(rest.apiKeys, bearer)
        ? `Bearer ${rest.apiKeys[bearer]}`
        : req.headers.authorization;
  const headers: IncomingHttpHeaders = {
    ...req.headers,
    authorization,
    host: `127.0.0.1:${rest.port}`,
    'x-request-id': requestId,
  };
  // The path and query as sent (PostgREST's filters), less Kong's key parameter.
  const [rawPath = '', rawQuery = ''] = (req.url ?? '').split(/\?(.*)/s);
  proxy(req, res, {
    port: rest.port,
    path: `${rawPath.slice('/rest/v1'.length) || '/'}${queryWithout(rawQuery, 'apikey')}`,
    headers,
    // PostgREST's own CORS headers (it exposes Content-Range for counts) win over ours.
    responseHeaders: (upstream) => ({ ...CORS_HEADERS, 'x-request-id': requestId, ...upstream }),
    unavailable: () => send(req, res, 503, { message: 'PostgREST is not answering.', code: 'rest_unavailable' }, requestId),
  });
}

async function handle(routes: GatewayRoutes, functions: Map<string, FunctionRoute>, req: IncomingMessage, res: ServerResponse) {
  const requestId = randomUUID();
  const url = new URL(req.url ?? '/', 'http://gateway');
  if (req.method === 'OPTIONS') return preflight(req, res);
  if (/^\/functions\/v1\/[^/]+/.test(url.pathname)) return handleFunction(functions, req, res, url, requestId);
  if (routes.rest && (url.pathname === '/rest/v1' || url.pathname.startsWith('/rest/v1/'))) {
    return handleRest(routes.rest, req, res, url, requestId);
  }
  return sendError(req, res, 404, 'not_found', `No API route ${url.pathname}.`, requestId);
}

export function startGateway(port: number, routes: GatewayRoutes): Promise<Server> {
  const functions = new Map(routes.functions.map((r) => [r.name, r]));
  const server = createServer((req, res) => {
    handle(routes, functions, req, res).catch(() => sendError(req, res, 500, 'gateway_error', 'The gateway failed.', randomUUID()));
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveServer(server));
  });
}
