// A SQL file cut into statements the way the Supabase CLI records them in
// supabase_migrations.schema_migrations.statements: at every semicolon outside quotes,
// dollar quotes and comments; each statement trimmed, without its semicolon, comments
// before it kept; empty pieces dropped.
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text[i] === '/' && text[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (text[i] === '*' && text[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === "'" || c === '"') {
      i++;
      while (i < n) {
        if (text[i] === c) {
          if (text[i + 1] === c)
            i += 2; // doubled quote
          else {
            i++;
            break;
          }
        } else i++;
      }
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
      if (tag && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
      } else i++;
    } else if (c === ';') {
      const piece = text.slice(start, i).trim();
      if (piece) out.push(piece);
      i++;
      start = i;
    } else i++;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
