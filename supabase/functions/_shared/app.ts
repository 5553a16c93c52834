// What every HPC function starts from: Hono under basePath('/<name>'), a request id on
// every response, the shared error shape for errors and unknown routes, and /health.
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { errorBody, handleError } from './errors.ts';
import { healthRoute } from './health.ts';

export function createFunctionApp(name: string, version: string) {
  const app = new Hono().basePath(`/${name}`);
  app.use('*', requestId({ headerName: 'x-request-id' }));
  app.onError(handleError);
  app.notFound((c) => c.json(errorBody(c, 'not_found', `No route ${c.req.method} ${c.req.path}.`), 404));
  app.get('/health', healthRoute(name, version));
  return app;
}
