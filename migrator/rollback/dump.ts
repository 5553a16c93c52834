// `pg_dump --schema-only`, normalised, for the before/after comparison that proves a
// rollback brought the schema back: the runner's own ledger schema is left out, and the
// header lines that carry versions and timestamps are dropped.
import { run } from '../../stack/shell.ts';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

export async function schemaDump(url: string): Promise<string> {
  const out = await run(`${PG_BIN}/pg_dump`, ['--schema-only', '--no-comments', '--exclude-schema=hpc_migration', '-d', url]);
  return normaliseDump(out);
}

export function normaliseDump(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^-- (Dumped|Started|Completed)/.test(l))
    .filter((l) => !/^\\(un)?restrict /.test(l)) // pg_dump 15.14+ writes a random key here
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The lines only in a, and only in b (for a readable failure). */
export function dumpDifference(a: string, b: string): { onlyBefore: string[]; onlyAfter: string[] } {
  const la = a.split('\n');
  const lb = b.split('\n');
  const sb = new Set(lb);
  const sa = new Set(la);
  return { onlyBefore: la.filter((l) => !sb.has(l)), onlyAfter: lb.filter((l) => !sa.has(l)) };
}
