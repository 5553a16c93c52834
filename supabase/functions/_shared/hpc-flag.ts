// The HPC feature flag, asked inside the caller's transaction. Reads that go through RLS
// return nothing when the flag is off; this turns that into the 403 `hpc_disabled` the
// frontend can explain, instead of a misleading 404. (The workflow functions raise HPOFF
// themselves.)
import { ApiError } from './errors.ts';
import type { Tx } from './db.ts';

export async function requireHpcEnabled(tx: Tx): Promise<void> {
  const [row] = await tx<{ enabled: boolean | null }[]>`select private.hpc_active() as enabled`;
  if (!row?.enabled) {
    throw new ApiError(403, 'hpc_disabled', 'The Holistic Progress Card is not enabled for your institution.');
  }
}
