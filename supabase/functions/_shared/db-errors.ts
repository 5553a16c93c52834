// Database errors → HTTP. The rules live in the database; their refusals carry SQLSTATEs
// that say which kind of refusal it is, and this is the one place that maps them. A
// client's mistake is never a 500.
// @ts-types="@types/pg"
import pg from 'pg';
import { ApiError } from './errors.ts';

/** Our codes, which the HPC database functions raise on purpose (see the migrations). The
 * statuses must equal the database's own table, private.api_error_status(code), which
 * PostgREST answers rpc() calls with (tests/functions/error-statuses.test.ts checks both). */
export const HPC_CODES: Record<string, { status: 400 | 403 | 404 | 409 | 422; code: string }> = {
  HP400: { status: 400, code: 'invalid_request' },
  HP403: { status: 403, code: 'forbidden' },
  HP404: { status: 404, code: 'not_found' },
  HP409: { status: 409, code: 'conflict' },
  HP422: { status: 422, code: 'invalid_transition' },
  HPOFF: { status: 403, code: 'hpc_disabled' },
};

/** Standard SQLSTATEs a client can cause. */
const STANDARD_CODES: Record<string, { status: 400 | 403 | 404 | 409 | 422; code: string }> = {
  '42501': { status: 403, code: 'forbidden' }, // insufficient_privilege (grants, RLS with check)
  '23505': { status: 409, code: 'conflict' }, // unique_violation
  '40001': { status: 409, code: 'conflict' }, // serialization_failure
  '40P01': { status: 409, code: 'conflict' }, // deadlock_detected
  '55P03': { status: 409, code: 'conflict' }, // lock_not_available
  '23503': { status: 422, code: 'invalid_reference' }, // foreign_key_violation
  '23514': { status: 422, code: 'constraint_violation' }, // check_violation
  '23502': { status: 422, code: 'constraint_violation' }, // not_null_violation
  '22P02': { status: 400, code: 'invalid_request' }, // invalid_text_representation
  '22007': { status: 400, code: 'invalid_request' }, // invalid_datetime_format
  '22008': { status: 400, code: 'invalid_request' }, // datetime_field_overflow
  '22023': { status: 400, code: 'invalid_request' }, // invalid_parameter_value
};

/** The API functions in `public` raise our codes as PostgREST errors: SQLSTATE PGRST with
 * the body {code, message, details, hint} as JSON in the message. */
function unwrapPostgrestError(error: pg.DatabaseError): { code: string; message: string; detail?: string } {
  const code = error.code ?? '';
  if (code !== 'PGRST') return { code, message: error.message, detail: error.detail };
  try {
    const body = JSON.parse(error.message) as { code?: string; message?: string; details?: string | null };
    return { code: body.code ?? code, message: body.message ?? error.message, detail: body.details ?? undefined };
  } catch {
    return { code, message: error.message };
  }
}

export function translateDatabaseError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;
  const { code, message, detail } = unwrapPostgrestError(error);
  const known = HPC_CODES[code] ?? STANDARD_CODES[code] ??
    // any other data exception (class 22: NUL in text, out-of-range numbers, bad dates, ...)
    // is the client's input
    (code.startsWith('22') ? { status: 400 as const, code: 'invalid_request' } : undefined);
  if (!known) return error;
  const details = detail ? { detail } : undefined;
  return new ApiError(known.status, known.code, message, details);
}
