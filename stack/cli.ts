// npm start | stop | run db:reset | run status: the local stack's command line.
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { banner, prepareDatabase, startStack, type RunningStack } from './stack.ts';
import { clusterExists, destroyCluster, isRunning, stopCluster } from './cluster.ts';
import { type StackSettings, stackSettings, pidFile, dbUrl, apiUrl } from './settings.ts';
import { generateTypes, typesFile } from './types.ts';

const log = (line: string) => console.log(line);

function runningStackPid(s: StackSettings): number | null {
  if (!existsSync(pidFile(s))) return null;
  const pid = Number(readFileSync(pidFile(s), 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function start(s: StackSettings) {
  const other = runningStackPid(s);
  if (other) throw new Error(`The stack already runs (pid ${other}); stop it with npm run stop.`);
  const began = Date.now();
  // Listening from the start: a Ctrl-C while the stack comes up stops what already runs.
  const interrupted = new AbortController();
  let stack: RunningStack | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`\n${signal}: stopping the functions, PostgREST and the database…`);
    await stack!.stop();
    rmSync(pidFile(s), { force: true });
    log('Stopped.');
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals) => (stack ? void shutdown(signal) : interrupted.abort());
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  stack = await startStack(s, log, interrupted.signal);
  mkdirSync(s.home, { recursive: true });
  writeFileSync(pidFile(s), String(process.pid));
  log(
    banner(
      stack.credentials,
      stack.functions.map((f) => f.name),
    ),
  );
  log(`Ready in ${((Date.now() - began) / 1000).toFixed(1)} s.`);
}

async function waitUntilGone(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The stack (pid ${pid}) did not stop within ${timeoutMs / 1000}s.`);
}

async function stop(s: StackSettings) {
  const pid = runningStackPid(s);
  if (pid) {
    process.kill(pid, 'SIGTERM');
    await waitUntilGone(pid, 60_000);
  }
  await stopCluster(s);
  rmSync(pidFile(s), { force: true });
  log('The local stack is stopped.');
}

async function reset(s: StackSettings) {
  if (runningStackPid(s)) throw new Error('The stack is running: stop it first (npm run stop), then reset.');
  log('Resetting the database to the migrations and the seed…');
  await destroyCluster(s);
  await prepareDatabase(s, log);
  await stopCluster(s);
  log('Done: the database holds exactly the migrations and the seed.');
}

async function status(s: StackSettings) {
  const pid = runningStackPid(s);
  const dbUp = await isRunning(s);
  log(`cluster      ${clusterExists(s) ? s.home : 'not created yet'}`);
  log(`database     ${dbUp ? `running at ${dbUrl(s)}` : 'stopped'}`);
  log(`functions    ${pid ? `served at ${apiUrl(s)}/functions/v1 (pid ${pid})` : 'not served'}`);
  log(`rest         ${pid ? `served at ${apiUrl(s)}/rest/v1 (PostgREST on port ${s.restPort})` : 'not served'}`);
  if (!dbUp) return;
  const sql = postgres(dbUrl(s), { max: 1, onnotice: () => {} });
  try {
    const applied = await sql`select version, name from supabase_migrations.schema_migrations order by version`;
    log(`migrations   ${applied.length} applied${applied.length ? `, last ${applied.at(-1)!.version} ${applied.at(-1)!.name}` : ''}`);
  } catch {
    log('migrations   none applied');
  } finally {
    await sql.end();
  }
  if (pid) log(`credentials  ${join(s.home, 'credentials.json')}`);
}

/** Regenerates supabase/functions/_shared/database.types.ts from the migrated schema. */
async function types(s: StackSettings) {
  const wasRunning = await isRunning(s);
  await prepareDatabase(s, log);
  writeFileSync(typesFile, await generateTypes(dbUrl(s)));
  if (!wasRunning) await stopCluster(s);
  log(`Wrote ${typesFile}.`);
}

const commands: Record<string, (s: StackSettings) => Promise<void>> = { start, stop, reset, status, types };
const name = process.argv[2] ?? 'start';
const command = commands[name];
if (!command) {
  console.error(`Unknown command "${name}". Use one of: ${Object.keys(commands).join(', ')}.`);
  process.exit(2);
}
command(stackSettings()).catch((error: Error) => {
  console.error(`\n${name} failed: ${error.message}`);
  process.exit(1);
});
