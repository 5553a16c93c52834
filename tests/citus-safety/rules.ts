// The Citus-safety rules: what keeps the database code working when the tenant tables are
// distributed by institution_id (docs/scale-out.md). Each rule reads the catalog and names
// the objects that break it; `npm test` fails on any not in allow-list.ts.
import type { Catalog, DbFunction } from './catalog.ts';
import { codeOnly, qualified, untilClause, untilClose, writes } from './sql-text.ts';

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

const NOW_LIKE =
  /\b(?:now\(\)|current_timestamp|current_date|localtimestamp|clock_timestamp\(\)|statement_timestamp\(\)|transaction_timestamp\(\))/;

function tenantTables(catalog: Catalog): Set<string> {
  return new Set(catalog.relations.filter((r) => r.tenant).map((r) => r.name));
}

/** Functions whose code reads a table, directly or through another project function it calls. */
function tableReaders(catalog: Catalog): Set<string> {
  const relations = new Set(catalog.relations.map((r) => r.name));
  const byName = new Map<string, DbFunction[]>();
  for (const f of catalog.functions) {
    const name = f.signature.slice(0, f.signature.indexOf('('));
    byName.set(name, [...(byName.get(name) ?? []), f]);
  }
  const readsDirectly = (code: string) =>
    [...code.matchAll(/\b(?:from|join)\s+([a-z_][\w$]*\.[a-z_][\w$]*)\b(?!\s*\()/g)].some(
      (m) => relations.has(m[1]!) || m[1]!.startsWith('auth.'),
    );
  const readers = new Set(catalog.functions.filter((f) => readsDirectly(codeOnly(f.source))).map((f) => f.signature));
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of catalog.functions) {
      if (readers.has(f.signature)) continue;
      const calls = [...codeOnly(f.source).matchAll(/\b([a-z_]+\.[a-z_]\w*)\s*\(/g)].map((m) => m[1]!);
      if (calls.some((c) => (byName.get(c) ?? []).some((g) => readers.has(g.signature)))) {
        readers.add(f.signature);
        changed = true;
      }
    }
  }
  return readers;
}

function calledReaders(text: string, catalog: Catalog, readers: Set<string>): string[] {
  const called = new Set([...text.matchAll(/\b([a-z_]+\.[a-z_]\w*)\s*\(/g)].map((m) => m[1]!));
  return catalog.functions
    .filter((f) => readers.has(f.signature) && called.has(f.signature.slice(0, f.signature.indexOf('('))))
    .map((f) => f.signature);
}

const perFunction = (rule: string, test: (f: DbFunction, code: string) => string | null) => ({
  name: rule,
  check: (catalog: Catalog) =>
    catalog.functions.flatMap((f) => {
      const detail = test(f, codeOnly(f.source));
      return detail ? [{ rule, object: f.signature, detail }] : [];
    }),
});

// `(select private.fn())` around a reader of the request context (no table read) is how a
// policy asks once per statement on one node; it reads no table, and the scale-out step
// removes the wrapper, which Citus refuses in a policy (docs/scale-out.md). Any other
// subquery breaks the rule.
const CONTEXT_WRAPPER = /\(\s*select\s+(private\.[a-z_]+)\(\)\s+as\s+[a-z_]+\)/g;

function otherSubqueries(text: string, catalog: Catalog, readers: Set<string>): boolean {
  const isContextReader = (fn: string) => catalog.functions.some((f) => f.signature === `${fn}()`) && !readers.has(`${fn}()`);
  return /\bselect\b/.test(text.replace(CONTEXT_WRAPPER, (m, fn: string) => (isContextReader(fn) ? fn : m)));
}

const policiesReadNoTables: Rule = {
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

const triggersIgnoreTableName = perFunction('trigger functions do not read TG_TABLE_NAME', (f, code) =>
  f.returnsTrigger && /\btg_(?:table_name|relname)\b/.test(code)
    ? 'reads the name of the table it fires on: on Citus that is the shard (name it with TG_ARGV or a per-table function)'
    : null,
);

const triggersWriteTheirTenant: Rule = {
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
function joinsWithoutInstitution(code: string, tenant: Set<string>): string[] {
  const bad = [];
  const join = /\bjoin\s+(?:lateral\s+)?([a-z_"][\w$"]*(?:\.[a-z_"][\w$"]*)?)(?:\s+(?:as\s+)?(?!on\b|using\b)[a-z_]\w*)?\s+(on|using)\b/g;
  for (const m of code.matchAll(join)) {
    const table = qualified(m[1]!);
    if (!tenant.has(table)) continue;
    const start = m.index + m[0].length;
    const condition =
      m[2] === 'using'
        ? untilClose(code, code.indexOf('(', start) + 1)
        : untilClause(code, start, [
            'join',
            'left',
            'right',
            'inner',
            'full',
            'cross',
            'where',
            'group',
            'order',
            'limit',
            'window',
            'having',
            'union',
            'returning',
            'for',
            'into',
            'on\\s+conflict',
          ]);
    if (!/\binstitution_id\b/.test(condition)) bad.push(`joins ${table} on ${condition.replace(/\s+/g, ' ').trim()}`);
  }
  return bad;
}

const joinsIncludeInstitution: Rule = {
  name: 'joins between tenant tables include institution_id',
  check(catalog) {
    const tenant = tenantTables(catalog);
    const inFunctions = catalog.functions.flatMap((f) =>
      joinsWithoutInstitution(codeOnly(f.source), tenant).map((detail) => ({ rule: this.name, object: f.signature, detail })),
    );
    const inViews = catalog.views.flatMap((v) =>
      joinsWithoutInstitution(codeOnly(v.definition), tenant).map((detail) => ({ rule: this.name, object: v.name, detail })),
    );
    return [...inFunctions, ...inViews];
  },
};

const noForcedGenericPlan = perFunction('no forced generic plans', (f) =>
  f.settings.some((s) => /^plan_cache_mode=force_generic_plan$/i.test(s)) ? 'sets plan_cache_mode = force_generic_plan' : null,
);

const noOffsetFence = perFunction('no OFFSET 0 fences', (_f, code) => (/\boffset\s+0\b/.test(code) ? 'uses OFFSET 0' : null));

const sqlFunctionsWithParameters: Rule = {
  name: 'SQL functions with parameters query no tenant table',
  check(catalog) {
    const tenant = tenantTables(catalog);
    return catalog.functions
      .filter((f) => f.language === 'sql' && f.argumentCount > 0)
      .flatMap((f) => {
        const read = [...codeOnly(f.source).matchAll(/\b(?:from|join)\s+([a-z_][\w$]*\.[a-z_][\w$]*)\b(?!\s*\()/g)]
          .map((m) => m[1]!)
          .filter((t) => tenant.has(t));
        return read.length
          ? [
              {
                rule: this.name,
                object: f.signature,
                detail: `a SQL-language function with parameters that queries ${[...new Set(read)].join(', ')} (write it in PL/pgSQL)`,
              },
            ]
          : [];
      });
  },
};

/** The `case … end` expressions and `coalesce(…)` arguments in `text`. */
function caseAndCoalesce(text: string): string[] {
  const spans = [...text.matchAll(/\bcoalesce\s*\(/g)].map((m) => untilClose(text, m.index + m[0].length));
  for (const m of text.matchAll(/\bcase\b/g)) {
    let depth = 0;
    const words = /\b(case|end)\b/g;
    words.lastIndex = m.index;
    for (let w = words.exec(text); w; w = words.exec(text)) {
      depth += w[1] === 'case' ? 1 : -1;
      if (depth === 0) {
        spans.push(text.slice(m.index, w.index));
        break;
      }
    }
  }
  return spans;
}

const noNowInConditionalWrites = perFunction('no now() inside CASE or COALESCE in a write', (_f, code) => {
  const bad = writes(code).filter(({ statement }) => caseAndCoalesce(statement).some((span) => NOW_LIKE.test(span)));
  return bad.length
    ? `writes ${bad.map((b) => qualified(b.table)).join(', ')} with the time inside CASE or COALESCE (take it into a variable first)`
    : null;
});

const noSubqueryInInsertValues = perFunction('no subquery inside INSERT … VALUES', (_f, code) => {
  const bad = writes(code).filter(({ statement }) => {
    const values = statement.search(/\bvalues\s*\(/);
    return /^insert\b/.test(statement) && values !== -1 && /\bselect\b/.test(statement.slice(values));
  });
  return bad.length ? `inserts into ${bad.map((b) => qualified(b.table)).join(', ')} with a subquery in VALUES` : null;
});

const noSimpleCase = perFunction('no simple CASE in SQL', (_f, code) => {
  for (const m of code.matchAll(/\bcase(?=\s)(?!\s+when\b)/g)) {
    let depth = 0;
    const words = /\b(case|end)\b/g;
    words.lastIndex = m.index;
    for (let w = words.exec(code); w; w = words.exec(code)) {
      depth += w[1] === 'case' ? 1 : -1;
      if (depth === 0) {
        // PL/pgSQL's own CASE statement (… END CASE) is not planned as SQL.
        if (!/^end\s+case\b/.test(code.slice(w.index, w.index + 12)))
          return `simple CASE: ${code.slice(m.index, m.index + 60).replace(/\s+/g, ' ')}…`;
        break;
      }
    }
  }
  return null;
});

const noLockingOverFunctionFilter = perFunction('no FOR UPDATE over a function-valued filter', (_f, code) => {
  for (const m of code.matchAll(/\bfor\s+(?:no\s+key\s+)?(?:update|share)\b/g)) {
    const statementStart = code.lastIndexOf(';', m.index) + 1;
    const statement = code.slice(statementStart, m.index);
    const where = statement.lastIndexOf('where');
    if (where !== -1 && /\b[a-z_]+\.[a-z_]\w*\s*\(/.test(statement.slice(where)))
      return 'locks rows chosen by a function call (take its value into a variable first)';
  }
  return null;
});

export const rules: Rule[] = [
  policiesReadNoTables,
  triggersIgnoreTableName,
  triggersWriteTheirTenant,
  joinsIncludeInstitution,
  noForcedGenericPlan,
  noOffsetFence,
  sqlFunctionsWithParameters,
  noNowInConditionalWrites,
  noSubqueryInInsertValues,
  noSimpleCase,
  noLockingOverFunctionFilter,
];
