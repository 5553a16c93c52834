// The hpc-approvals edge function: approval transitions for the Holistic Progress Card.
//
//   POST /hpc-approvals/reports/{id}/transitions  apply {action, comment, expected_version, release_at}
//   GET  /hpc-approvals/reports/{id}/history      every version of the card and every step
//   GET  /hpc-approvals/awaiting                  the cards on which the caller has the next move
import { createFunctionApp } from '../_shared/app.ts';
import * as handlers from './handlers.ts';
import * as routes from './routes.ts';
import config from './deno.json' with { type: 'json' };

const app = createFunctionApp('hpc-approvals', config.version);
app.openapi(routes.transition, handlers.transition);
app.openapi(routes.history, handlers.history);
app.openapi(routes.awaiting, handlers.awaiting);

Deno.serve(app.fetch);
