// The rules for what runs on a shard beside the rows: policies and triggers.
import type { Catalog } from './catalog.ts';
import { codeOnly, qualified, writes } from './sql-text.ts';
import { calledReaders, perFunction, type Rule, tableReaders, tenantTables } from './rule.ts';

// `(select private.fn())` around a reader of the request context (no table read) is how a
// policy asks once per statement on one node; it reads no table, and the scale-out step
// removes the wrapper, which Citus refuses in a policy (docs/scale-out.md). Any other
// subquery breaks the rule.
const CONTEXT_WRAPPER = /\(\s*select\s+(private\.[a-z_]+)\(\)\s+as\s+[a-z_]+\)/g;

function otherSubqueries(text: string, catalog: Catalog, readers: Set<string>): boolean {
  const isContextReader = (fn: string) => catalog.functions.some((f) => f.signature === `${fn}()`) && !readers.has(`${fn}()`);
  return /\bselect\b/.test(text.replace(CONTEXT_WRAPPER, (m, fn: string) => (isContextReader(fn) ? fn : m)));
}

export const policiesReadNoTables: Rule = {
  name: 'policies read no tables',
  check(catalog) {
    const readers = tableReaders(catalog);
    return catalog.policies.flatMap((p) => {
      const text = p.expressions.toLowerCase();
      const helpers = calledReaders(text, catalog, readers);
      const subquery = p.hasSubquery && otherSubqueries(text, catalog, readers);
      if (!subquery && helpers.length === 0) return [];
      const why = [subquery ? 'a subquery' : '', helpers.length ? `helpers that read tables: ${helpers.join(', ')}` : ''];
      return [{ rule: this.name, object: `${p.table}: ${p.name}`, detail: why.filter(Boolean).join('; ') }];
    });
  },
};

export const triggersIgnoreTableName = perFunction('trigger functions do not read TG_TABLE_NAME', (f, code) =>
  f.returnsTrigger && /\btg_(?:table_name|relname)\b/.test(code)
    ? 'reads the name of the table it fires on: on Citus that is the shard (name it with TG_ARGV or a per-table function)'
    : null,
);

export const triggersWriteTheirTenant: Rule = {
  name: "triggers write only their own school's rows",
  check(catalog) {
    const tenant = tenantTables(catalog);
    const functions = new Map(catalog.functions.map((f) => [f.signature, f]));
    const onTenantTables = new Set(catalog.triggers.filter((t) => tenant.has(t.table)).map((t) => t.function));
    return [...onTenantTables].flatMap((signature) => {
      const f = functions.get(signature);
      if (!f) return [];
      return writes(codeOnly(f.source)).flatMap(({ table, statement }) => {
        const target = qualified(table);
        if (!tenant.has(target)) {
          return [
            {
              rule: this.name,
              object: signature,
              detail: `writes ${target}, which has no institution_id (a reference or global table on Citus)`,
            },
          ];
        }
        if (!/\binstitution_id\b/.test(statement)) {
          return [{ rule: this.name, object: signature, detail: `writes ${target} without naming institution_id` }];
        }
        return [];
      });
    });
  },
};

/** Each JOIN of a tenant table in `code` whose ON / USING does not mention institution_id. */
