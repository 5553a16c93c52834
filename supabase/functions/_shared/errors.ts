// One error shape for every function: { error: { code, message, details?, requestId } }.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(status, { message });
  }
}

export function errorBody(c: Context, code: string, message: string, details?: unknown) {
  const error: Record<string, unknown> = { code, message };
  if (details !== undefined) error.details = details;
  error.requestId = c.get('requestId') ?? null;
  return { error };
}

/** The single app.onError: known errors keep their status; anything else is a logged 500. */
export function handleError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    return c.json(errorBody(c, err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    // Hono raises these for bodies it cannot parse (malformed JSON): the client's mistake.
    const status = err.status;
    return c.json(errorBody(c, status === 400 ? 'invalid_request' : 'http_error', err.message || 'Bad request.'), status);
  }
  console.error(`[${c.get('requestId')}]`, err);
  return c.json(errorBody(c, 'internal_error', 'An unexpected error occurred.'), 500);
}
