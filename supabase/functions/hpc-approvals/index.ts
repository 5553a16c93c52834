// The hpc-approvals edge function: approval transitions for the Holistic Progress Card.
import { createFunctionApp } from '../_shared/app.ts';
import config from './deno.json' with { type: 'json' };

const app = createFunctionApp('hpc-approvals', config.version);

Deno.serve(app.fetch);
