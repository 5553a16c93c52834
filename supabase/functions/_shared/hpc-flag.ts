// The HPC feature flag, asked inside the caller's transaction. Reads that go through RLS
// return nothing when the flag is off; this turns that into the 403 `hpc_disabled` the
// frontend can explain, instead of a misleading 404. (The workflow functions raise HPOFF
// themselves.)
import { ApiError } from './errors.ts';
import { type Row, sql } from './db.ts';

/** The flag's statement, run first in the read's transaction; pass its rows to assertHpcEnabled. */
export const hpcFlagQuery = () => sql`select private.hpc_active() as enabled`;

export function assertHpcEnabled(rows: readonly Row[]): void {
  if (!rows[0]?.enabled) {
    throw new ApiError(403, 'hpc_disabled', 'The Holistic Progress Card is not enabled for your institution.');
  }
}
