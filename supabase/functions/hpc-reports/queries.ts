// What hpc-reports asks the database, always as the caller. The rules live in the database
// (public.hpc_generate_report, hpc_batch_start, hpc_batch_run: security definer functions
// that check the caller's duties); reads go through RLS.
import type { Caller } from '../_shared/auth.ts';
import { oneRowAsCaller, queryAsCaller } from '../_shared/as-caller.ts';
import type { Tables } from '../_shared/database.types.ts';
import { sql } from '../_shared/db.ts';
import { assertHpcEnabled, hpcFlagQuery } from '../_shared/hpc-flag.ts';
import type { BatchProgress, BatchRequest, GenerateResult } from './schemas.ts';

export async function generateReport(caller: Caller, cycleId: string, studentId: string): Promise<GenerateResult> {
  const row = await oneRowAsCaller(caller, sql`select to_jsonb(public.hpc_generate_report(${cycleId}, ${studentId})) as r`);
  return row.r as GenerateResult;
}

export async function startBatch(caller: Caller, b: BatchRequest): Promise<BatchProgress> {
  const row = await oneRowAsCaller(
    caller,
    sql`
    select to_jsonb(public.hpc_batch_start(${b.kind}, ${b.cycle_id}, ${b.section_id ?? null}, ${b.action ?? null},
                                           ${b.comment ?? null}, ${b.release_at ?? null}::timestamptz)) as p`,
  );
  return row.p as BatchProgress;
}

/** One chunk of a batch, in its own transaction: its progress is committed (and readable) after it. */
export async function runBatchChunk(caller: Caller, batchId: string, maxItems: number, maxMs: number): Promise<BatchProgress> {
  const row = await oneRowAsCaller(caller, sql`select to_jsonb(public.hpc_batch_run(${batchId}, ${maxItems}, ${maxMs})) as p`);
  return row.p as BatchProgress;
}

/** A batch's progress, or null if the caller may not see it (RLS: the requester and the
 * institution's leaders). */
export async function readBatch(caller: Caller, batchId: string): Promise<BatchProgress | null> {
  const [flag, rows] = await queryAsCaller(caller, [
    hpcFlagQuery(),
    sql`
    select jsonb_build_object(
      'job_id', j.id, 'kind', j.kind, 'action', j.action, 'cycle_id', j.cycle_id, 'section_id', j.section_id,
      'status', j.status, 'total', j.total, 'processed', j.processed, 'succeeded', j.succeeded,
      'unchanged', j.unchanged, 'skipped', j.skipped, 'failed', j.failed, 'errors', j.errors,
      'started_at', j.started_at, 'finished_at', j.finished_at,
      'done', j.status in ('completed', 'cancelled')) as p
    from public.report_jobs as j where j.id = ${batchId}`,
  ]);
  assertHpcEnabled(flag!);
  return (rows![0]?.p as BatchProgress | undefined) ?? null;
}

type ReportColumns =
  | 'id'
  | 'cycle_id'
  | 'student_id'
  | 'version'
  | 'status'
  | 'is_current'
  | 'lock_version'
  | 'language'
  | 'content_hash'
  | 'content'
  | 'release_at'
  | 'published_at'
  | 'supersedes_id'
  | 'reopen_reason'
  | 'updated_at';
export type ReportRow = Pick<Tables<'hpc_reports'>, ReportColumns>;

/** One version of a card, or null if the caller may not see it (RLS: teachers their
 * students, leaders the institution, families published cards). */
export async function readReport(caller: Caller, reportId: string): Promise<ReportRow | null> {
  const [flag, rows] = await queryAsCaller(caller, [
    hpcFlagQuery(),
    sql`
    select r.id, r.cycle_id, r.student_id, r.version::int as version, r.status, r.is_current,
           r.lock_version::int as lock_version, r.language, r.content_hash, r.content,
           r.release_at::text as release_at, r.published_at::text as published_at,
           r.supersedes_id, r.reopen_reason, r.updated_at::text as updated_at
    from public.hpc_reports as r
    where r.id = ${reportId}`,
  ]);
  assertHpcEnabled(flag!);
  return (rows![0] as ReportRow | undefined) ?? null;
}
