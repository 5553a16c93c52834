// The routes of hpc-class-sheet: a teacher's ratings of one section in one cycle, in one
// request, as JSON or as a spreadsheet (CSV) that the teacher downloads, fills in and uploads.
import { z } from '@hono/zod-openapi';
import { errorResponses, ErrorSchema, json } from '../_shared/responses.ts';
import { userRoute } from '../_shared/user-route.ts';
import { ImportQuery, ImportResult, SaveRequest, SaveResult, SheetParams } from './schemas.ts';

export const save = userRoute({
  method: 'post',
  path: '/{cycleId}/{sectionId}',
  summary: "Save the caller's ratings of a section in one request",
  description: 'Every cell is checked (the student in the section, the parameter assigned to the caller there, the level on its scale, ' +
    'the cycle open); all are written or none. A problem answers 422 with every problem and its cell (details.problems). ' +
    'Sending the same cells again changes nothing.',
  request: { params: SheetParams, body: { required: true, ...json(SaveRequest) } },
  responses: { 200: { description: 'What was written (or, in a dry run, would be).', ...json(SaveResult) }, ...errorResponses },
});

export const download = userRoute({
  method: 'get',
  path: '/{cycleId}/{sectionId}/csv',
  summary: 'The class sheet as a CSV file to fill in',
  description: 'One row per student, two columns per parameter assigned to the caller (`<code> level`, `<code> observation`), ' +
    "with the caller's stored ratings. Values a spreadsheet would run as formulas are written as text.",
  request: { params: SheetParams },
  responses: {
    200: { description: 'UTF-8 CSV with a byte order mark (Excel reads it as UTF-8).', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses,
  },
});

export const upload = userRoute({
  method: 'post',
  path: '/{cycleId}/{sectionId}/csv',
  summary: 'Check, or save, a filled-in class sheet file',
  description: 'The body is the CSV file (text/csv, UTF-8, at most 2 MB and 1,000 rows). With dry_run=true (the default) every ' +
    'problem is answered by row and column in plain words; with dry_run=false the file is saved through the same checks as ' +
    'the JSON route, all or nothing. A blank cell leaves the stored value as it is.',
  request: { params: SheetParams, query: ImportQuery, body: { required: true, content: { 'text/csv': { schema: z.string() } } } },
  responses: {
    200: { description: 'What was written, or in a dry run would be, and the problems found.', ...json(ImportResult) },
    413: { description: 'The file is larger than 2 MB.', ...json(ErrorSchema) },
    415: { description: 'The body is not text/csv.', ...json(ErrorSchema) },
    ...errorResponses,
  },
});
