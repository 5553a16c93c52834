// The database as the functions use it: node-postgres (pg). Supabase hands functions
// SUPABASE_DB_URL; through the pooler in transaction mode a statement cannot be prepared
// by name, and pg's queries are unnamed unless asked otherwise.
//
// Why pg and not postgres.js: under Deno, postgres.js delays every write with setImmediate,
// which Deno's Node layer runs as a 1 ms timer, and without named statements it asks the
// server to describe every query with parameters before it sends the values. A request of
// four statements then took about five such round trips of 1.3 ms; pg sends each statement
// at once, in one round trip of about 0.1 ms (benchmarks/reports/RESULTS.md).
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

/** One SQL statement with its values as $1, $2, … — never spliced into the text. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** sql`select … ${value}` → a Statement whose values travel as parameters. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Statement {
  const text = strings.reduce((out, part, i) => `${out}$${i}${part}`);
  return { text, values };
}

export type Row = Record<string, unknown>;
