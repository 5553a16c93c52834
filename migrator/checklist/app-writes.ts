// The live BIG DAY app's writes (domain/bigday-real-schema.md §6), replayed against a database
// for ONE school: what the browser sends through PostgREST as that school's admin (role
// `authenticated` with the admin's JWT claims) and what the edge functions send with the
// service role (no user claims). Each write runs in its own transaction, which is always
// rolled back, so the database is left as it was; the result says whether the database
// accepted the write and, if not, its SQLSTATE.
//
// Use: before a migration, to see what works today (on the newer shape every browser write
// fails with 42P17, infinite recursion in user_profiles' policies: a correct result, not a
// crash); after it, to check that the app's writes still land. Nothing here needs HPC objects:
// the school is found through its legacy institution_id and the class links.
//
// What the replay leaves out or changes, and BIG DAY's own defects: app-writes/differences.ts;
// the writes themselves: app-writes/browser-writes.ts and app-writes/service-writes.ts.
//
// Statements are shaped like PostgREST's (app-writes/statements.ts): the body goes in as one
// JSON parameter and is read back with json_populate_record, so exactly the columns the app
// sends are written; role and claims are set with set_config(..., true) before every
// statement of the transaction.
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import type { Sql } from '../db.ts';
import { browserWrites } from './app-writes/browser-writes.ts';
import { configuredPreRequest, runPreRequest } from './pre-request.ts';
import { findSchool } from './app-writes/school.ts';
import { serviceWrites } from './app-writes/service-writes.ts';
import { ident, type AppClient, type AppWriteOp, type RowLoader, type Step } from './app-writes/statements.ts';

export { appWriteAdjustments, bigDayDefects, skippedAppWrites, type SkippedAppWrite } from './app-writes/differences.ts';
export type { AppClient, AppWriteOp } from './app-writes/statements.ts';

type TransactionSql = postgres.TransactionSql;

export interface AppWriteResult {
  name: string;
  client: AppClient;
  table: string;
  op: AppWriteOp;
  ok: boolean;
  sqlstate?: string;
  message?: string;
}

const writes = [...browserWrites, ...serviceWrites];

class RolledBack extends Error {}

/** Every write of §6 that can reach this schema, for one school (its legacy institution_id, or
 * else that of the oldest academic term), each in a transaction that is rolled back. Connect as `postgres` (or another
 * member of authenticated and service_role that may read every row). */
export async function replayAppWrites(sql: Sql, options: { institutionId?: string } = {}): Promise<AppWriteResult[]> {
  const school = await findSchool(sql, options.institutionId);
  const load: RowLoader = async (table, id) => {
    const [r] = await sql.unsafe(`select to_jsonb(t) as row from public.${ident(table)} as t where t.id = $1`, [id]);
    return r!.row as Record<string, unknown>;
  };
  const claims: Record<AppClient, string> = {
    browser: JSON.stringify({
      sub: school.adminId,
      role: 'authenticated',
      aud: 'authenticated',
      email: school.adminEmail,
      aal: 'aal1',
      session_id: randomUUID(),
    }),
    service: JSON.stringify({ role: 'service_role', iss: 'supabase' }),
  };
  const preRequest = await configuredPreRequest(sql);
  const results: AppWriteResult[] = [];
  for (const w of writes) {
    const steps = await w.steps(school, load);
    const base = { name: w.name, client: w.client, table: w.table, op: w.op };
    try {
      await sql.begin(async (tx) => {
        for (const step of steps) await runStep(tx, step, claims, w.table, preRequest);
        throw new RolledBack();
      });
      throw new Error('the transaction was not rolled back');
    } catch (error) {
      if (error instanceof RolledBack) results.push({ ...base, ok: true });
      else {
        const e = error as { code?: string; message?: string };
        if (!e.code) throw error; // not the database's answer: a fault of the replay itself
        results.push({ ...base, ok: false, sqlstate: e.code, message: e.message });
      }
    }
  }
  return results;
}

async function runStep(
  tx: TransactionSql,
  step: Step,
  claims: Record<AppClient, string>,
  table: string,
  preRequest: string | null,
): Promise<void> {
  if (step.as) {
    const role = step.as === 'browser' ? 'authenticated' : 'service_role';
    await tx`select set_config('role', ${role}, true), set_config('request.jwt.claims', ${claims[step.as]}, true),
                    set_config('request.method', ${step.method ?? 'POST'}, true), set_config('request.path', ${`/rest/v1/${table}`}, true)`;
    await runPreRequest(tx, preRequest);
  } else {
    await tx`reset role`;
  }
  const result = await tx.unsafe(step.sql, (step.params ?? []) as never[]);
  // PostgREST answers an UPDATE or DELETE that reached no row with 204, as if it had worked:
  // row security that hides the row looks like success. The replay counts it as refused.
  if (step.as && (step.method === 'PATCH' || step.method === 'DELETE') && result.count === 0) {
    throw Object.assign(new Error(`${step.method} reached no row of ${table} (PostgREST answers 204, nothing changed)`), { code: 'P0002' });
  }
}
