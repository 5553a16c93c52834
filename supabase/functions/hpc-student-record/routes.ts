// The routes of hpc-student-record: what the school holds about one child, for the school's
// institution admin, as one archive.
import { z } from '@hono/zod-openapi';
import { LANGUAGES } from '../_shared/card/i18n/index.ts';
import { errorResponses } from '../_shared/responses.ts';
import { Id } from '../_shared/schemas.ts';
import { userRoute } from '../_shared/user-route.ts';

export const archive = userRoute({
  method: 'get',
  path: '/{studentId}/archive',
  summary: 'Everything the HPC holds about one child, as a ZIP archive',
  description: "For the institution admin of the child's school (403 for anyone else, 404 for a child of another school): " +
    'README.txt (what is inside, in plain words), record.json and one JSON file per part (ratings, reflections, conversations, ' +
    'achievements, narratives, card versions and their approval steps, peer pairings, evidence files, audit entries), every ' +
    "card version as a printable HTML page, and manifest.json with each file's size and SHA-256.",
  request: {
    params: z.object({ studentId: Id.openapi({ param: { name: 'studentId', in: 'path' } }) }),
    query: z.object({ lang: z.enum(LANGUAGES).default('en').openapi({ param: { name: 'lang', in: 'query' } }) }),
  },
  responses: {
    200: { description: 'The archive.', content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...errorResponses,
  },
});
