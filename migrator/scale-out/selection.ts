// --only: scale out a subset of the tables (a trial on a copy, or one wave at a time). A
// table outside the subset counts as the local table it then stays, so a selected table that
// references it is refused, as Citus would.
import type { ScaleOutCatalog } from './catalog.ts';

const matcher = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

export function selectTables(catalog: ScaleOutCatalog, patterns: string[]): ScaleOutCatalog {
  if (patterns.length === 0) return catalog;
  const matchers = patterns.map(matcher);
  const selected = (name: string) => matchers.some((m) => m.test(name));
  return { ...catalog, tables: catalog.tables.filter((t) => selected(t.name)), localTables: catalog.localTables.filter(selected) };
}
