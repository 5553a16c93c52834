// Server-Timing: how long the function itself took (`fn`, from routing to the answer), so
// that a caller — and `npm run bench:reports` — can tell the function's time from the
// network's and the gateway's.
import { createMiddleware } from 'hono/factory';

export const serverTiming = createMiddleware(async (c, next) => {
  const started = performance.now();
  await next();
  c.res.headers.append('server-timing', `fn;dur=${(performance.now() - started).toFixed(2)}`);
});
