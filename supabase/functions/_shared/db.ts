// The database connection of a function. Supabase hands functions SUPABASE_DB_URL; through
// the pooler in transaction mode prepared statements cannot be used, hence prepare: false.
import postgres from 'postgres';

let client: postgres.Sql | undefined;

export function db(): postgres.Sql {
  if (!client) {
    const url = Deno.env.get('SUPABASE_DB_URL');
    if (!url) throw new Error('SUPABASE_DB_URL is not set');
    client = postgres(url, { prepare: false, max: 10, idle_timeout: 30, connect_timeout: 5 });
  }
  return client;
}
