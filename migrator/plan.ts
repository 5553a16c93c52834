// The plan's time budget per step, shown beside each measured time in the report. The plan
// document itself is not in this repository; these are the figures we hold for it (a
// maintenance-window-free rollout budgeted in minutes per phase, hours for the backfill).
// Change them here when the plan changes.
export const planEstimateSeconds = {
  preflight: 15 * 60,
  snapshot: 60,
  'phase1.expand': 30 * 60,
  'phase2.institutions': 5 * 60,
  'phase2.backfill': 2 * 3600,
  'phase2.validate': 30 * 60,
  'phase2.materialized-views': 15 * 60,
  'enforcement.contract': 30 * 60,
  'phase3.pilot': 15 * 60,
  'phase3.wave': 15 * 60,
} as const;
