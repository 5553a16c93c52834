// The hpc-reports edge function: report generation for the Holistic Progress Card.
import { createFunctionApp } from '../_shared/app.ts';
import config from './deno.json' with { type: 'json' };

const app = createFunctionApp('hpc-reports', config.version);

Deno.serve(app.fetch);
