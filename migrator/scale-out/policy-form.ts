// The Citus form of a policy expression, from the one-node form as pg_get_expr prints it once
// the `(select private.fn())` wrappers are gone (catalog.ts drops them in SQL):
//
// - A set's `column = ANY (private.set())` becomes the set's per-row test (strpos on the
//   uuid's text, about 1 µs a row; parsing the whole array per row costs about 11 µs).
// - A test `column = private.reader()` (the school, the caller) becomes `column = ANY
//   (ARRAY[…])`, and the policy's terms that read no column (`private.is_institution_admin()`,
//   a role test) move inside the school's. Both forms give PostgreSQL's planner a qual
//   without a column: an equality joins an equivalence class, so a query that names the
//   value gets the derived `private.reader() = '<value>'`, and a term without a column is one
//   as it is.
//   Citus 13 on PostgreSQL 15 and 16 refuses every query with such a qual and an outer join
//   ("Distributed queries with outer joins and pseudoconstant quals are not supported"), which
//   is each PostgREST embed. `= ANY` joins no class, keeps the index and is the same test: a
//   null reader, or a false term, matches no row.

const SET_TESTS: Record<string, string> = {
  taught_section_ids: 'teaches_section',
  taught_student_ids: 'teaches_student',
  child_ids: 'is_child',
  taught_guardian_ids: 'is_taught_guardian',
  family_section_ids: 'is_family_section',
  family_teacher_ids: 'is_family_teacher',
  peer_reviewee_ids: 'is_peer_reviewee',
  open_cycle_ids: 'is_open_cycle',
  released_cycle_ids: 'is_released_cycle',
};

const READER_EQUALITY = /^\(?([a-z_]+) = (private\.[a-z_]+\(\))\)?$/;
const WORDS_WITHOUT_COLUMNS = /^(and|or|not|any|all|array|is|null|true|false|distinct|from|case|when|then|else|end|in)$/i;

export function citusPolicyExpression(expression: string): string {
  return withoutConstantQuals(perRowSets(expression));
}

function perRowSets(expression: string): string {
  return expression.replace(/\(([a-z_]+) = ANY \(private\.([a-z_]+)\(\)::uuid\[\]\)\)/g, (whole, column: string, set: string) =>
    SET_TESTS[set] ? `private.${SET_TESTS[set]}(${column})` : whole,
  );
}

function withoutConstantQuals(expression: string): string {
  const terms = conjuncts(expression);
  const equalities = terms.flatMap((t, i) => {
    const m = READER_EQUALITY.exec(t);
    return m ? [{ at: i, column: m[1] as string, reader: m[2] as string }] : [];
  });
  if (equalities.length === 0) return expression;
  const home = equalities.find((e) => e.column === 'institution_id') ?? (equalities[0] as (typeof equalities)[number]);
  const withoutColumns = terms.filter((t, i) => !equalities.some((e) => e.at === i) && readsNoColumn(t));
  const rewritten = terms.flatMap((t, i) => {
    const e = equalities.find((q) => q.at === i);
    if (!e) return withoutColumns.includes(t) ? [] : [t];
    const value = e === home && withoutColumns.length > 0 ? `CASE WHEN ${withoutColumns.join(' AND ')} THEN ${e.reader} END` : e.reader;
    return [`(${e.column} = ANY (ARRAY[${value}]))`];
  });
  return rewritten.length === 1 ? (rewritten[0] as string) : `(${rewritten.join(' AND ')})`;
}

/** The top-level AND terms of an expression, nested ANDs flattened. */
export function conjuncts(expression: string): string[] {
  const e = withoutEnclosingParentheses(expression.trim());
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < e.length; i++) {
    const ch = e[i];
    if (ch === "'") i = closingQuote(e, i);
    else if (ch === '(' || wordAt(e, i, 'CASE')) depth++;
    else if (ch === ')' || wordAt(e, i, 'END')) depth--;
    else if (depth === 0 && e.startsWith(' AND ', i)) {
      terms.push(e.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  terms.push(e.slice(start));
  return terms.length === 1 ? [expression.trim()] : terms.flatMap(conjuncts);
}

/** True when nothing in the term names a column: only the context's readers, literals and operators. */
export function readsNoColumn(term: string): boolean {
  const bare = term
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/::[a-z_ ]+(\[\])?/gi, '')
    .replace(/private\.[a-z_]+\(\)/g, '');
  return (bare.match(/[a-z_][a-z0-9_]*/gi) ?? []).every((word) => WORDS_WITHOUT_COLUMNS.test(word));
}

function wordAt(e: string, i: number, word: string): boolean {
  return e.startsWith(word, i) && !/\w/.test(e[i - 1] ?? '') && !/\w/.test(e[i + word.length] ?? '');
}

function withoutEnclosingParentheses(e: string): string {
  while (e.startsWith('(') && closingParenthesis(e, 0) === e.length - 1) e = e.slice(1, -1).trim();
  return e;
}

function closingParenthesis(e: string, open: number): number {
  let depth = 0;
  for (let i = open; i < e.length; i++) {
    if (e[i] === "'") i = closingQuote(e, i);
    else if (e[i] === '(') depth++;
    else if (e[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function closingQuote(e: string, open: number): number {
  let i = open + 1;
  while (i < e.length && !(e[i] === "'" && e[i + 1] !== "'")) i += e[i] === "'" ? 2 : 1;
  return i;
}
