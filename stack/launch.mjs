#!/usr/bin/env node
// Entry point for every npm script. Plain JavaScript on purpose: it must run on a fresh
// machine before any npm dependency exists. It installs them (quietly, only when the lock
// file changed) and hands over to the TypeScript command line.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const lockFile = join(root, 'package-lock.json');
const stampFile = join(root, 'node_modules', '.hpc-installed');

const manifestHash = () =>
  createHash('sha256')
    .update(readFileSync(join(root, 'package.json')))
    .update(readFileSync(lockFile))
    .digest('hex');

function ensureNpmDependencies() {
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === manifestHash()) return;
  console.log('Installing npm dependencies…');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    console.error('npm install failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampFile, manifestHash());
}

ensureNpmDependencies();
// `launch.mjs some/file.ts args…` runs that file; the stack's own words run its command line.
const [command = 'start', ...rest] = process.argv.slice(2);
const [entry, args] = command.endsWith('.ts')
  ? [join(root, command), rest]
  : command === 'test'
    ? [join(root, 'tests', 'run-all.ts'), rest]
    : [join(root, 'stack', 'cli.ts'), [command, ...rest]];
// TypeScript runs in one Node process with tsx as a loader, not under the tsx command: that
// wrapper SIGKILLs its child when the child does not acknowledge a Ctrl-C within 30 ms, which
// on a busy machine cut the stack's orderly shutdown short. The child gets the terminal's
// Ctrl-C itself and shuts down in order; this process only waits for it (passing on a signal
// sent to it alone) and passes its exit status on.
const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
