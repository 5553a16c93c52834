// The whole local stack in one place: install, cluster, bootstrap, migrations + seed,
// functions, PostgREST, gateway. `start` brings it up and returns a handle that stops it again.
import type { Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSystemPackages } from './install.ts';
import { clusterExists, createCluster, startCluster, stopCluster } from './cluster.ts';
import { applyBootstrap } from './bootstrap.ts';
import { pushMigrations } from './migrations.ts';
import { listFunctions, startFunction, stopFunction, type RunningFunction } from './functions.ts';
import { startGateway } from './gateway.ts';
import { startPostgrest, stopPostgrest, type RunningPostgrest } from './postgrest.ts';
import postgres from 'postgres';
import { anonKey, apiKeyJwts, publishableKey, secretKey, serviceRoleKey, type TokenUser, userToken } from './keys.ts';
import { listDemoUsers } from './demo-users.ts';
import { hookedUserToken } from './access-token-hook.ts';
import { type StackSettings, apiUrl, dbUrl, JWT_SECRET } from './settings.ts';

export interface Credentials {
  apiUrl: string;
  dbUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  /** Supabase's newer keys for the same two roles (REST only, as hosted). */
  publishableKey: string;
  secretKey: string;
  users: { id: string; email: string; role: string; fullName: string; token: string }[];
}

export interface RunningStack {
  credentials: Credentials;
  functions: RunningFunction[];
  stop(): Promise<void>;
}

export type Log = (line: string) => void;

/** Cluster up, bootstrap loaded, migrations and seed applied. Leaves the cluster running. */
export async function prepareDatabase(s: StackSettings, log: Log): Promise<void> {
  await ensureSystemPackages(log);
  if (!clusterExists(s)) {
    log(`Creating the PostgreSQL 15 cluster in ${s.home}…`);
    await createCluster(s);
  }
  await startCluster(s);
  await applyBootstrap(s);
  await pushMigrations(dbUrl(s), { seed: true });
}

async function credentialsFor(s: StackSettings): Promise<Credentials> {
  const users = await listDemoUsers(dbUrl(s));
  return {
    apiUrl: apiUrl(s),
    dbUrl: dbUrl(s),
    anonKey: await anonKey(),
    serviceRoleKey: await serviceRoleKey(),
    publishableKey,
    secretKey,
    users: await demoTokens(dbUrl(s), users),
  };
}

/** The demo users' tokens as Supabase Auth would issue them: through the access token hook
 * once the migrations define it. */
async function demoTokens<U extends TokenUser>(url: string, users: U[]): Promise<(U & { token: string })[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [hook] = await sql`select to_regprocedure('private.custom_access_token_hook(jsonb)') is not null as present`;
    const issue = hook?.present ? (u: U) => hookedUserToken(sql, u) : (u: U) => userToken(u);
    const out: (U & { token: string })[] = [];
    for (const u of users) out.push({ ...u, token: await issue(u) });
    return out;
  } finally {
    await sql.end();
  }
}

/** `interrupted`: a Ctrl-C while starting; what did start is stopped again, nothing is left
 * running (functions and PostgREST run in their own process groups, out of the terminal's
 * reach). */
export async function startStack(s: StackSettings, log: Log, interrupted?: AbortSignal): Promise<RunningStack> {
  await prepareDatabase(s, log);
  const credentials = await credentialsFor(s);
  const env = {
    SUPABASE_URL: credentials.apiUrl,
    SUPABASE_DB_URL: credentials.dbUrl,
    SUPABASE_ANON_KEY: credentials.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: credentials.serviceRoleKey,
    SUPABASE_JWT_SECRET: JWT_SECRET,
  };
  const functions: RunningFunction[] = [];
  let rest: RunningPostgrest | undefined;
  let gateway: Server | undefined;
  const stop = async () => {
    await new Promise<void>((r) => (gateway ? gateway.close(() => r()) : r()));
    gateway?.closeAllConnections();
    await Promise.all([...functions.map(stopFunction), rest && stopPostgrest(rest)]);
    await stopCluster(s);
  };
  const stopIfInterrupted = () => {
    if (interrupted?.aborted) throw new Error('Interrupted while starting; everything started is stopped again.');
  };
  try {
    stopIfInterrupted();
    // Side by side; on a failure, everything that did start is stopped again.
    const outcomes = await Promise.allSettled([
      ...listFunctions().map((f) => startFunction(f, env).then((fn) => void functions.push(fn))),
      startPostgrest(s).then((r) => {
        rest = r;
      }),
    ]);
    const failure = outcomes.find((o) => o.status === 'rejected');
    if (failure) throw failure.reason;
    stopIfInterrupted();
    rest = rest!;
    gateway = await startGateway(s.apiPort, {
      functions,
      rest: { port: rest.port, apiKeys: await apiKeyJwts() },
    });
    stopIfInterrupted();
  } catch (error) {
    await stop();
    throw error;
  }
  mkdirSync(s.home, { recursive: true });
  writeFileSync(join(s.home, 'credentials.json'), JSON.stringify(credentials, null, 2));
  return { credentials, functions, stop };
}

export function banner(c: Credentials, functionNames: string[]): string {
  const lines = [
    '',
    'HPC local stack is running.',
    '',
    `  API URL           ${c.apiUrl}`,
    `  REST URL          ${c.apiUrl}/rest/v1`,
    ...functionNames.map((n) => `  Function          ${c.apiUrl}/functions/v1/${n}`),
    `  DB URL            ${c.dbUrl}`,
    `  anon key          ${c.anonKey}`,
    `  service_role key  ${c.serviceRoleKey}`,
    `  publishable key   ${c.publishableKey}`,
    `  secret key        ${c.secretKey}`,
    '',
  ];
  if (c.users.length) {
    lines.push('Demo users (access tokens valid 7 days; all of them in credentials.json):');
    for (const u of c.users) {
      lines.push(`  ${u.fullName} <${u.email}>, ${u.role}, ${u.id}`, `    ${u.token}`);
    }
    lines.push('');
  }
  lines.push('Press Ctrl-C to stop.');
  return lines.join('\n');
}
