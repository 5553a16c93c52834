// The bodies and answers of hpc-approvals.
import { z } from '@hono/zod-openapi';
import { ApprovalDecision, AwaitedMove, DateTime, ReportAction, ReportStatus, StaffDuty, text } from '../_shared/schemas.ts';

export const TransitionRequest = z
  .strictObject({
    action: ReportAction.openapi({
      description:
        "submit (class teacher: draft | changes_requested → submitted); approve (the pending chain step's approver: → in_review, or → approved at the last step); " +
        "request_changes (the pending step's approver, or the principal on an approved card; comment required → changes_requested); " +
        'publish (principal: approved → published, or scheduled with release_at); reopen (principal, comment = reason: published → a new draft version).',
    }),
    expected_version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
      .openapi({ description: 'The lock_version the caller read; a stale one is a 409.' }),
    comment: text(4000).nullable().optional(),
    release_at: DateTime.nullable().optional()
      .openapi({ description: 'publish only: release date; in the future the card stays approved until then.' }),
  })
  .openapi('TransitionRequest');

export const TransitionResult = z
  .object({
    report_id: z.string(),
    version: z.number(),
    status: ReportStatus,
    lock_version: z.number(),
    is_current: z.boolean(),
    release_at: z.string().optional(),
    published_at: z.string().optional(),
    action: z.string(),
    step_id: z.string().optional(),
    previous_report_id: z.string().optional(),
  })
  .openapi('TransitionResult');
export type TransitionResult = z.infer<typeof TransitionResult>;

export const ApprovalStep = z
  .object({
    id: z.string(),
    report_id: z.string(),
    report_version: z.number(),
    round: z.number(),
    step_order: z.number(),
    approver_duty: StaffDuty,
    action: z.string().nullable(),
    decision: ApprovalDecision,
    decided_by: z.string().nullable(),
    decided_role: z.string().nullable(),
    decided_at: z.string().nullable(),
    comment: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('ApprovalStep');
export type ApprovalStep = z.infer<typeof ApprovalStep>;

export const ReportVersion = z
  .object({
    id: z.string(),
    version: z.number(),
    status: ReportStatus,
    is_current: z.boolean(),
    lock_version: z.number(),
    published_at: z.string().nullable(),
    release_at: z.string().nullable(),
    supersedes_id: z.string().nullable(),
    reopen_reason: z.string().nullable(),
  })
  .openapi('ReportVersion');
export type ReportVersion = z.infer<typeof ReportVersion>;

export const History = z.object({ versions: z.array(ReportVersion), steps: z.array(ApprovalStep) });

export const AwaitingItem = z
  .object({
    report_id: z.string(),
    cycle_id: z.string(),
    student_id: z.string(),
    student_name: z.string(),
    version: z.number(),
    status: ReportStatus,
    lock_version: z.number(),
    action: AwaitedMove,
    approver_duty: StaffDuty,
    round: z.number().nullable(),
    since: z.string(),
  })
  .openapi('AwaitingItem');
export type AwaitingItem = z.infer<typeof AwaitingItem>;

export const AwaitingQuery = z.object({
  limit: z.coerce.number().int().min(1).max(5000).default(500).openapi({ param: { name: 'limit', in: 'query' } }),
});
