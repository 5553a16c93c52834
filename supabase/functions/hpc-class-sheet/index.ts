// The hpc-class-sheet edge function: a teacher's ratings of one section in one cycle.
//
//   POST /hpc-class-sheet/{cycleId}/{sectionId}       save cells (JSON), all or none; dry_run checks
//   GET  /hpc-class-sheet/{cycleId}/{sectionId}/csv   the sheet as a CSV file to fill in
//   POST /hpc-class-sheet/{cycleId}/{sectionId}/csv   check (dry_run=true) or save a filled-in file
import { bodyLimit } from 'hono/body-limit';
import { createFunctionApp } from '../_shared/app.ts';
import { ApiError } from '../_shared/errors.ts';
import * as handlers from './handlers.ts';
import * as routes from './routes.ts';
import { MAX_FILE_BYTES } from './sheet-csv.ts';
import config from './deno.json' with { type: 'json' };

const app = createFunctionApp('hpc-class-sheet', config.version);
// A file over the limit is refused as it streams in, never read whole.
app.use(
  '/:cycleId/:sectionId/csv',
  bodyLimit({
    maxSize: MAX_FILE_BYTES,
    onError: () => {
      throw new ApiError(413, 'file_too_large', 'A class sheet file may be at most 2 MB.');
    },
  }),
);
app.openapi(routes.save, handlers.save);
app.openapi(routes.download, handlers.download);
app.openapi(routes.upload, handlers.upload);

Deno.serve(app.fetch);
