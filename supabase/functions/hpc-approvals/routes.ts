// The routes of hpc-approvals: paths, inputs and answers, as OpenAPI documents them.
import { z } from '@hono/zod-openapi';
import { IdParam } from '../_shared/schemas.ts';
import { errorResponses, json } from '../_shared/responses.ts';
import { userRoute } from '../_shared/user-route.ts';
import { AwaitingItem, AwaitingQuery, History, TransitionRequest, TransitionResult } from './schemas.ts';

export const transition = userRoute({
  method: 'post',
  path: '/reports/{id}/transitions',
  summary: 'Apply a workflow action to a card',
  description:
    "Checks the caller's duty, institution and responsibility for the student, locks the card, compares expected_version with its lock_version (stale: 409), " +
    'refuses actions that are not valid from the current status (422), writes the step to hpc_approval_workflows and the audit log.',
  request: { params: IdParam, body: { required: true, ...json(TransitionRequest) } },
  responses: {
    200: { description: 'The card after the transition (reopen: the new version).', ...json(z.object({ result: TransitionResult })) },
    ...errorResponses,
  },
});

export const history = userRoute({
  method: 'get',
  path: '/reports/{id}/history',
  summary: "A card's history: every version of it and every approval step",
  request: { params: IdParam },
  responses: {
    200: { description: 'Versions (oldest first) and steps (by version, round, step), as RLS lets the caller see them.', ...json(History) },
    ...errorResponses,
  },
});

export const awaiting = userRoute({
  method: 'get',
  path: '/awaiting',
  summary: 'What awaits me: the current cards on which the caller has the next move',
  description:
    'review: a pending chain step whose duty the caller holds for the student; publish: approved cards (principal); submit: drafts and cards sent back (class teacher).',
  request: { query: AwaitingQuery },
  responses: {
    200: { description: 'Oldest first.', ...json(z.object({ items: z.array(AwaitingItem) })) },
    ...errorResponses,
  },
});
