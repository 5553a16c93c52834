// Serves every function in supabase/functions, each in its own Deno process with its own
// deno.json (as the edge runtime isolates them), on a free local port.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { projectRoot } from './settings.ts';
import { freePort, portOpen } from './net.ts';

export const functionsDir = join(projectRoot, 'supabase', 'functions');
// The binary itself, not the npm wrapper script: a signal to the wrapper would orphan Deno.
// The postinstall step puts it beside the wrapper; the platform package holds it otherwise.
export const denoBinary =
  [
    join(projectRoot, 'node_modules', 'deno', 'deno'),
    join(projectRoot, 'node_modules', '@deno', `${process.platform}-${process.arch === 'arm64' ? 'arm64' : 'x64'}-glibc`, 'deno'),
  ].find((path) => existsSync(path)) ?? 'deno';

export interface FunctionSpec {
  name: string;
  verifyJwt: boolean;
}

export interface RunningFunction extends FunctionSpec {
  port: number;
  process: ChildProcess;
}

/** Every folder with an index.ts (but `_shared`), with verify_jwt from config.toml (default on). */
export function listFunctions(): FunctionSpec[] {
  const config = parse(readFileSync(join(projectRoot, 'supabase', 'config.toml'), 'utf8')) as {
    functions?: Record<string, { verify_jwt?: boolean }>;
  };
  return readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(functionsDir, d.name, 'index.ts')))
    .map((d) => ({ name: d.name, verifyJwt: config.functions?.[d.name]?.verify_jwt ?? true }));
}

/** Deno reaches the npm registry here only through the system's certificate store. */
export function denoEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, DENO_TLS_CA_STORE: 'system', DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', ...extra };
}

export async function startFunction(spec: FunctionSpec, env: Record<string, string>, timeoutMs = 120_000): Promise<RunningFunction> {
  const port = await freePort();
  const dir = join(functionsDir, spec.name);
  const child = spawn(
    denoBinary,
    [
      'run',
      '--quiet',
      '--allow-net',
      '--allow-env',
      '--allow-read',
      '--no-prompt',
      '--config',
      join(dir, 'deno.json'),
      join(projectRoot, 'stack', 'deno-host.ts'),
      join(dir, 'index.ts'),
      String(port),
    ],
    // Its own process group, so that stopping it also stops anything it started.
    { cwd: projectRoot, env: denoEnv(env), stdio: ['ignore', 'inherit', 'pipe'], detached: true },
  );
  let errors = '';
  child.stderr?.on('data', (chunk) => {
    errors += chunk;
    process.stderr.write(`[${spec.name}] ${chunk}`);
  });
  const deadline = Date.now() + timeoutMs;
  while (!(await portOpen(port))) {
    if (child.exitCode !== null) throw new Error(`Function ${spec.name} exited while starting:\n${errors}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`Function ${spec.name} did not listen within ${timeoutMs / 1000}s.\n${errors}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...spec, port, process: child };
}

export function stopFunction(fn: RunningFunction): Promise<void> {
  return new Promise((resolveStop) => {
    if (fn.process.exitCode !== null || fn.process.signalCode !== null) return resolveStop();
    fn.process.once('exit', () => resolveStop());
    process.kill(-fn.process.pid!, 'SIGTERM');
  });
}
