// What every HPC function starts from: OpenAPIHono under basePath('/<name>') so that each
// route's zod schemas both validate requests and document them at /<name>/openapi.json;
// a request id and the function's own time (Server-Timing) on every response; one error
// shape for errors, invalid input and unknown routes; GET /<name>/health and the OpenAPI
// document, open to any valid key. The routes of a function are userRoute()s: the caller
// is on their context as c.var.caller.
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './auth.ts';
import { errorBody, handleError } from './errors.ts';
import { healthRoute } from './health.ts';
import { serverTiming } from './server-timing.ts';

export type FunctionApp = ReturnType<typeof createFunctionApp>;

export function createFunctionApp(name: string, version: string) {
  const app = new OpenAPIHono<AppEnv>({
    // zod failures become 400 with the path of every offending field.
    defaultHook: (result, c) => {
      if (result.success) return;
      const details = result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(body)',
        message: issue.message,
      }));
      return c.json(errorBody(c, 'invalid_request', `The ${result.target} is not valid.`, details), 400);
    },
  }).basePath(`/${name}`);
  app.use('*', requestId({ headerName: 'x-request-id' }));
  app.use('*', serverTiming);
  app.onError(handleError);
  app.notFound((c) => c.json(errorBody(c, 'not_found', `No route ${c.req.method} ${c.req.path}.`), 404));
  app.get('/health', healthRoute(name, version));
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: name, version, description: `The ${name} edge function of the Holistic Progress Card.` },
    servers: [{ url: '/functions/v1' }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  return app;
}
