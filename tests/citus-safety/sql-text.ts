// Just enough reading of SQL and PL/pgSQL text for the Citus-safety rules: no parser, so the
// rules that use these are approximations (docs/scale-out.md says which and how).

/**
 * The source lower-cased, with comments removed and the contents of string literals blanked,
 * so that words in comments and messages are not read as code. Dynamic SQL built from
 * literals (EXECUTE format('…')) is therefore not analysed.
 */
export function codeOnly(source: string): string {
  let out = '';
  let i = 0;
  const s = source.toLowerCase();
  while (i < s.length) {
    if (s.startsWith('--', i)) {
      const end = s.indexOf('\n', i);
      i = end === -1 ? s.length : end;
    } else if (s.startsWith('/*', i)) {
      const end = s.indexOf('*/', i + 2);
      i = end === -1 ? s.length : end + 2;
      out += ' ';
    } else if (s[i] === "'") {
      let j = i + 1;
      while (j < s.length && !(s[j] === "'" && s[j + 1] !== "'")) j += s[j] === "'" ? 2 : 1;
      out += "''";
      i = j + 1;
    } else {
      out += s[i];
      i += 1;
    }
  }
  return out;
}

/** The text from `from` up to the `)` that closes the parenthesis already open there, or the end. */
export function untilClose(text: string, from: number): string {
  let depth = 0;
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    if (text[i] === ')') {
      if (depth === 0) return text.slice(from, i);
      depth -= 1;
    }
  }
  return text.slice(from);
}

/** The text from `from` up to the first `;` (the end of a statement) or the end. */
export function untilSemicolon(text: string, from: number): string {
  const end = text.indexOf(';', from);
  return text.slice(from, end === -1 ? text.length : end);
}

/**
 * The text from `from` up to the first of `stops` (whole words, or `;`) outside parentheses,
 * or up to a `)` that closes a parenthesis open before `from`.
 */
export function untilClause(text: string, from: number, stops: string[]): string {
  const stop = new RegExp(`^(?:${stops.join('|')})\\b`);
  let depth = 0;
  for (let i = from; i < text.length; i += 1) {
    const c = text[i];
    if (c === '(') depth += 1;
    else if (c === ')') {
      if (depth === 0) return text.slice(from, i);
      depth -= 1;
    } else if (depth === 0 && (c === ';' || (/\W/.test(text[i - 1] ?? ' ') && stop.test(text.slice(i, i + 12))))) {
      return text.slice(from, i);
    }
  }
  return text.slice(from);
}

/** Each data-changing statement (INSERT, UPDATE, DELETE) with the table it writes. */
export function writes(code: string): { table: string; statement: string }[] {
  const found = [];
  for (const m of code.matchAll(/\b(?:insert\s+into|update|delete\s+from)\s+(?:only\s+)?([a-z_][\w$]*(?:\.[a-z_][\w$]*)?)/g)) {
    // `update` also ends ON CONFLICT … DO UPDATE and FOR UPDATE; those are not statements.
    if (/\b(?:do|for|no\s+key|key)\s+$/.test(code.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (m[1] === 'set') continue;
    found.push({ table: m[1]!, statement: untilSemicolon(code, m.index) });
  }
  return found;
}

/** The schema-qualified names after FROM or JOIN in `code` (relations, not function calls). */
export const relationsNamed = (code: string): string[] =>
  [...code.matchAll(/\b(?:from|join)\s+([a-z_][\w$]*\.[a-z_][\w$]*)\b(?!\s*\()/g)].map((m) => m[1]!);

/** Each schema-qualified function call in `code`, with where it starts. */
export const functionCalls = (code: string): { name: string; index: number }[] =>
  [...code.matchAll(/\b([a-z_]+\.[a-z_]\w*)\s*\(/g)].map((m) => ({ name: m[1]!, index: m.index }));

/** A function's schema-qualified name, from its signature `schema.name(arguments)`. */
export const functionName = (signature: string): string => signature.slice(0, signature.indexOf('('));

/** A relation name as written (qualified or not) as schema.name; unqualified means public. */
export const qualified = (name: string) => (name.includes('.') ? name : `public.${name}`).replaceAll('"', '');
