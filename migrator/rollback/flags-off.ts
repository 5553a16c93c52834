// The immediate rollback: HPC off (for every institution, or the named ones). Policies and
// functions ask private.hpc_enabled() on every request, so the next request sees it; this
// measures that by asking from a fresh connection, as a new API request would, until the
// answer changes.
import type { Sql } from '../db.ts';
import { connect, sleep } from '../db.ts';

export interface FlagsOffResult {
  institutions: number;
  msUntilVisible: number;
}

export async function hpcOff(sql: Sql, url: string, institutionIds?: string[]): Promise<FlagsOffResult> {
  const started = performance.now();
  const rows = await sql`
    update public.institution_feature_flags set enabled = false, note = 'immediate rollback'
    where feature = 'hpc' and enabled
      and (${institutionIds ?? null}::uuid[] is null or institution_id = any(${institutionIds ?? null}::uuid[]))
    returning institution_id::text as id`;
  const ids = rows.map((r) => r.id as string);
  if (ids.length === 0) return { institutions: 0, msUntilVisible: 0 };
  for (;;) {
    const request = connect(url, { max: 1, app: 'hpc-migration-probe' });
    try {
      const [seen] = await request.begin(async (tx) => {
        await tx`set local role authenticated`;
        return tx`select bool_or(private.hpc_enabled(id)) as any_on from unnest(${ids}::uuid[]) as id`;
      });
      if (!seen!.any_on) break;
    } finally {
      await request.end();
    }
    await sleep(10);
  }
  return { institutions: ids.length, msUntilVisible: Math.round(performance.now() - started) };
}
