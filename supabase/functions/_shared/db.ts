// The database as the functions use it: node-postgres (pg). Supabase hands functions
// SUPABASE_DB_URL; through the pooler in transaction mode a statement cannot be prepared
// by name, and pg's queries are unnamed unless asked otherwise.
//
// Why pg and not postgres.js: under Deno, postgres.js delays every write with setImmediate,
// which Deno's Node layer runs as a 1 ms timer, and without named statements it asks the
// server to describe every query with parameters before it sends the values. A request of
// four statements then took about five such round trips of 1.3 ms; pg sends each statement
// at once (benchmarks/reports/RESULTS.md).
// @ts-types="@types/pg"
import pg from 'pg';

let pool: pg.Pool | undefined;

export function db(): pg.Pool {
  if (!pool) {
    const connectionString = Deno.env.get('SUPABASE_DB_URL');
    if (!connectionString) throw new Error('SUPABASE_DB_URL is not set');
    pool = new pg.Pool({ connectionString, max: 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
    // An idle connection the server closed is dropped by the pool; it must not end the process.
    pool.on('error', (error) => console.error('database connection lost', error.message));
  }
  return pool;
}

/** One SQL statement: its text around the values, and the values. */
export interface Statement {
  parts: readonly string[];
  values: unknown[];
}

/** sql`select … ${value}` → a Statement. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Statement {
  return { parts: strings, values };
}

export type Row = Record<string, unknown>;

type Escape = (text: string) => string;

/** A value as a quoted literal of unknown type: the server infers its type from where it
 * stands, exactly as it does for the untyped text parameters pg would send. */
function literal(value: unknown, escape: Escape): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return escape(value);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`No SQL literal for ${value}`);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return escape(String(value));
  if (value instanceof Date) return escape(value.toISOString());
  throw new TypeError(`No SQL literal for a value of type ${typeof value}`);
}

/** The statement as text, each value written as an escaped literal (the driver's escaping). */
function inline(statement: Statement, escape: Escape): string {
  return statement.parts.reduce((text, part, i) => `${text}${literal(statement.values[i - 1], escape)}${part}`);
}

/** Runs a transaction in one round trip: `begin`, the opening statements (the role, the
 * claims), the statements, `commit`, sent as one simple query — which takes no parameters,
 * so every value travels as an escaped literal. Returns the rows of each statement. The first
 * failure leaves the transaction aborted: it is rolled back and its error thrown.
 *
 * The opening sets settings with set_config(…, true), as PostgREST does, never with a
 * top-level SET LOCAL: a Citus coordinator replays a SET LOCAL's query text on every worker
 * connection of the transaction, and here that text is the whole transaction. */
export async function transaction(opening: (escape: Escape) => string[], statements: Statement[]): Promise<Row[][]> {
  const client = await db().connect();
  let broken = false;
  try {
    const escape: Escape = (text) => client.escapeLiteral(text);
    const head = ['begin', ...opening(escape)];
    const text = [...head, ...statements.map((s) => inline(s, escape)), 'commit'].join(';\n');
    const results = (await client.query(text)) as unknown as pg.QueryResult[];
    return results.slice(head.length, head.length + statements.length).map((result) => result.rows);
  } catch (error) {
    // a connection that cannot even roll back is closed, not returned to the pool
    broken = await client.query('rollback').then(() => false, () => true);
    throw error;
  } finally {
    client.release(broken);
  }
}
