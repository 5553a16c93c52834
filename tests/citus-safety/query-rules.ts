import { codeOnly, functionCalls, functionName, qualified, relationsNamed, untilClause, untilClose, writes } from './sql-text.ts';
import type { Catalog, DbFunction } from './catalog.ts';
import { NOW_LIKE, perFunction, perFunctionIn, type Rule, tenantTables } from './rule.ts';

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

export const joinsIncludeInstitution: Rule = {
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

export const noForcedGenericPlan = perFunction('no forced generic plans', (f) =>
  f.settings.some((s) => /^plan_cache_mode=force_generic_plan$/i.test(s)) ? 'sets plan_cache_mode = force_generic_plan' : null,
);

export const noOffsetFence = perFunction('no OFFSET 0 fences', (_f, code) => (/\boffset\s+0\b/.test(code) ? 'uses OFFSET 0' : null));

export const sqlFunctionsWithParameters: Rule = {
  name: 'SQL functions with parameters query no tenant table',
  check(catalog) {
    const tenant = tenantTables(catalog);
    return catalog.functions
      .filter((f) => f.language === 'sql' && f.argumentCount > 0)
      .flatMap((f) => {
        const read = relationsNamed(codeOnly(f.source)).filter((t) => tenant.has(t));
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

export const noNowInConditionalWrites = perFunction('no now() inside CASE or COALESCE in a write', (_f, code) => {
  const bad = writes(code).filter(({ statement }) => caseAndCoalesce(statement).some((span) => NOW_LIKE.test(span)));
  return bad.length
    ? `writes ${bad.map((b) => qualified(b.table)).join(', ')} with the time inside CASE or COALESCE (take it into a variable first)`
    : null;
});

export const noSubqueryInInsertValues = perFunction('no subquery inside INSERT … VALUES', (_f, code) => {
  const bad = writes(code).filter(({ statement }) => {
    const values = statement.search(/\bvalues\s*\(/);
    return /^insert\b/.test(statement) && values !== -1 && /\bselect\b/.test(statement.slice(values));
  });
  return bad.length ? `inserts into ${bad.map((b) => qualified(b.table)).join(', ')} with a subquery in VALUES` : null;
});

export const noSimpleCase = perFunction('no simple CASE in SQL', (_f, code) => {
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

export const noLockingOverFunctionFilter = perFunction('no FOR UPDATE over a function-valued filter', (_f, code) => {
  for (const m of code.matchAll(/\bfor\s+(?:no\s+key\s+)?(?:update|share)\b/g)) {
    const statementStart = code.lastIndexOf(';', m.index) + 1;
    const statement = code.slice(statementStart, m.index);
    const where = statement.lastIndexOf('where');
    if (where !== -1 && /\b[a-z_]+\.[a-z_]\w*\s*\(/.test(statement.slice(where)))
      return 'locks rows chosen by a function call (take its value into a variable first)';
  }
  return null;
});

/** Supabase's claim readers: SQL functions whose body is a COALESCE of current_setting. */
const CLAIM_READERS = ['auth.uid', 'auth.role', 'auth.email', 'auth.jwt'];

/**
 * The functions PostgreSQL inlines into a statement as a CASE or COALESCE that is not
 * immutable: the claim readers, and the project's SQL functions written the same way
 * (invoker, no settings, not immutable, CASE or COALESCE in the body).
 */
function inlinedConditionals(catalog: Catalog): Set<string> {
  const own = catalog.functions
    .filter((f) => f.language === 'sql' && !f.securityDefiner && f.settings.length === 0 && f.volatility !== 'i')
    .filter((f) => /\b(?:case|coalesce)\b/.test(codeOnly(f.source)))
    .map((f) => functionName(f.signature));
  return new Set([...CLAIM_READERS, ...own]);
}

export const updatesReadTheCallerByValue = perFunctionIn(
  'UPDATE and DELETE read the caller by value',
  inlinedConditionals,
  (_f, code, conditional) => {
    const bad = new Set<string>();
    for (const { statement } of writes(code)) {
      if (!/^(?:update|delete)\b/.test(statement)) continue;
      for (const call of functionCalls(statement)) {
        // `(select auth.uid())` is a subquery, computed once before the statement runs.
        if (conditional.has(call.name) && !/\(\s*select\s+$/.test(statement.slice(0, call.index))) bad.add(call.name);
      }
    }
    return bad.size ? `calls ${[...bad].map((b) => `${b}()`).join(', ')} inside an UPDATE or DELETE (take it into a variable first)` : null;
  },
);

export const lockingReadsNameTheSchool = perFunctionIn(
  'locking reads of tenant tables name institution_id',
  tenantTables,
  (_f, code, tenant) => {
    const bad = new Set<string>();
    for (const m of code.matchAll(/\bfor\s+(?:no\s+key\s+|key\s+)?(?:update|share)\b/g)) {
      // The query the clause ends: from its last SELECT (or PL/pgSQL PERFORM) on.
      const starts = [...code.slice(0, m.index).matchAll(/\b(?:select|perform)\b/g)];
      const select = code.slice(starts.at(-1)?.index ?? 0, m.index);
      const locked = relationsNamed(select).filter((t) => tenant.has(t));
      const where = select.lastIndexOf('where');
      const oneSchool = where !== -1 && /\binstitution_id\s*=(?!\s*any\b)/.test(select.slice(where));
      if (locked.length && !oneSchool) for (const t of locked) bad.add(t);
    }
    return bad.size ? `locks rows of ${[...bad].join(', ')} without naming one institution_id (lock school by school)` : null;
  },
);

/** Which of `names` the code calls inside a statement that reads a tenant table: such a
 * call runs on the shard with the statement on Citus. Statements are split at `;`, and a
 * PL/pgSQL FOR loop's query is apart from the loop's body. */
function calledInsideTenantQueries(code: string, tenant: Set<string>, names: Set<string>): string[] {
  const found = new Set<string>();
  for (const statement of code.split(/;|\bloop\b/)) {
    if (!relationsNamed(statement).some((t) => tenant.has(t))) continue;
    for (const call of functionCalls(statement)) if (names.has(call.name)) found.add(call.name);
  }
  return [...found];
}

export const writersCalledOutsideTenantQueries = perFunctionIn(
  'functions that write are not called inside queries on tenant tables',
  (catalog) => ({
    tenant: tenantTables(catalog),
    writers: new Set(catalog.functions.filter((f) => writes(codeOnly(f.source)).length > 0).map((f) => functionName(f.signature))),
  }),
  (_f, code, { tenant, writers }) => {
    const bad = calledInsideTenantQueries(code, tenant, writers);
    return bad.length
      ? `calls ${bad.map((b) => `${b}()`).join(', ')}, which writes, inside a query on tenant tables (read the rows first, then call it per row)`
      : null;
  },
);

/** Functions whose reads of tenant tables stay their own: not SQL functions the planner
 * inlines into the calling query (those become part of it), but PL/pgSQL, security definer
 * or ones with settings, which run as a call. */
const readsTenantTablesAsACall = (f: DbFunction, tenant: Set<string>) =>
  (f.language !== 'sql' || f.securityDefiner || f.settings.length > 0) && relationsNamed(codeOnly(f.source)).some((t) => tenant.has(t));

export const readersCalledOutsideTenantQueries = perFunctionIn(
  'functions that read tenant tables are not called inside queries on tenant tables',
  (catalog) => {
    const tenant = tenantTables(catalog);
    return {
      tenant,
      readers: new Set(catalog.functions.filter((f) => readsTenantTablesAsACall(f, tenant)).map((f) => functionName(f.signature))),
    };
  },
  (f, code, { tenant, readers }) => {
    const self = functionName(f.signature);
    const bad = calledInsideTenantQueries(code, tenant, readers).filter((name) => name !== self);
    return bad.length
      ? `calls ${bad.map((b) => `${b}()`).join(', ')}, which reads tenant tables, inside a query on tenant tables (on Citus it would run on the shards; read it into a variable first)`
      : null;
  },
);
