// Running a batch: chunk after chunk, each one transaction as the caller, so that progress
// is committed (and readable) after every chunk and a batch interrupted anywhere resumes
// from its cursor.
import type { Caller } from '../_shared/auth.ts';
import { runBatchChunk } from './queries.ts';
import type { BatchProgress } from './schemas.ts';

const CHUNK_ITEMS = 25;
const CHUNK_MS = 1500;

/** Runs the batch until it is done, or until another runner holds it (busy). */
export async function runToEnd(caller: Caller, batchId: string): Promise<BatchProgress> {
  for (;;) {
    const progress = await runBatchChunk(caller, batchId, CHUNK_ITEMS, CHUNK_MS);
    if (progress.done || progress.busy) return progress;
  }
}

/** Keeps background work alive on Supabase's edge runtime; the local Deno host lives on. */
export function inBackground(work: Promise<unknown>): void {
  const runtime = (globalThis as { EdgeRuntime?: { waitUntil(p: Promise<unknown>): void } }).EdgeRuntime;
  const guarded = work.catch((error) => console.error('batch failed (resume it with POST /batches/{id}/resume)', error));
  runtime?.waitUntil(guarded);
}
