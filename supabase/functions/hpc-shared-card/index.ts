// The hpc-shared-card edge function: a card shared with a family, opened without an account.
//
//   GET /hpc-shared-card/cards/{token}   the printable card of a share link: HTML inside JSON
//
// verify_jwt is off for it (supabase/config.toml): the token in the path is the credential.
import { createFunctionApp } from '../_shared/app.ts';
import * as handlers from './handlers.ts';
import * as routes from './routes.ts';
import config from './deno.json' with { type: 'json' };

const app = createFunctionApp('hpc-shared-card', config.version);
app.openapi(routes.openSharedCard, handlers.openSharedCard);

Deno.serve(app.fetch);
