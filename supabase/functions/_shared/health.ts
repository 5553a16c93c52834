// GET /<name>/health: the function's version and whether it reaches its database.
import type { Context } from 'hono';
import { db } from './db.ts';
import { errorBody } from './errors.ts';

export function healthRoute(name: string, version: string) {
  return async (c: Context) => {
    const started = performance.now();
    try {
      await db().query('select 1');
    } catch (error) {
      console.error(`[${c.get('requestId')}] health: database unreachable`, error);
      return c.json(errorBody(c, 'database_unavailable', 'The database cannot be reached.'), 503);
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return c.json({ name, version, status: 'ok', database: { reachable: true, latencyMs } });
  };
}
