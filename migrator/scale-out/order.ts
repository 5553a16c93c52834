// Parents before children: a table is placed once every table it references, and every
// table its triggers insert into, is placed.
// Among the tables ready at each step the global ones come first (reference tables must exist
// before a distributed table can reference them), then by name, so the order is stable.
import type { ForeignKey, Table } from './catalog.ts';

export interface Ordered {
  order: Table[];
  /** Tables on a foreign-key cycle, which no order places. */
  cyclic: Table[];
}

export function parentsFirst(tables: Table[], foreignKeys: ForeignKey[]): Ordered {
  const names = new Set(tables.map((t) => t.name));
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
  const link = (from: string, to: string) => {
    if (from !== to && names.has(from) && names.has(to)) parents.get(from)?.add(to);
  };
  for (const fk of foreignKeys) link(fk.from, fk.to);
  for (const t of tables) for (const target of t.triggerTargets) link(t.name, target);
  const placed = new Set<string>();
  const order: Table[] = [];
  const rank = (t: Table) => `${t.tenant ? 1 : 0} ${t.name}`;
  for (;;) {
    const ready = tables
      .filter((t) => !placed.has(t.name) && [...(parents.get(t.name) ?? [])].every((p) => placed.has(p)))
      .sort((a, b) => rank(a).localeCompare(rank(b)));
    const next = ready[0];
    if (!next) break;
    placed.add(next.name);
    order.push(next);
  }
  return { order, cyclic: tables.filter((t) => !placed.has(t.name)) };
}
