// The Citus-safety rules (tests/citus-safety/rules.ts) over the migrated schema: one case per
// rule, failing on each violation that tests/citus-safety/allow-list.ts does not name, and on
// each allow-list entry that no longer breaks its rule.
import postgres from 'postgres';
import { dbUrl, type StackSettings } from '../../stack/settings.ts';
import { readCatalog } from '../citus-safety/catalog.ts';
import { rules } from '../citus-safety/rules.ts';
import { allowList, isAllowed } from '../citus-safety/allow-list.ts';
import { result, type SuiteResult } from './suite.ts';

export async function citusSafety(s: StackSettings): Promise<SuiteResult> {
  const sql = postgres(dbUrl(s), { max: 1, onnotice: () => {} });
  try {
    const catalog = await readCatalog(sql);
    const cases = [];
    const found = new Set<string>();
    for (const rule of rules) {
      const violations = rule.check(catalog);
      for (const v of violations) found.add(`${v.rule}\n${v.object}`);
      // One case per object and finding, however many statements of a function repeat it.
      const failing = new Map(violations.filter((v) => !isAllowed(v.rule, v.object)).map((v) => [`${v.object} ${v.detail}`, v]));
      const allowed = new Set(violations.filter((v) => isAllowed(v.rule, v.object)).map((v) => v.object)).size;
      if (failing.size === 0) cases.push({ ok: true, label: `${rule.name}${allowed ? ` (${allowed} allow-listed)` : ''}` });
      for (const label of failing.keys()) cases.push({ ok: false, label: `${rule.name}: ${label}` });
    }
    for (const entry of allowList) {
      for (const object of entry.objects) {
        if (!found.has(`${entry.rule}\n${object}`)) {
          cases.push({ ok: false, label: `allow-list entry "${object}" no longer breaks "${entry.rule}": remove it` });
        }
      }
    }
    return result('Citus safety', cases);
  } finally {
    await sql.end();
  }
}
