// The handlers of hpc-reports: validated input in, the database's answer out.
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv, Caller } from '../_shared/auth.ts';
import { ApiError } from '../_shared/errors.ts';
import { inBackground, runToEnd } from './batches.ts';
import { CardContent } from '../_shared/card/contract.ts';
import { renderCard } from '../_shared/card/render.ts';
import * as db from './queries.ts';
import type * as routes from './routes.ts';

export const generate: RouteHandler<typeof routes.generate, AppEnv> = async (c) => {
  const { cycle_id, student_id } = c.req.valid('json');
  return c.json({ report: await db.generateReport(c.var.caller, cycle_id, student_id) }, 200);
};

export const startBatch: RouteHandler<typeof routes.startBatch, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const started = await db.startBatch(c.var.caller, body);
  if (body.wait) return c.json({ batch: await runToEnd(c.var.caller, started.job_id) }, 200);
  inBackground(runToEnd(c.var.caller, started.job_id));
  return c.json({ batch: started }, 202);
};

export const batchProgress: RouteHandler<typeof routes.batchProgress, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const batch = await db.readBatch(c.var.caller, id);
  if (!batch) throw new ApiError(404, 'not_found', `No batch ${id}.`);
  return c.json({ batch }, 200);
};

export const resumeBatch: RouteHandler<typeof routes.resumeBatch, AppEnv> = async (c) => {
  return c.json({ batch: await runToEnd(c.var.caller, c.req.valid('param').id) }, 200);
};

/** The card with its content checked against the contract; 404 if the caller may not see it. */
async function visibleReport(caller: Caller, id: string) {
  const row = await db.readReport(caller, id);
  if (!row) throw new ApiError(404, 'not_found', `No report ${id}.`);
  return { ...row, content: CardContent.parse(row.content) };
}

export const readReport: RouteHandler<typeof routes.readReport, AppEnv> = async (c) => {
  return c.json({ report: await visibleReport(c.var.caller, c.req.valid('param').id) }, 200);
};

export const printReport: RouteHandler<typeof routes.printReport, AppEnv> = async (c) => {
  const { lang } = c.req.valid('query');
  const report = await visibleReport(c.var.caller, c.req.valid('param').id);
  const html = renderCard(report.content, {
    reportId: report.id,
    version: report.version,
    status: report.status,
    contentHash: report.content_hash,
    publishedAt: report.published_at,
  }, lang);
  const student = String(report.content.student?.admission_number ?? report.student_id).replace(/[^A-Za-z0-9_-]/g, '_');
  return c.json({
    report_id: report.id,
    version: report.version,
    status: report.status,
    language: lang,
    filename: `hpc-${student}-v${report.version}-${lang}.html`,
    content_type: 'text/html; charset=utf-8' as const,
    html,
  }, 200);
};
