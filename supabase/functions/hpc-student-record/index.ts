// The hpc-student-record edge function: what the school holds about one child.
//
//   GET /hpc-student-record/{studentId}/archive   the child's HPC record as a ZIP archive
import { createFunctionApp } from '../_shared/app.ts';
import * as handlers from './handlers.ts';
import * as routes from './routes.ts';
import config from './deno.json' with { type: 'json' };

const app = createFunctionApp('hpc-student-record', config.version);
app.openapi(routes.archive, handlers.archive);

Deno.serve(app.fetch);
