// The hpc-approvals edge function: approval transitions for the Holistic Progress Card.
//
//   POST /hpc-approvals/reports/{id}/transitions  apply {action, comment, expected_version, release_at}
//   GET  /hpc-approvals/reports/{id}/history      every version of the card and every step
//   GET  /hpc-approvals/awaiting                  the cards on which the caller has the next move
//
// The state machine lives in the database (public.hpc_transition_report: actor, duty,
// institution, row lock, expected version, step row, audit); reads go through RLS. Every
// query runs as the caller (pipelineAsCaller: one transaction, role authenticated and the
// caller's claims, one round trip); no route uses service_role.
import { createRoute, z } from '@hono/zod-openapi';
import { createFunctionApp } from '../_shared/app.ts';
import { requireUser } from '../_shared/caller.ts';
import { pipelineAsCaller } from '../_shared/db.ts';
import { ApiError } from '../_shared/errors.ts';
import { assertHpcEnabled, hpcFlagQuery } from '../_shared/hpc-flag.ts';
import { bearer, errorResponses, text } from '../_shared/openapi-common.ts';
import { Constants } from '../_shared/database.types.ts';
import config from './deno.json' with { type: 'json' };

const app = createFunctionApp('hpc-approvals', config.version);

const IdParam = z.object({ id: z.guid().openapi({ param: { name: 'id', in: 'path' } }) });
// The database's enum types, as the generated types list them.
const Enums = Constants.public.Enums;
const Status = z.enum(Enums.hpc_report_status);

const TransitionRequest = z
  .strictObject({
    action: z.enum(Enums.hpc_report_action).openapi({
      description:
        'submit (class teacher: draft | changes_requested → submitted); approve (the pending chain step\'s approver: → in_review, or → approved at the last step); ' +
        'request_changes (the pending step\'s approver, or the principal on an approved card; comment required → changes_requested); ' +
        'publish (principal: approved → published, or scheduled with release_at); reopen (principal, comment = reason: published → a new draft version).',
    }),
    expected_version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
      .openapi({ description: 'The lock_version the caller read; a stale one is a 409.' }),
    comment: text(4000).nullable().optional(),
    release_at: z.iso.datetime({ offset: true }).nullable().optional()
      .openapi({ description: 'publish only: release date; in the future the card stays approved until then.' }),
  })
  .openapi('TransitionRequest');

const TransitionResult = z
  .object({
    report_id: z.string(),
    version: z.number(),
    status: Status,
    lock_version: z.number(),
    is_current: z.boolean(),
    release_at: z.string().optional(),
    published_at: z.string().optional(),
    action: z.string(),
    step_id: z.string().optional(),
    previous_report_id: z.string().optional(),
  })
  .openapi('TransitionResult');

const Step = z
  .object({
    id: z.string(),
    report_id: z.string(),
    report_version: z.number(),
    round: z.number(),
    step_order: z.number(),
    approver_duty: z.enum(Enums.hpc_staff_duty),
    action: z.string().nullable(),
    decision: z.enum(Enums.hpc_approval_decision),
    decided_by: z.string().nullable(),
    decided_role: z.string().nullable(),
    decided_at: z.string().nullable(),
    comment: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('ApprovalStep');

const Version = z
  .object({
    id: z.string(),
    version: z.number(),
    status: Status,
    is_current: z.boolean(),
    lock_version: z.number(),
    published_at: z.string().nullable(),
    release_at: z.string().nullable(),
    supersedes_id: z.string().nullable(),
    reopen_reason: z.string().nullable(),
  })
  .openapi('ReportVersion');

const AwaitingItem = z
  .object({
    report_id: z.string(),
    cycle_id: z.string(),
    student_id: z.string(),
    student_name: z.string(),
    version: z.number(),
    status: Status,
    lock_version: z.number(),
    action: z.enum(Enums.hpc_awaited_move),
    approver_duty: z.enum(Enums.hpc_staff_duty),
    round: z.number().nullable(),
    since: z.string(),
  })
  .openapi('AwaitingItem');

const transitionRoute = createRoute({
  method: 'post',
  path: '/reports/{id}/transitions',
  summary: 'Apply a workflow action to a card',
  description:
    'Checks the caller\'s duty, institution and responsibility for the student, locks the card, compares expected_version with its lock_version (stale: 409), ' +
    'refuses actions that are not valid from the current status (422), writes the step to hpc_approval_workflows and the audit log.',
  security: bearer,
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: TransitionRequest } } },
  },
  responses: {
    200: { description: 'The card after the transition (reopen: the new version).', content: { 'application/json': { schema: z.object({ result: TransitionResult }) } } },
    ...errorResponses,
  },
});

app.openapi(transitionRoute, async (c) => {
  const caller = await requireUser(c);
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const [rows] = await pipelineAsCaller(caller, (tx) => [tx`
    select jsonb_strip_nulls(to_jsonb(public.hpc_transition_report(${id}, ${body.action}, ${body.expected_version},
                                        ${body.comment ?? null}, ${body.release_at ?? null}::timestamptz))) as r`]);
  const result = rows![0]!.r as z.infer<typeof TransitionResult>;
  return c.json({ result }, 200);
});

const historyRoute = createRoute({
  method: 'get',
  path: '/reports/{id}/history',
  summary: 'A card\'s history: every version of it and every approval step',
  security: bearer,
  request: { params: IdParam },
  responses: {
    200: {
      description: 'Versions (oldest first) and steps (by version, round, step), as RLS lets the caller see them.',
      content: { 'application/json': { schema: z.object({ versions: z.array(Version), steps: z.array(Step) }) } },
    },
    ...errorResponses,
  },
});

app.openapi(historyRoute, async (c) => {
  const caller = await requireUser(c);
  const { id } = c.req.valid('param');
  // through RLS: staff see every version and step; families only published versions, no steps
  const [flag, versions, steps] = await pipelineAsCaller(caller, (tx) => [
    hpcFlagQuery(tx),
    tx`
      select r.id, r.version::int as version, r.status, r.is_current, r.lock_version::int as lock_version,
             r.published_at::text as published_at, r.release_at::text as release_at, r.supersedes_id, r.reopen_reason
      from public.hpc_reports as r
      join public.hpc_reports as t
        on t.institution_id = r.institution_id and t.cycle_id = r.cycle_id and t.student_id = r.student_id
      where t.id = ${id}
      order by r.version`,
    tx`
      select w.id, w.report_id, r.version::int as report_version, w.round::int as round, w.step_order::int as step_order,
             w.approver_duty, w.name as action, w.decision, w.decided_by, w.decided_role,
             w.decided_at::text as decided_at, w.comment, w.created_at::text as created_at
      from public.hpc_approval_workflows as w
      join public.hpc_reports as r on r.institution_id = w.institution_id and r.id = w.report_id
      join public.hpc_reports as t
        on t.institution_id = r.institution_id and t.cycle_id = r.cycle_id and t.student_id = r.student_id
      where w.kind = 'step' and t.id = ${id}
      order by r.version, w.round, w.step_order`,
  ]);
  assertHpcEnabled(flag!);
  const history = versions!.length === 0 ? null : {
    versions: [...versions!] as z.infer<typeof Version>[],
    steps: [...steps!] as z.infer<typeof Step>[],
  };
  if (!history) throw new ApiError(404, 'not_found', `No report ${id}.`);
  return c.json(history, 200);
});

const awaitingRoute = createRoute({
  method: 'get',
  path: '/awaiting',
  summary: 'What awaits me: the current cards on which the caller has the next move',
  description: 'review: a pending chain step whose duty the caller holds for the student; publish: approved cards (principal); submit: drafts and cards sent back (class teacher).',
  security: bearer,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(5000).default(500).openapi({ param: { name: 'limit', in: 'query' } }),
    }),
  },
  responses: {
    200: { description: 'Oldest first.', content: { 'application/json': { schema: z.object({ items: z.array(AwaitingItem) }) } } },
    ...errorResponses,
  },
});

app.openapi(awaitingRoute, async (c) => {
  const caller = await requireUser(c);
  const { limit } = c.req.valid('query');
  const [rows] = await pipelineAsCaller(caller, (tx) => [tx`
    select a.report_id, a.cycle_id, a.student_id, a.student_name, a.version::int as version, a.status,
           a.lock_version::int as lock_version, a.action, a.approver_duty, a.round::int as round, a.since::text as since
    from public.hpc_reports_awaiting_me(${limit}) as a`]);
  const items = [...rows!] as z.infer<typeof AwaitingItem>[];
  return c.json({ items }, 200);
});

Deno.serve(app.fetch);
