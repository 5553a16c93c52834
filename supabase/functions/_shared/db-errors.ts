// Database errors → HTTP. The rules live in the database; their refusals carry SQLSTATEs
// that say which kind of refusal it is, and this is the one place that maps them. A
// client's mistake is never a 500.
import postgres from 'postgres';
import { ApiError } from './errors.ts';

/** SQLSTATEs the HPC database functions raise on purpose (see the migrations). */
const HPC_CODES: Record<string, { status: 400 | 403 | 404 | 409 | 422; code: string }> = {
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

export function translateDatabaseError(error: unknown): unknown {
  if (!(error instanceof postgres.PostgresError)) return error;
  const known = HPC_CODES[error.code] ?? STANDARD_CODES[error.code] ??
    // any other data exception (class 22: NUL in text, out-of-range numbers, bad dates, ...)
    // is the client's input
    (error.code.startsWith('22') ? { status: 400 as const, code: 'invalid_request' } : undefined);
  if (!known) return error;
  const details = error.detail ? { detail: error.detail } : undefined;
  return new ApiError(known.status, known.code, error.message, details);
}
