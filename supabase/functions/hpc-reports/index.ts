// The hpc-reports edge function: report generation for the Holistic Progress Card.
//
//   POST /hpc-reports/generate            compile one student's card, or every card of a section
//   POST /hpc-reports/batches             start a batch (generate / transition) over a section or cycle
//   GET  /hpc-reports/batches/{id}        its progress (readable while it runs)
//   POST /hpc-reports/batches/{id}/resume run what is left of a batch
//   GET  /hpc-reports/reports/{id}        a card as JSON
//   GET  /hpc-reports/reports/{id}/print  the printable card: HTML (A4, English or Hindi) inside JSON
//
// The rules live in the database (public.hpc_generate_report, hpc_batch_start, hpc_batch_run:
// security definer functions that check the caller's duties); reads go through RLS. Every
// query runs as the caller (pipelineAsCaller: one transaction, role authenticated and the
// caller's claims, one round trip); no route uses service_role.
import { createRoute, z } from '@hono/zod-openapi';
import { createFunctionApp } from '../_shared/app.ts';
import { requireUser, type Caller } from '../_shared/caller.ts';
import { pipelineAsCaller } from '../_shared/db.ts';
import { ApiError } from '../_shared/errors.ts';
import { assertHpcEnabled, hpcFlagQuery } from '../_shared/hpc-flag.ts';
import { bearer, errorResponses, text } from '../_shared/openapi-common.ts';
import { Constants } from '../_shared/database.types.ts';
import { renderCard, type CardContent } from './render.ts';
import config from './deno.json' with { type: 'json' };

const app = createFunctionApp('hpc-reports', config.version);

// The database's enum types, as the generated types list them.
const Enums = Constants.public.Enums;
const Id = z.guid();
const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

const GenerateResult = z
  .object({
    report_id: z.string(),
    cycle_id: z.string(),
    student_id: z.string(),
    version: z.number(),
    status: z.enum(Enums.hpc_report_status),
    lock_version: z.number(),
    content_hash: z.string().nullable(),
    outcome: z.enum(Enums.hpc_generate_outcome),
  })
  .openapi('GenerateResult');

const JobProgress = z
  .object({
    job_id: z.string(),
    kind: z.enum(Enums.hpc_batch_kind),
    action: z.enum(Enums.hpc_report_action).nullable(),
    cycle_id: z.string(),
    section_id: z.string().nullable(),
    status: z.enum(Enums.hpc_batch_status),
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

const Report = z
  .object({
    id: z.string(),
    cycle_id: z.string(),
    student_id: z.string(),
    version: z.number(),
    status: z.enum(Enums.hpc_report_status),
    is_current: z.boolean(),
    lock_version: z.number(),
    language: z.string(),
    content_hash: z.string().nullable(),
    content: z.record(z.string(), z.unknown()),
    release_at: z.string().nullable(),
    published_at: z.string().nullable(),
    supersedes_id: z.string().nullable(),
    reopen_reason: z.string().nullable(),
    updated_at: z.string(),
  })
  .openapi('Report');

// ---------------------------------------------------------------------------------------
// Batches: each chunk is one transaction as the caller, so progress is committed (and
// readable) after every chunk, and a batch interrupted anywhere resumes from its cursor.
const CHUNK_ITEMS = 25;
const CHUNK_MS = 1500;

type Progress = z.infer<typeof JobProgress>;

async function runChunk(caller: Caller, jobId: string): Promise<Progress> {
  const [rows] = await pipelineAsCaller(caller, (tx) => [tx`select to_jsonb(public.hpc_batch_run(${jobId}, ${CHUNK_ITEMS}, ${CHUNK_MS})) as p`]);
  return rows![0]!.p as Progress;
}

async function runToEnd(caller: Caller, jobId: string): Promise<Progress> {
  for (;;) {
    const progress = await runChunk(caller, jobId);
    if (progress.done || progress.busy) return progress;
  }
}

async function startBatch(
  caller: Caller,
  args: { kind: 'generate' | 'transition'; cycleId: string; sectionId: string | null; action: string | null; comment: string | null; releaseAt: string | null },
): Promise<Progress> {
  const [rows] = await pipelineAsCaller(caller, (tx) => [tx`
    select to_jsonb(public.hpc_batch_start(${args.kind}, ${args.cycleId}, ${args.sectionId}, ${args.action},
                                           ${args.comment}, ${args.releaseAt}::timestamptz)) as p`]);
  return rows![0]!.p as Progress;
}

/** Keeps background work alive on Supabase's edge runtime; the local Deno host lives on. */
function inBackground(work: Promise<unknown>): void {
  const runtime = (globalThis as { EdgeRuntime?: { waitUntil(p: Promise<unknown>): void } }).EdgeRuntime;
  const guarded = work.catch((error) => console.error('batch failed (resume it with POST /batches/{id}/resume)', error));
  runtime?.waitUntil(guarded);
}

// ---------------------------------------------------------------------------------------
const generateRoute = createRoute({
  method: 'post',
  path: '/generate',
  summary: 'Compile a card (one student) or every card of a section, as the current draft',
  description:
    'With `student_id`: compiles that student\'s card for the cycle into the current draft version (unchanged data changes nothing: `outcome: unchanged`). ' +
    'With `section_id`: runs a generate batch over the section to the end and returns its progress (readable meanwhile at GET /batches/{id}). ' +
    'Class teacher of the section, coordinator of the stage, principal, institution admin.',
  security: bearer,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .strictObject({ cycle_id: Id, student_id: Id.optional(), section_id: Id.optional() })
            .refine((b) => (b.student_id === undefined) !== (b.section_id === undefined), {
              message: 'give exactly one of student_id and section_id',
              path: ['student_id'],
            })
            .openapi('GenerateRequest'),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The stored card (student) or the finished batch (section).',
      content: { 'application/json': { schema: z.object({ report: GenerateResult.optional(), batch: JobProgress.optional() }) } },
    },
    ...errorResponses,
  },
});

app.openapi(generateRoute, async (c) => {
  const caller = await requireUser(c);
  const body = c.req.valid('json');
  const studentId = body.student_id;
  if (studentId) {
    const [rows] = await pipelineAsCaller(caller, (tx) => [tx`select to_jsonb(public.hpc_generate_report(${body.cycle_id}, ${studentId})) as r`]);
    const report = rows![0]!.r as z.infer<typeof GenerateResult>;
    return c.json({ report }, 200);
  }
  const started = await startBatch(caller, {
    kind: 'generate', cycleId: body.cycle_id, sectionId: body.section_id ?? null, action: null, comment: null, releaseAt: null,
  });
  return c.json({ batch: await runToEnd(caller, started.job_id) }, 200);
});

const batchRoute = createRoute({
  method: 'post',
  path: '/batches',
  summary: 'Start a batch over a section or a whole cycle; it runs in the background',
  description:
    'Generate every card, or apply one transition (submit, approve, request_changes, publish) to every current card, of a section or (without section_id) of the cycle. ' +
    'Answers 202 with the job; poll GET /batches/{id}. With `wait: true` the request runs it to the end and answers 200. ' +
    'Section: its class teacher or a coordinator, principal, admin; cycle: a coordinator, principal or admin. Each card is checked as a single call would be.',
  security: bearer,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .strictObject({
              kind: z.enum(Enums.hpc_batch_kind),
              cycle_id: Id,
              section_id: Id.optional(),
              // a batch never reopens: a reopen needs a reason per card
              action: z.enum(Enums.hpc_report_action).exclude(['reopen']).optional(),
              comment: text(4000).optional(),
              release_at: z.iso.datetime({ offset: true }).optional(),
              wait: z.boolean().optional(),
            })
            .refine((b) => (b.kind === 'transition') === (b.action !== undefined), {
              message: 'a transition batch needs an action; a generate batch none',
              path: ['action'],
            })
            .openapi('BatchRequest'),
        },
      },
    },
  },
  responses: {
    200: { description: 'The batch ran to the end (wait: true).', content: { 'application/json': { schema: z.object({ batch: JobProgress }) } } },
    202: { description: 'The batch was recorded and runs in the background.', content: { 'application/json': { schema: z.object({ batch: JobProgress }) } } },
    ...errorResponses,
  },
});

app.openapi(batchRoute, async (c) => {
  const caller = await requireUser(c);
  const body = c.req.valid('json');
  const started = await startBatch(caller, {
    kind: body.kind, cycleId: body.cycle_id, sectionId: body.section_id ?? null, action: body.action ?? null,
    comment: body.comment ?? null, releaseAt: body.release_at ?? null,
  });
  if (body.wait) return c.json({ batch: await runToEnd(caller, started.job_id) }, 200);
  inBackground(runToEnd(caller, started.job_id));
  return c.json({ batch: started }, 202);
});

const batchStatusRoute = createRoute({
  method: 'get',
  path: '/batches/{id}',
  summary: 'A batch\'s progress',
  security: bearer,
  request: { params: IdParam },
  responses: {
    200: { description: 'Progress, committed after every chunk.', content: { 'application/json': { schema: z.object({ batch: JobProgress }) } } },
    ...errorResponses,
  },
});

app.openapi(batchStatusRoute, async (c) => {
  const caller = await requireUser(c);
  const { id } = c.req.valid('param');
  // read through RLS: the requester and the institution's leaders see it
  const [flag, rows] = await pipelineAsCaller(caller, (tx) => [hpcFlagQuery(tx), tx`
      select jsonb_build_object(
        'job_id', j.id, 'kind', j.kind, 'action', j.action, 'cycle_id', j.cycle_id, 'section_id', j.section_id,
        'status', j.status, 'total', j.total, 'processed', j.processed, 'succeeded', j.succeeded,
        'unchanged', j.unchanged, 'skipped', j.skipped, 'failed', j.failed, 'errors', j.errors,
        'started_at', j.started_at, 'finished_at', j.finished_at,
        'done', j.status in ('completed', 'cancelled')) as p
      from public.report_jobs as j where j.id = ${id}`]);
  assertHpcEnabled(flag!);
  const batch = rows![0]?.p as Progress | undefined;
  if (!batch) throw new ApiError(404, 'not_found', `No batch ${id}.`);
  return c.json({ batch }, 200);
});

const resumeRoute = createRoute({
  method: 'post',
  path: '/batches/{id}/resume',
  summary: 'Run what is left of a batch (after an interruption) and return its progress',
  security: bearer,
  request: { params: IdParam },
  responses: {
    200: { description: 'Progress after the run (busy: another runner holds the batch).', content: { 'application/json': { schema: z.object({ batch: JobProgress }) } } },
    ...errorResponses,
  },
});

app.openapi(resumeRoute, async (c) => {
  const caller = await requireUser(c);
  const { id } = c.req.valid('param');
  return c.json({ batch: await runToEnd(caller, id) }, 200);
});

// ---------------------------------------------------------------------------------------
async function readReport(caller: Caller, id: string): Promise<z.infer<typeof Report>> {
  // through RLS: teachers their students, leaders the institution, families published cards
  const [flag, rows] = await pipelineAsCaller(caller, (tx) => [hpcFlagQuery(tx), tx`
      select r.id, r.cycle_id, r.student_id, r.version::int as version, r.status, r.is_current,
             r.lock_version::int as lock_version, r.language, r.content_hash, r.content,
             r.release_at::text as release_at, r.published_at::text as published_at,
             r.supersedes_id, r.reopen_reason, r.updated_at::text as updated_at
      from public.hpc_reports as r
      where r.id = ${id}`]);
  assertHpcEnabled(flag!);
  const report = rows![0] as z.infer<typeof Report> | undefined;
  if (!report) throw new ApiError(404, 'not_found', `No report ${id}.`);
  return report;
}

const readRoute = createRoute({
  method: 'get',
  path: '/reports/{id}',
  summary: 'A card (one version) as JSON',
  security: bearer,
  request: { params: IdParam },
  responses: {
    200: { description: 'The card, as RLS lets the caller see it.', content: { 'application/json': { schema: z.object({ report: Report }) } } },
    ...errorResponses,
  },
});

app.openapi(readRoute, async (c) => {
  const caller = await requireUser(c);
  const { id } = c.req.valid('param');
  return c.json({ report: await readReport(caller, id) }, 200);
});

const printRoute = createRoute({
  method: 'get',
  path: '/reports/{id}/print',
  summary: 'The printable card: an A4 HTML document (English or Hindi) inside JSON',
  description:
    'Supabase serves a function\'s `text/html` GET responses as `text/plain` on its default domain, so the HTML comes inside JSON: ' +
    'the frontend writes `html` into an iframe (srcdoc) or a new window and calls print(). The document is self-contained (inline CSS and SVG icons), ' +
    'A4 portrait, with Term 1 / Term 2 columns, the level icons and a signature block.',
  security: bearer,
  request: {
    params: IdParam,
    query: z.object({ lang: z.enum(['en', 'hi']).default('en').openapi({ param: { name: 'lang', in: 'query' } }) }),
  },
  responses: {
    200: {
      description: 'The printable document.',
      content: {
        'application/json': {
          schema: z
            .object({
              report_id: z.string(),
              version: z.number(),
              status: z.string(),
              language: z.enum(['en', 'hi']),
              filename: z.string(),
              content_type: z.literal('text/html; charset=utf-8'),
              html: z.string(),
            })
            .openapi('PrintableCard'),
        },
      },
    },
    ...errorResponses,
  },
});

app.openapi(printRoute, async (c) => {
  const caller = await requireUser(c);
  const { id } = c.req.valid('param');
  const { lang } = c.req.valid('query');
  const report = await readReport(caller, id);
  const html = renderCard(report.content as CardContent, {
    reportId: report.id,
    version: report.version,
    status: report.status,
    contentHash: report.content_hash,
    publishedAt: report.published_at,
  }, lang);
  const student = String((report.content as CardContent).student?.admission_number ?? report.student_id).replace(/[^A-Za-z0-9_-]/g, '_');
  return c.json({
    report_id: report.id,
    version: report.version,
    status: report.status,
    language: lang,
    filename: `hpc-${student}-v${report.version}-${lang}.html`,
    content_type: 'text/html; charset=utf-8' as const,
    html,
  }, 200);
});

Deno.serve(app.fetch);
