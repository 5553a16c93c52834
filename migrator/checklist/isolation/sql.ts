// How the proof talks to the database: one reserved connection, unprepared statements,
// groups of statements pipelined in one round trip, errors read by their SQLSTATE.
import type { Sql } from '../../db.ts';

export type Reserved = Awaited<ReturnType<Sql['reserve']>>;

export const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
export const lit = (v: string | null) => (v === null ? 'null' : `'${v.replace(/'/g, "''")}'`);

/** One statement, never prepared (the probes are many and each is different). */
export const run = (c: Reserved, text: string) => c.unsafe(text, [], { prepare: false });

/** Statements sent together, one round trip (postgres.js pipelines them on the connection);
 * each settles on its own. After an error the rest fail with 25P02 until a `rollback to
 * savepoint` among them, which is why every group ends with one. */
export const pipeline = (c: Reserved, texts: string[]) => Promise.allSettled(texts.map((t) => run(c, t)));
export type Settled = PromiseSettledResult<Awaited<ReturnType<typeof run>>>;
/** The first error of a group (the one that aborted it), if any. */
export const firstError = (results: Settled[]) =>
  (results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined)?.reason as unknown;
export const value = (r: Settled) => (r.status === 'fulfilled' ? r.value : undefined);

export const code = (e: unknown) => (e as { code?: string }).code ?? '';
export const message = (e: unknown) => (e as Error).message;
