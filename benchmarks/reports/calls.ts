// The two paths the benchmark times, side by side: a raw SQL call as the caller (the same
// database call and transaction shape the functions use) and a call through the edge
// functions (gateway + Deno + PostgreSQL), with the actors that make them.
import type postgres from 'postgres';
import { userToken } from '../../stack/keys.ts';
import { stackSettings, dbUrl, apiUrl } from '../../stack/settings.ts';
import { asCaller } from '../caller.ts';

const settings = stackSettings();
export const DB = dbUrl(settings);
export const API = apiUrl(settings);
export const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
export const log = (line: string) => console.log(`[bench:reports ${new Date().toISOString().slice(11, 19)}] ${line}`);
export const md5uuid = (sql: postgres.Sql, text: string) => sql`select md5(${text})::uuid as id`.then((r) => r[0]!.id as string);

export interface Actor {
  id: string;
  email: string;
  token: string;
  claims: string;
}
export async function actor(id: string, email: string): Promise<Actor> {
  return {
    id,
    email,
    token: await userToken({ id, email }),
    claims: JSON.stringify({ sub: id, role: 'authenticated', aud: 'authenticated' }),
  };
}

/** One raw SQL call as the caller, timed from begin to commit (what queryAsCaller does in the function). */
export async function rawCall<T>(sql: postgres.Sql, who: Actor, call: (tx: postgres.TransactionSql) => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await asCaller(sql, 'authenticated', who.claims, call);
  return [performance.now() - started, result];
}

/** One function call: end-to-end time, status, body, and the function's own time (its
 * Server-Timing `fn`, from routing to the answer inside Deno). */
/** What the benchmark reads of the functions' answers. */
export interface GenerateAnswer {
  report: { outcome: string };
}
export interface BatchAnswer {
  batch: { job_id: string; done: boolean; processed: number; succeeded: number; skipped: number; failed: number; unchanged: number };
}
export interface TransitionAnswer {
  result: { lock_version: number };
}

export async function fn<Answer = unknown>(who: Actor, path: string, body?: unknown): Promise<[number, number, Answer, number]> {
  const started = performance.now();
  const response = await fetch(`${API}/functions/v1/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await response.json();
  const inside = Number(/fn;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1] ?? NaN);
  return [performance.now() - started, response.status, json as Answer, inside];
}

/** Runs work over the items, `concurrency` at a time. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
