// The handlers of hpc-approvals: validated input in, the database's answer out.
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../_shared/auth.ts';
import { ApiError } from '../_shared/errors.ts';
import { awaitingMe, readHistory, transitionReport } from './queries.ts';
import type * as routes from './routes.ts';

export const transition: RouteHandler<typeof routes.transition, AppEnv> = async (c) => {
  const result = await transitionReport(c.var.caller, c.req.valid('param').id, c.req.valid('json'));
  return c.json({ result }, 200);
};

export const history: RouteHandler<typeof routes.history, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const found = await readHistory(c.var.caller, id);
  if (!found) throw new ApiError(404, 'not_found', `No report ${id}.`);
  return c.json(found, 200);
};

export const awaiting: RouteHandler<typeof routes.awaiting, AppEnv> = async (c) => {
  const items = await awaitingMe(c.var.caller, c.req.valid('query').limit);
  return c.json({ items }, 200);
};
