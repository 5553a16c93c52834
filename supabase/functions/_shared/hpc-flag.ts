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

/** The flag query for pipelineAsCaller; pass its rows to assertHpcEnabled before using the rest. */
export const hpcFlagQuery = (tx: Tx) => tx`select private.hpc_active() as enabled`;

export function assertHpcEnabled(rows: readonly { enabled?: unknown }[]): void {
  if (!rows[0]?.enabled) {
    throw new ApiError(403, 'hpc_disabled', 'The Holistic Progress Card is not enabled for your institution.');
  }
}
