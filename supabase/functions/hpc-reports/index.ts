// The hpc-reports edge function: report generation for the Holistic Progress Card.
//
//   POST /hpc-reports/generate            compile one student's card
//   POST /hpc-reports/batches             start a batch (generate / transition) over a section or cycle
//   GET  /hpc-reports/batches/{id}        its progress (readable while it runs)
//   POST /hpc-reports/batches/{id}/resume run what is left of a batch
//   GET  /hpc-reports/reports/{id}        a card as JSON
//   GET  /hpc-reports/reports/{id}/print  the printable card: HTML (A4, English or Hindi) inside JSON
import { createFunctionApp } from '../_shared/app.ts';
import * as handlers from './handlers.ts';
import * as routes from './routes.ts';
import config from './deno.json' with { type: 'json' };

const app = createFunctionApp('hpc-reports', config.version);
app.openapi(routes.generate, handlers.generate);
app.openapi(routes.startBatch, handlers.startBatch);
app.openapi(routes.batchProgress, handlers.batchProgress);
app.openapi(routes.resumeBatch, handlers.resumeBatch);
app.openapi(routes.readReport, handlers.readReport);
app.openapi(routes.printReport, handlers.printReport);

Deno.serve(app.fetch);
