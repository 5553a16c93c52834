// What every route's OpenAPI description shares: the one error shape, the error responses
// every HPC route can give, the bearer scheme and JSON bodies.
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

/** A JSON body or answer of the given schema. */
export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
