// The bodies and answers of hpc-reports.
import { z } from '@hono/zod-openapi';
import { BatchKind, BatchStatus, DateTime, GenerateOutcome, Id, ReportAction, ReportStatus, text } from '../_shared/schemas.ts';
import { CardContent } from '../_shared/card/contract.ts';
import { LANGUAGES } from '../_shared/card/i18n/index.ts';

export const GenerateRequest = z
  .strictObject({ cycle_id: Id, student_id: Id })
  .openapi('GenerateRequest');

export const GenerateResult = z
  .object({
    report_id: z.string(),
    cycle_id: z.string(),
    student_id: z.string(),
    version: z.number(),
    status: ReportStatus,
    lock_version: z.number(),
    content_hash: z.string().nullable(),
    outcome: GenerateOutcome,
  })
  .openapi('GenerateResult');
export type GenerateResult = z.infer<typeof GenerateResult>;

export const BatchRequest = z
  .strictObject({
    kind: BatchKind,
    cycle_id: Id,
    section_id: Id.optional(),
    // a batch never reopens: a reopen needs a reason per card
    action: ReportAction.exclude(['reopen']).optional(),
    comment: text(4000).optional(),
    release_at: DateTime.optional(),
    wait: z.boolean().optional(),
  })
  .refine((b) => (b.kind === 'transition') === (b.action !== undefined), {
    message: 'a transition batch needs an action; a generate batch none',
    path: ['action'],
  })
  .openapi('BatchRequest');
export type BatchRequest = z.infer<typeof BatchRequest>;

/** A batch's progress. `job_id` is its id, named as the database's hpc_batch_progress names it. */
export const BatchProgress = z
  .object({
    job_id: z.string(),
    kind: BatchKind,
    action: ReportAction.nullable(),
    cycle_id: z.string(),
    section_id: z.string().nullable(),
    status: BatchStatus,
    total: z.number(),
    processed: z.number(),
    succeeded: z.number(),
    unchanged: z.number(),
    skipped: z.number(),
    failed: z.number(),
    errors: z.array(z.object({ student_id: z.string(), code: z.string(), message: z.string() })),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    done: z.boolean(),
    busy: z.boolean().optional(),
  })
  .openapi('BatchProgress');
export type BatchProgress = z.infer<typeof BatchProgress>;

export const Report = z
  .object({
    id: z.string(),
    cycle_id: z.string(),
    student_id: z.string(),
    version: z.number(),
    status: ReportStatus,
    is_current: z.boolean(),
    lock_version: z.number(),
    language: z.string(),
    content_hash: z.string().nullable(),
    content: CardContent,
    release_at: z.string().nullable(),
    published_at: z.string().nullable(),
    supersedes_id: z.string().nullable(),
    reopen_reason: z.string().nullable(),
    updated_at: z.string(),
  })
  .openapi('Report');
export type Report = z.infer<typeof Report>;

export const PrintQuery = z.object({
  lang: z.enum(LANGUAGES).default('en').openapi({ param: { name: 'lang', in: 'query' } }),
});

export const PrintableCard = z
  .object({
    report_id: z.string(),
    version: z.number(),
    status: ReportStatus,
    language: z.enum(LANGUAGES),
    filename: z.string(),
    content_type: z.literal('text/html; charset=utf-8'),
    html: z.string(),
  })
  .openapi('PrintableCard');
