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
  createHash('sha256').update(readFileSync(join(root, 'package.json'))).update(readFileSync(lockFile)).digest('hex');

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
const [command = 'start', ...rest] = process.argv.slice(2);
const entry = command === 'test' ? join(root, 'tests', 'run-all.ts') : join(root, 'stack', 'cli.ts');
const args = command === 'test' ? rest : [command, ...rest];
const tsx = join(root, 'node_modules', '.bin', 'tsx');
// The child gets the terminal's Ctrl-C itself and shuts down in order; this process only
// waits for it (ignoring the signal) and passes its exit status on.
const child = spawn(tsx, [entry, ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
