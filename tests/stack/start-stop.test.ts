// The real `npm start` as a developer runs it: comes up, serves, stops on Ctrl-C, and the
// next start keeps the data. Runs its own stack (own folder and ports) beside the test stack.
import { describe, expect, it, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { projectRoot } from '../../stack/settings.ts';
import { portOpen } from '../../stack/net.ts';
import { testPort } from '../support/ports.ts';

const home = join(projectRoot, '.local', 'test-start-stop');
const dbPort = testPort(54352);
const apiPort = testPort(54351);
const restPort = testPort(54353);
const env = {
  ...process.env,
  HPC_STACK_HOME: home,
  HPC_DB_PORT: String(dbPort),
  HPC_API_PORT: String(apiPort),
  HPC_REST_PORT: String(restPort),
  HPC_THROWAWAY: '1',
};
const dbUrl = `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres`;

/** Stacks still running: a failed expectation must not leave one behind. */
const running = new Set<ChildProcess>();

function launch(): { child: ChildProcess; output: () => string } {
  // Its own process group, so a Ctrl-C can be sent to the whole group as a terminal does.
  const child = spawn('npm', ['start'], { cwd: projectRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.stdout!.once('close', () => running.delete(child));
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  return { child, output: () => output };
}

function startStack(): Promise<{ child: ChildProcess; output: () => string; seconds: number }> {
  const began = Date.now();
  const { child, output } = launch();
  return new Promise((resolveStart, reject) => {
    const timer = setInterval(() => {
      if (output().includes('Press Ctrl-C to stop.')) {
        clearInterval(timer);
        resolveStart({ child, output, seconds: (Date.now() - began) / 1000 });
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`npm start exited with ${code}:\n${output()}`));
    });
  });
}

/** Every live process of this stack: its own settings are in their environment (npm, the
 * command line and Deno inherit HPC_API_PORT; PostgREST gets only its PGRST_* settings). */
function stackProcesses(): string[] {
  const marks = [`HPC_API_PORT=${apiPort}\0`, `PGRST_SERVER_PORT=${restPort}\0`];
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .flatMap((pid) => {
      try {
        const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
        return marks.some((mark) => environ.includes(mark)) ? [readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Not reached within ${timeoutMs / 1000}s.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const serviceKeyOf = (output: string) => /service_role key\s+(\S+)/.exec(output)![1]!;

/** Ctrl-C to the whole process group; resolves when every process holding the output has
 * exited (npm itself dies of the signal, as in a terminal; the stack shuts down in order). */
function ctrlC(child: ChildProcess): Promise<void> {
  return new Promise((resolveClosed) => {
    child.stdout!.once('close', () => resolveClosed());
    process.kill(-child.pid!, 'SIGINT');
  });
}

afterAll(async () => {
  await Promise.all([...running].map(ctrlC));
  rmSync(home, { recursive: true, force: true });
});

describe('npm start', () => {
  it('comes up, stops on Ctrl-C, and keeps the data on the next start', async () => {
    rmSync(home, { recursive: true, force: true });
    const first = await startStack();
    console.log(`cold start: ${first.seconds.toFixed(1)} s`);
    expect(first.output()).toContain(`API URL           http://127.0.0.1:${apiPort}`);
    expect(first.output()).toContain('anon key');
    expect(first.output()).toContain('service_role key');
    expect(first.output()).toContain(`REST URL          http://127.0.0.1:${apiPort}/rest/v1`);

    const health = await fetch(`http://127.0.0.1:${apiPort}/functions/v1/hpc-reports/health`);
    expect(health.status).toBe(401);
    const rest = await fetch(`http://127.0.0.1:${apiPort}/rest/v1/institutions?select=id`, {
      headers: { apikey: serviceKeyOf(first.output()) },
    });
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as unknown[]).length).toBeGreaterThan(0);

    const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
    await sql`create table public.kept_across_restarts (note text)`;
    await sql`insert into public.kept_across_restarts values ('still here')`;
    await sql.end();

    await ctrlC(first.child);
    expect(first.output()).toContain('Stopped.');
    expect(await portOpen(dbPort)).toBe(false);
    expect(await portOpen(apiPort)).toBe(false);
    expect(await portOpen(restPort), 'PostgREST stopped with the stack').toBe(false);

    const second = await startStack();
    console.log(`warm start: ${second.seconds.toFixed(1)} s`);
    const again = postgres(dbUrl, { max: 1, onnotice: () => {} });
    const rows = await again`select note from public.kept_across_restarts`;
    await again.end();
    expect(rows.map((r) => r.note)).toEqual(['still here']);
    await ctrlC(second.child);
    expect(second.output()).toContain('Stopped.');
    expect(stackProcesses()).toEqual([]);
  }, 240_000);

  it('leaves nothing running after a Ctrl-C while it starts', async () => {
    const starting = launch();
    // PostgREST and the functions are being started, in their own process groups.
    await until(() => portOpen(restPort), 120_000);
    await ctrlC(starting.child);
    expect(starting.output()).not.toContain('Press Ctrl-C to stop.');
    expect(stackProcesses()).toEqual([]);
    for (const port of [dbPort, apiPort, restPort]) expect(await portOpen(port), `port ${port}`).toBe(false);
  }, 240_000);
});
