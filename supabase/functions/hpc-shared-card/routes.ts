// The route of hpc-shared-card: no account, the share link's token in the path.
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, json } from '../_shared/responses.ts';
import { SharedCard } from './schemas.ts';

export const openSharedCard = createRoute({
  method: 'get',
  path: '/cards/{token}',
  summary: 'The printable card of a share link, for a guardian without an account',
  description:
    "Answers the card version the link was issued for, in the link's language, rendered as `hpc-reports` prints it (HTML inside JSON: " +
    "put `html` in an iframe's srcdoc). An unknown, malformed, expired or revoked token, a version no longer the latest published one, " +
    "a guardian no longer the child's or a school with the HPC off all get the same 404 with the same body. " +
    'Requests are limited per token and per client (x-forwarded-for): over the limit, 429 with Retry-After.',
  // Any text is accepted here, so that a malformed token gets the same answer as an unknown one.
  request: { params: z.object({ token: z.string().openapi({ param: { name: 'token', in: 'path' } }) }) },
  responses: {
    200: { description: 'The printable card.', ...json(SharedCard) },
    404: { description: 'The link cannot be opened (one answer, whatever the reason).', ...json(ErrorSchema) },
    429: { description: 'Too many requests for this link or from this client; Retry-After says when to try again.', ...json(ErrorSchema) },
  },
});
