// What a Citus-safety rule is, and what several rules share: the tenant tables, the
// functions that read tables, and a rule applied to each function's code.
import type { Catalog, DbFunction } from './catalog.ts';
import { codeOnly, functionCalls, functionName, relationsNamed } from './sql-text.ts';

export interface Violation {
  rule: string;
  /** The object that breaks the rule, as allow-list.ts names it. */
  object: string;
  detail: string;
}

export interface Rule {
  name: string;
  check(catalog: Catalog): Violation[];
}

export const NOW_LIKE =
  /\b(?:now\(\)|current_timestamp|current_date|localtimestamp|clock_timestamp\(\)|statement_timestamp\(\)|transaction_timestamp\(\))/;

export function tenantTables(catalog: Catalog): Set<string> {
  return new Set(catalog.relations.filter((r) => r.tenant).map((r) => r.name));
}

/** Functions whose code reads a table, directly or through another project function it calls. */
export function tableReaders(catalog: Catalog): Set<string> {
  const relations = new Set(catalog.relations.map((r) => r.name));
  const byName = new Map<string, DbFunction[]>();
  for (const f of catalog.functions) {
    const name = functionName(f.signature);
    byName.set(name, [...(byName.get(name) ?? []), f]);
  }
  const readsDirectly = (code: string) => relationsNamed(code).some((name) => relations.has(name) || name.startsWith('auth.'));
  const readers = new Set(catalog.functions.filter((f) => readsDirectly(codeOnly(f.source))).map((f) => f.signature));
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of catalog.functions) {
      if (readers.has(f.signature)) continue;
      const calls = functionCalls(codeOnly(f.source)).map((c) => c.name);
      if (calls.some((c) => (byName.get(c) ?? []).some((g) => readers.has(g.signature)))) {
        readers.add(f.signature);
        changed = true;
      }
    }
  }
  return readers;
}

export function calledReaders(text: string, catalog: Catalog, readers: Set<string>): string[] {
  const called = new Set(functionCalls(text).map((c) => c.name));
  return catalog.functions.filter((f) => readers.has(f.signature) && called.has(functionName(f.signature))).map((f) => f.signature);
}

/** A rule applied to each function's code, with what `prepare` reads from the catalog once. */
export function perFunctionIn<T>(
  rule: string,
  prepare: (catalog: Catalog) => T,
  test: (f: DbFunction, code: string, context: T) => string | null,
): Rule {
  return {
    name: rule,
    check: (catalog: Catalog) => {
      const context = prepare(catalog);
      return catalog.functions.flatMap((f) => {
        const detail = test(f, codeOnly(f.source), context);
        return detail ? [{ rule, object: f.signature, detail }] : [];
      });
    },
  };
}

export const perFunction = (rule: string, test: (f: DbFunction, code: string) => string | null) =>
  perFunctionIn(
    rule,
    () => undefined,
    (f, code) => test(f, code),
  );
