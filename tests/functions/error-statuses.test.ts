// One map from our error codes to HTTP statuses: the database's private.api_error_status()
// (what PostgREST answers rpc() calls with) and the edge functions' HPC_CODES
// (supabase/functions/_shared/db-errors.ts, Deno code, read here as text) must agree; and an
// API function's refusal reaches a SQL caller as PGRST carrying our code and status.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql as openSql } from '../support/test-stack.ts';
import { projectRoot } from '../../stack/settings.ts';

let sql: postgres.Sql;
beforeAll(() => {
  sql = openSql();
});
afterAll(async () => {
  await sql?.end();
});

function functionsMap(): Map<string, number> {
  const source = readFileSync(join(projectRoot, 'supabase', 'functions', '_shared', 'db-errors.ts'), 'utf8');
  const block = /export const HPC_CODES[^\n]*= \{\n([\s\S]*?)\n\};/.exec(source)?.[1] ?? '';
  return new Map([...block.matchAll(/(HP\w{3}): \{ status: (\d{3})/g)].map((m) => [m[1]!, Number(m[2])]));
}

describe('error statuses', () => {
  it('the edge functions map every code to the status the database gives it', async () => {
    const map = functionsMap();
    expect([...map.keys()].sort()).toEqual(['HP400', 'HP403', 'HP404', 'HP409', 'HP422', 'HPOFF']);
    for (const [code, status] of map) {
      const [row] = await sql<{ status: number | null }[]>`select private.api_error_status(${code}) as status`;
      expect({ code, status: row!.status }).toEqual({ code, status });
    }
  });

  it('an API function refusal arrives as PGRST with our code and its status', async () => {
    let caught: unknown;
    try {
      await sql.begin(async (tx) => {
        await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: '00000000-0000-4000-a000-000000000003', role: 'authenticated' })}, true)`;
        await tx`set local role authenticated`;
        await tx`select private.set_request_context()`;
        await tx`select public.hpc_transition_report(gen_random_uuid(), 'submit', 0)`;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(postgres.PostgresError);
    const e = caught as postgres.PostgresError;
    expect(e.code).toBe('PGRST');
    expect(JSON.parse(e.message)).toMatchObject({ code: 'HP404' });
    expect(JSON.parse(e.detail!)).toEqual({ status: 404, headers: {} });
  });
});
