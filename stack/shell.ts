// Running other programs: quietly, with their output kept for the error message when they fail.
import { spawn, type SpawnOptions } from 'node:child_process';

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`${command} exited with ${code}\n${output.trim()}`);
  }
}

export interface RunOptions extends SpawnOptions {
  /** Stream the output to the terminal instead of keeping it. */
  echo?: boolean;
  input?: string;
}

/** Runs a command to completion; resolves with its standard output, rejects on a non-zero exit
 * with everything it printed. */
export function run(cmd: string, args: string[], options: RunOptions = {}): Promise<string> {
  const { echo = false, input, ...spawnOptions } = options;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, {
      ...spawnOptions,
      stdio: [input === undefined ? 'ignore' : 'pipe', echo ? 'inherit' : 'pipe', echo ? 'inherit' : 'pipe'],
    });
    let stdout = '';
    let output = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => (output += chunk));
    if (input !== undefined) child.stdin?.end(input);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(stdout);
      else reject(new CommandError([cmd, ...args].join(' '), code, output));
    });
  });
}

export const isRoot = () => process.getuid?.() === 0;
