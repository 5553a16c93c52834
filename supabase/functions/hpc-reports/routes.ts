// The routes of hpc-reports: paths, inputs and answers, as OpenAPI documents them.
import { z } from '@hono/zod-openapi';
import { IdParam } from '../_shared/schemas.ts';
import { errorResponses, json } from '../_shared/responses.ts';
import { userRoute } from '../_shared/user-route.ts';
import { BatchProgress, BatchRequest, GenerateRequest, GenerateResult, PrintableCard, PrintQuery, Report } from './schemas.ts';

const batchAnswer = json(z.object({ batch: BatchProgress }));

export const generate = userRoute({
  method: 'post',
  path: '/generate',
  summary: "Compile one student's card as the current draft",
  description:
    "Compiles the student's card for the cycle into the current draft version (unchanged data changes nothing: `outcome: unchanged`). " +
    'Class teacher of the section, coordinator of the stage, principal, institution admin. A whole section or cycle: POST /batches.',
  request: { body: { required: true, ...json(GenerateRequest) } },
  responses: {
    200: { description: 'The stored card.', ...json(z.object({ report: GenerateResult })) },
    ...errorResponses,
  },
});

export const startBatch = userRoute({
  method: 'post',
  path: '/batches',
  summary: 'Start a batch over a section or a whole cycle; it runs in the background',
  description:
    'Generate every card, or apply one transition (submit, approve, request_changes, publish) to every current card, of a section or (without section_id) of the cycle. ' +
    'Answers 202 with the batch; poll GET /batches/{id}. With `wait: true` the request runs it to the end and answers 200. ' +
    'Section: its class teacher or a coordinator, principal, admin; cycle: a coordinator, principal or admin. Each card is checked as a single call would be.',
  request: { body: { required: true, ...json(BatchRequest) } },
  responses: {
    200: { description: 'The batch ran to the end (wait: true).', ...batchAnswer },
    202: { description: 'The batch was recorded and runs in the background.', ...batchAnswer },
    ...errorResponses,
  },
});

export const batchProgress = userRoute({
  method: 'get',
  path: '/batches/{id}',
  summary: "A batch's progress",
  request: { params: IdParam },
  responses: {
    200: { description: 'Progress, committed after every chunk.', ...batchAnswer },
    ...errorResponses,
  },
});

export const resumeBatch = userRoute({
  method: 'post',
  path: '/batches/{id}/resume',
  summary: 'Run what is left of a batch (after an interruption) and return its progress',
  request: { params: IdParam },
  responses: {
    200: { description: 'Progress after the run (busy: another runner holds the batch).', ...batchAnswer },
    ...errorResponses,
  },
});

export const readReport = userRoute({
  method: 'get',
  path: '/reports/{id}',
  summary: 'A card (one version) as JSON',
  request: { params: IdParam },
  responses: {
    200: { description: 'The card, as RLS lets the caller see it.', ...json(z.object({ report: Report })) },
    ...errorResponses,
  },
});

export const printReport = userRoute({
  method: 'get',
  path: '/reports/{id}/print',
  summary: 'The printable card: an A4 HTML document (English or Hindi) inside JSON',
  description:
    "Supabase serves a function's `text/html` GET responses as `text/plain` on its default domain, so the HTML comes inside JSON: " +
    'the frontend writes `html` into an iframe (srcdoc) or a new window and calls print(). The document is self-contained (inline CSS and SVG icons), ' +
    'A4 portrait, with Term 1 / Term 2 columns, the level icons and a signature block.',
  request: { params: IdParam, query: PrintQuery },
  responses: {
    200: { description: 'The printable document.', ...json(PrintableCard) },
    ...errorResponses,
  },
});
