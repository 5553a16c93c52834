// Shared set-up of the newer-shape fixture tests: the fixture (our baseline migration, as fixtures/legacy-bigday/ applies it:
// the real BIG DAY schema) on a throwaway cluster of its own, with the Supabase CLI's history
// of BIG DAY's three versions, and the row counts a test compares before and after.
import { newerShapeTables } from '../../fixtures/legacy-bigday/shapes.ts';
import { MIGRATION_TEST_PORT, legacyDatabase, type LegacyDatabase } from './support.ts';

export function newerShapeDatabase(name: string): Promise<LegacyDatabase> {
  return legacyDatabase(name, MIGRATION_TEST_PORT, 'newer', {}, { cliHistory: true });
}

/** Rows in each of the fixture's tables and in auth.users. */
export async function tableCounts(db: LegacyDatabase): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [...newerShapeTables.map((t) => `public.${t}`), 'auth.users']) {
    const [r] = await db.sql.unsafe(`select count(*)::int as n from ${t}`);
    out[t] = r!.n as number;
  }
  return out;
}
