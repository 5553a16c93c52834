// Schemas shared by the OpenAPI documents of the functions: the one error shape and the
// error responses every HPC route can give.
import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'conflict' }),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().nullable(),
    }),
  })
  .openapi('Error');

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

export const errorResponses = {
  400: error('Invalid request (zod: `details` lists each field path and message).'),
  401: error('Missing or invalid token, or an API key instead of a user.'),
  403: error('Forbidden for this caller, or `hpc_disabled` when the HPC is off for the institution.'),
  404: error('Unknown id, or one the caller may not see.'),
  409: error('Stale expected_version, or a concurrent change.'),
  422: error('The action is not valid from the current state.'),
} as const;

export const bearer = [{ bearer: [] as string[] }];

/** Text without NUL characters (PostgreSQL text cannot hold them). */
export const text = (max: number) =>
  z.string().max(max).refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');
