// Formatters and linters: biome for the Node code (biome.jsonc), deno fmt and deno lint for the
// edge functions (supabase/functions/deno.jsonc). One case per check; a failing case says
// what to fix. `npm run format` writes what the two formatters check here.
import { join, relative } from 'node:path';
import { run, CommandError } from '../../stack/shell.ts';
import { projectRoot } from '../../stack/settings.ts';
import { denoBinary, denoEnv, functionsDir } from '../../stack/functions.ts';
import { result, type SuiteResult } from './suite.ts';

const biomeBinary = join(projectRoot, 'node_modules', '.bin', 'biome');
const denoConfig = join(functionsDir, 'deno.jsonc');

interface Check {
  label: string;
  cmd: string;
  args: string[];
  /** What the tool's output names to fix: files, or findings with their place. */
  findings: (output: string) => string[];
  heading: string;
}

const relativePath = (path: string) => relative(projectRoot, path.replace(/^file:\/\//, ''));
const sortedUnique = (lines: string[]) => [...new Set(lines)].sort();

// `--reporter=github` prints one `::error title=<rule>,file=<path>,line=<n>,…::<message>` line per finding.
const biomeFindings = (output: string) =>
  [...output.matchAll(/^::\w+ title=([^,]+),file=([^,]+),line=(\d+),[^\n]*?::(.*)$/gm)].map((m) => ({
    file: relativePath(m[2]!),
    line: `${relativePath(m[2]!)}:${m[3]} ${m[1]}: ${m[4]}`,
  }));
const biomeFiles = (output: string) => sortedUnique(biomeFindings(output).map((f) => f.file));
const biomeProblems = (output: string) => biomeFindings(output).map((f) => f.line);
// deno fmt --check prints `from <path>:` above each file's differences.
const denoFmtFiles = (output: string) => sortedUnique([...output.matchAll(/^from (.+):$/gm)].map((m) => relativePath(m[1]!)));
const denoLintProblems = (output: string) => {
  try {
    const report = JSON.parse(output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1)) as {
      diagnostics: { filename: string; range: { start: { line: number } }; code: string; message: string }[];
      errors: { file_path: string; message: string }[];
    };
    return [
      ...report.diagnostics.map((d) => `${relativePath(d.filename)}:${d.range.start.line} ${d.code}: ${d.message}`),
      ...report.errors.map((e) => `${relativePath(e.file_path)}: ${e.message}`),
    ];
  } catch {
    return [];
  }
};

const formatted = 'files not formatted (npm run format writes them)';
const linted = 'lint findings';
const checks: Check[] = [
  {
    label: 'biome format (Node code)',
    cmd: biomeBinary,
    args: ['format', '--reporter=github', '.'],
    findings: biomeFiles,
    heading: formatted,
  },
  {
    label: 'biome lint (Node code)',
    cmd: biomeBinary,
    args: ['lint', '--error-on-warnings', '--reporter=github', '.'],
    findings: biomeProblems,
    heading: linted,
  },
  {
    label: 'deno fmt --check (functions)',
    cmd: denoBinary,
    args: ['fmt', '--check', '--config', denoConfig],
    findings: denoFmtFiles,
    heading: formatted,
  },
  {
    label: 'deno lint (functions)',
    cmd: denoBinary,
    args: ['lint', '--json', '--config', denoConfig],
    findings: denoLintProblems,
    heading: linted,
  },
];

async function runCheck(check: Check) {
  try {
    await run(check.cmd, check.args, { cwd: projectRoot, env: denoEnv() });
    return { ok: true, label: check.label };
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    const findings = check.findings(error.output);
    const detail = findings.length > 0 ? `${check.heading}:\n${findings.join('\n')}` : error.output;
    return { ok: false, label: check.label, detail };
  }
}

export async function codeStyle(): Promise<SuiteResult> {
  const cases = [];
  for (const check of checks) cases.push(await runCheck(check));
  return result('code style', cases);
}

/** Rewrites the code as the formatters want it (what `biome format` and `deno fmt` check). */
export async function formatCode(): Promise<void> {
  await run(biomeBinary, ['format', '--write', '.'], { cwd: projectRoot, echo: true });
  await run(denoBinary, ['fmt', '--config', denoConfig], { cwd: projectRoot, env: denoEnv(), echo: true });
}
