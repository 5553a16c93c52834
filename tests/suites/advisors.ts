// Supabase's splinter lints (`supabase db advisors`) against the test database, failing on
// anything at WARN or above that suites/advisors-allowlist.toml does not name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { supabase } from '../../stack/migrations.ts';
import { dbUrl, projectRoot, type StackSettings } from '../../stack/settings.ts';
import { result, type SuiteResult } from './suite.ts';

interface Finding {
  name: string;
  level: string;
  detail: string;
  cacheKey: string;
}

/** One finding by its cache key, or one lint for a list of functions (the key of a function
 * lint hashes its source, which changes with every edit). */
interface AllowEntry {
  cache_key?: string;
  name?: string;
  functions?: string[];
}

const functionOf = (f: Finding) => /Function `([^`]+)`/.exec(f.detail)?.[1];

function allows(a: AllowEntry, f: Finding): boolean {
  if (a.cache_key) return a.cache_key === f.cacheKey;
  const fn = functionOf(f);
  return a.name === f.name && fn !== undefined && (a.functions ?? []).includes(fn);
}

function allowList(): AllowEntry[] {
  const file = join(projectRoot, 'tests', 'suites', 'advisors-allowlist.toml');
  const parsed = parse(readFileSync(file, 'utf8')) as { allow?: AllowEntry[] };
  return parsed.allow ?? [];
}

export async function findings(s: StackSettings): Promise<Finding[]> {
  const out = await supabase(['db', 'advisors', `--remote=${dbUrl(s)}`, '--yes', '--level', 'warn', '--output-format', 'json']);
  return (JSON.parse(out) as { results: Finding[] }).results;
}

export async function advisors(s: StackSettings): Promise<SuiteResult> {
  const found = await findings(s);
  const allowed = allowList();
  const cases = found.map((f) => ({
    ok: allowed.some((a) => allows(a, f)),
    label: `${f.level} ${f.name} (${f.cacheKey}): ${f.detail}`,
  }));
  for (const entry of allowed) {
    if (entry.cache_key && !found.some((f) => f.cacheKey === entry.cache_key)) {
      cases.push({ ok: false, label: `allow-list entry ${entry.cache_key} no longer reported: remove it` });
    }
    for (const fn of entry.functions ?? []) {
      if (!found.some((f) => f.name === entry.name && functionOf(f) === fn)) {
        cases.push({ ok: false, label: `allow-list entry ${entry.name} ${fn} no longer reported: remove it` });
      }
    }
  }
  if (cases.length === 0) cases.push({ ok: true, label: 'no findings at WARN or above' });
  return result('advisors', cases);
}
