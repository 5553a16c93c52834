// TypeScript, strict: the Node side with tsc, each edge function (and the Deno host) with
// `deno check` under that function's own deno.json.
import { join } from 'node:path';
import { run, CommandError } from '../../stack/shell.ts';
import { projectRoot } from '../../stack/settings.ts';
import { denoBinary, denoEnv, functionsDir, listFunctions } from '../../stack/functions.ts';
import { result, type SuiteResult } from './suite.ts';

async function check(label: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv) {
  try {
    await run(cmd, args, { cwd: projectRoot, env });
    return { ok: true, label };
  } catch (error) {
    return { ok: false, label, detail: error instanceof CommandError ? error.output : String(error) };
  }
}

export async function typecheck(): Promise<SuiteResult> {
  const cases = [await check('tsc (stack, tests)', join(projectRoot, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', 'tsconfig.json'])];
  const denoCheck = (label: string, config: string, file: string) =>
    check(label, denoBinary, ['check', '--quiet', '--config', config, file], denoEnv());
  const functions = listFunctions();
  for (const fn of functions) {
    const dir = join(functionsDir, fn.name);
    cases.push(await denoCheck(`deno check ${fn.name}`, join(dir, 'deno.json'), join(dir, 'index.ts')));
  }
  // The host imports nothing, so any function's configuration checks it.
  const anyConfig = join(functionsDir, functions[0]!.name, 'deno.json');
  cases.push(await denoCheck('deno check stack/deno-host.ts', anyConfig, join(projectRoot, 'stack', 'deno-host.ts')));
  return result('typecheck', cases);
}
