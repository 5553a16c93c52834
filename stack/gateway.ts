// The API gateway at :54321. Like Supabase's edge runtime in front of functions, it routes
// /functions/v1/<name>/... to the function, verifies the caller's JWT when the function has
// verify_jwt on, and answers CORS preflight requests itself.
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import { JWT_SECRET } from './settings.ts';

export interface Route {
  name: string;
  port: number;
  verifyJwt: boolean;
}

const secret = new TextEncoder().encode(JWT_SECRET);

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, x-client-info, apikey, content-type, x-request-id',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-expose-headers': 'x-request-id',
  'access-control-max-age': '86400',
};

function sendError(res: ServerResponse, status: number, code: string, message: string, requestId: string) {
  res.writeHead(status, { ...CORS_HEADERS, 'content-type': 'application/json', 'x-request-id': requestId });
  res.end(JSON.stringify({ error: { code, message, requestId } }));
}

type Verdict = { ok: true } | { ok: false; code: string; message: string };

async function verifyBearer(header: string | undefined): Promise<Verdict> {
  if (!header) return { ok: false, code: 'missing_authorization', message: 'Missing authorization header.' };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return { ok: false, code: 'invalid_authorization', message: 'Authorization header must be "Bearer <token>".' };
  try {
    await jwtVerify(match[1]!, secret, { algorithms: ['HS256'] });
    return { ok: true };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, code: 'jwt_expired', message: 'The token has expired.' };
    if (error instanceof joseErrors.JWSSignatureVerificationFailed)
      return { ok: false, code: 'invalid_jwt_signature', message: 'The token signature is invalid.' };
    return { ok: false, code: 'invalid_jwt', message: 'The token is malformed or not acceptable.' };
  }
}

async function handle(routes: Map<string, Route>, req: IncomingMessage, res: ServerResponse) {
  const requestId = randomUUID();
  const url = new URL(req.url ?? '/', 'http://gateway');
  if (req.method === 'OPTIONS') {
    res.writeHead(200, { ...CORS_HEADERS, 'content-type': 'text/plain' });
    return res.end('ok');
  }
  const match = /^\/functions\/v1\/([^/]+)(\/.*)?$/.exec(url.pathname);
  if (!match) return sendError(res, 404, 'not_found', `No API route ${url.pathname}.`, requestId);
  const route = routes.get(match[1]!);
  if (!route) return sendError(res, 404, 'function_not_found', `No function named ${match[1]}.`, requestId);

  if (route.verifyJwt) {
    const verdict = await verifyBearer(req.headers.authorization);
    if (!verdict.ok) return sendError(res, 401, verdict.code, verdict.message, requestId);
  }

  const upstream = forward(
    {
      host: '127.0.0.1',
      port: route.port,
      method: req.method,
      path: `/${route.name}${match[2] ?? ''}${url.search}`,
      headers: { ...req.headers, host: `127.0.0.1:${route.port}`, 'x-request-id': requestId },
    },
    (reply) => {
      res.writeHead(reply.statusCode ?? 502, { ...reply.headers, ...CORS_HEADERS });
      reply.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) sendError(res, 502, 'function_unavailable', `Function ${route.name} is not answering.`, requestId);
    else res.destroy();
  });
  req.pipe(upstream);
}

export function startGateway(port: number, routes: Route[]): Promise<Server> {
  const table = new Map(routes.map((r) => [r.name, r]));
  const server = createServer((req, res) => {
    handle(table, req, res).catch(() => sendError(res, 500, 'gateway_error', 'The gateway failed.', randomUUID()));
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveServer(server));
  });
}
