// What hpc-approvals asks the database, always as the caller. The state machine lives in
// the database (public.hpc_transition_report: actor, duty, institution, row lock, expected
// version, step row, audit); reads go through RLS.
import type { Caller } from '../_shared/auth.ts';
import { oneRowAsCaller, queryAsCaller } from '../_shared/as-caller.ts';
import { sql } from '../_shared/db.ts';
import { assertHpcEnabled, hpcFlagQuery } from '../_shared/hpc-flag.ts';
import type { ApprovalStep, AwaitingItem, ReportVersion, TransitionResult } from './schemas.ts';

export interface Transition {
  action: string;
  expected_version: number;
  comment?: string | null;
  release_at?: string | null;
}

export async function transitionReport(caller: Caller, reportId: string, t: Transition): Promise<TransitionResult> {
  const row = await oneRowAsCaller(
    caller,
    sql`
    select jsonb_strip_nulls(to_jsonb(public.hpc_transition_report(${reportId}, ${t.action}, ${t.expected_version},
                                        ${t.comment ?? null}, ${t.release_at ?? null}::timestamptz))) as r`,
  );
  return row.r as TransitionResult;
}

/** Every version of the card's student and cycle, and their steps; null if none is visible.
 * Through RLS: staff see every version and step; families only published versions, no steps. */
export async function readHistory(caller: Caller, reportId: string): Promise<{ versions: ReportVersion[]; steps: ApprovalStep[] } | null> {
  const [flag, versions, steps] = await queryAsCaller(caller, [
    hpcFlagQuery(),
    sql`
      select r.id, r.version::int as version, r.status, r.is_current, r.lock_version::int as lock_version,
             r.published_at::text as published_at, r.release_at::text as release_at, r.supersedes_id, r.reopen_reason
      from public.hpc_reports as r
      join public.hpc_reports as t
        on t.institution_id = r.institution_id and t.cycle_id = r.cycle_id and t.student_id = r.student_id
      where t.id = ${reportId}
      order by r.version`,
    sql`
      select w.id, w.report_id, r.version::int as report_version, w.round::int as round, w.step_order::int as step_order,
             w.approver_duty, w.name as action, w.decision, w.decided_by, w.decided_role,
             w.decided_at::text as decided_at, w.comment, w.created_at::text as created_at
      from public.hpc_approval_workflows as w
      join public.hpc_reports as r on r.institution_id = w.institution_id and r.id = w.report_id
      join public.hpc_reports as t
        on t.institution_id = r.institution_id and t.cycle_id = r.cycle_id and t.student_id = r.student_id
      where w.kind = 'step' and t.id = ${reportId}
      order by r.version, w.round, w.step_order`,
  ]);
  assertHpcEnabled(flag!);
  if (versions!.length === 0) return null;
  return { versions: versions as ReportVersion[], steps: steps as ApprovalStep[] };
}

export async function awaitingMe(caller: Caller, limit: number): Promise<AwaitingItem[]> {
  const [rows] = await queryAsCaller(caller, [sql`
    select a.report_id, a.cycle_id, a.student_id, a.student_name, a.version::int as version, a.status,
           a.lock_version::int as lock_version, a.action, a.approver_duty, a.round::int as round, a.since::text as since
    from public.hpc_reports_awaiting_me(${limit}) as a`]);
  return rows as AwaitingItem[];
}
