// The frontend's path to the scale cluster: the stack's own gateway (/rest/v1, Kong's key
// check; in its own process, gateway-process.ts) in front of the stack's own PostgREST 12.0.2, configured exactly as `npm start`
// configures it, and supabase-js clients made as a frontend makes them. Every request they
// send is recorded (method and URL) so that the results say what was measured.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import ws from 'ws';
import type { Database } from '../../supabase/functions/_shared/database.types.ts';
import type { GatewayRoutes } from '../../stack/gateway.ts';
import postgres from 'postgres';
import { hookedUserToken } from '../../stack/access-token-hook.ts';
import { anonKey, apiKeyJwts, serviceRoleKey, userToken } from '../../stack/keys.ts';
import { startPostgrest, stopPostgrest } from '../../stack/postgrest.ts';
import { apiUrl, dbUrl, JWT_SECRET, projectRoot, type StackSettings } from '../../stack/settings.ts';

export type Client = SupabaseClient<Database>;

export interface SentRequest {
  method: string;
  url: string;
}

export interface RestPath {
  apiUrl: string;
  /** A signed-in user: the anon key as `apikey`, their access token as `Authorization`,
   * issued through the access token hook unless the path was started without it. */
  userClient(id: string): Promise<Client>;
  /** A trusted server: the service_role key, past RLS. With `onBehalfOf`, its token also
   * names that user (`sub`), for functions that answer for the caller's school. */
  serviceClient(onBehalfOf?: string): Promise<Client>;
  /** The requests the clients sent, oldest first. */
  sent: SentRequest[];
  stop(): Promise<void>;
}

/** `tokens`: 'hook' issues user tokens as Supabase Auth does with the project's access token
 * hook (the request context inside), 'plain' as it does without one. */
export async function startRestPath(s: StackSettings, tokens: 'hook' | 'plain' = 'hook'): Promise<RestPath> {
  const keys = { anon: await anonKey(), service: await serviceRoleKey() };
  const db = postgres(dbUrl(s), { max: 1, onnotice: () => {} });
  const issue = (id: string) => {
    const user = { id, email: `${id}@scale.example` };
    return tokens === 'hook' ? hookedUserToken(db, user) : userToken(user);
  };
  const rest = await startPostgrest(s);
  let gateway: ChildProcess;
  try {
    gateway = await startGatewayProcess(s.apiPort, { functions: [], rest: { port: rest.port, apiKeys: await apiKeyJwts() } });
  } catch (error) {
    await stopPostgrest(rest);
    throw error;
  }
  const url = apiUrl(s);
  const sent: SentRequest[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    sent.push({ method: init?.method ?? 'GET', url: String(input instanceof Request ? input.url : input) });
    return fetch(input, init);
  };
  const make = (key: string, token: string): Client =>
    createClient<Database>(url, key, {
      auth: { persistSession: false, autoRefreshToken: false },
      // Node 20 has no global WebSocket; supabase-js's realtime client needs one.
      realtime: { transport: ws as never },
      global: { headers: { Authorization: `Bearer ${token}` }, fetch: recordingFetch },
    });
  return {
    apiUrl: url,
    sent,
    userClient: async (id) => make(keys.anon, await issue(id)),
    serviceClient: async (onBehalfOf) => make(keys.service, onBehalfOf ? await serviceTokenFor(onBehalfOf) : keys.service),
    stop: async () => {
      await new Promise<void>((r) => {
        gateway.once('exit', () => r());
        gateway.kill('SIGTERM');
      });
      await stopPostgrest(rest);
      await db.end();
    },
  };
}

/** The gateway in its own process (gateway-process.ts), once it listens. */
function startGatewayProcess(port: number, routes: GatewayRoutes): Promise<ChildProcess> {
  const entry = join(projectRoot, 'benchmarks', 'scale', 'gateway-process.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', entry, JSON.stringify([port, routes])], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the gateway process exited (${code}) before it listened`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
  });
}

/** The service_role key's claims plus a user's id. */
function serviceTokenFor(userId: string): Promise<string> {
  return new SignJWT({ iss: 'supabase-demo', role: 'service_role', sub: userId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setExpirationTime('1d')
    .sign(new TextEncoder().encode(JWT_SECRET));
}
