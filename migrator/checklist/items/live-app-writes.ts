// After the migration, the live app: its own writes still work for its own school.
import { bigDayDefects, replayAppWrites, skippedAppWrites } from '../app-writes.ts';
import type { ChecklistEntry } from '../check.ts';

export const LIVE_APP_WRITES_ITEMS: ChecklistEntry[] = [
  // The live app's own writes (checklist/app-writes.ts), replayed for one school as its admin
  // through the API and as BIG DAY's server functions, each rolled back.
  [
    'post',
    'every write of the live app works for its own school',
    async (sql) => {
      const [shape] = await sql`select to_regclass('public.timetable_sessions') is not null as newer`;
      if (!shape!.newer) {
        return {
          ok: true,
          evidence: { applicable: false, why: "the replay is of the app of BIG DAY's newer shape; this database has the older one" },
        };
      }
      const results = await replayAppWrites(sql);
      const broken = results.filter((r) => !r.ok && !bigDayDefects[r.name]);
      return {
        ok: broken.length === 0,
        evidence: {
          replayed: results.length,
          working: results.filter((r) => r.ok).length,
          broken,
          brokenByBigDayItself: results
            .filter((r) => !r.ok && bigDayDefects[r.name])
            .map((r) => ({ ...r, why: bigDayDefects[r.name]!.why })),
          notReplayable: skippedAppWrites.length,
        },
      };
    },
  ],
];
