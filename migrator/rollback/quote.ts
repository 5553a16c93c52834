// The rollback's statements, and names and values as its SQL needs them. Relation and type names from the
// catalog (catalog.sql) are already quoted where needed and go in as they are.
export const byKey = <T>(xs: T[], key: (x: T) => string) => new Map(xs.map((x) => [key(x), x]));
export const quoteIdent = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);
export const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface RollbackStatement {
  sql: string;
  /** Must run outside a transaction (DROP INDEX CONCURRENTLY). */
  concurrently?: boolean;
  why: string;
}
