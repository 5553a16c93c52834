// A route for signed-in users: the OpenAPI definition says it needs a bearer token, and the
// same definition puts the auth middleware in front of the route's validators and handler,
// so that the document and the check cannot disagree. Unknown paths stay a plain 404.
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { signedInUser } from './auth.ts';
import { bearer } from './responses.ts';

export function userRoute<const R extends Omit<RouteConfig, 'security' | 'middleware'>>(config: R) {
  return createRoute({ ...config, security: bearer, middleware: signedInUser });
}
