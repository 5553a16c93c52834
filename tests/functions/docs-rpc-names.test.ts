// The docs' rpc examples run as written: every function a doc page calls with supabase-js
// `rpc('name', { ... })`, or lists as `name(p_a, p_b?)` in a table, exists in `public` with
// exactly those argument names (a wrong name is a 404 PGRST202 through PostgREST).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as openSql } from '../support/test-stack.ts';
import { projectRoot } from '../../stack/settings.ts';

let sql: postgres.Sql;
beforeAll(() => {
  sql = openSql();
});
afterAll(async () => {
  await sql?.end();
});

interface Use {
  file: string;
  fn: string;
  args: string[];
}

function docUses(): Use[] {
  const files = [
    join(projectRoot, 'README.md'),
    ...readdirSync(join(projectRoot, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => join(projectRoot, 'docs', f)),
  ];
  const uses: Use[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = file.slice(projectRoot.length + 1);
    // supabase.rpc('fn') / rpc('fn', { p_a: …, p_b: … })
    for (const m of text.matchAll(/rpc\('(\w+)'(?:,\s*\{([^}]*)\})?/g)) {
      const args = [...(m[2] ?? '').matchAll(/(\w+)\s*:/g)].map((a) => a[1]!);
      uses.push({ file: name, fn: m[1]!, args });
    }
    // table rows: | `hpc_fn(p_a, p_b?) → …` |
    for (const m of text.matchAll(/\|\s*`(hpc_\w+)\(([^)]*)\)/g)) {
      const args = m[2]!
        .split(',')
        .map((a) => a.trim().replace(/\?$/, ''))
        .filter(Boolean);
      uses.push({ file: name, fn: m[1]!, args });
    }
  }
  return uses;
}

describe('rpc calls in the docs', () => {
  it('name functions and arguments that exist', async () => {
    const uses = docUses();
    expect(uses.length).toBeGreaterThan(10);
    const rows = await sql<{ name: string; args: string[] | null }[]>`
      select p.proname as name, coalesce(array(select a.n from unnest(p.proargnames, p.proargmodes) as a (n, m)
                                              where m is null or m in ('i', 'b')), p.proargnames) as args
      from pg_catalog.pg_proc as p where p.pronamespace = 'public'::regnamespace`;
    const wrong: string[] = [];
    for (const u of uses) {
      const candidates = rows.filter((r) => r.name === u.fn);
      const fits = candidates.some((r) => u.args.every((a) => (r.args ?? []).includes(a)));
      if (!fits) wrong.push(`${u.file}: ${u.fn}(${u.args.join(', ')})`);
    }
    expect(wrong).toEqual([]);
  });
});
