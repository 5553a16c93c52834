// The two shapes of deployed BIG DAY (domain/bigday-existing-schema.md):
//   older: only cohorts carries an (unchecked) institution_id;
//   newer: academic_terms and courses also carry `institution_id uuid not null`, unchecked,
//          with no institutions table.
// Both start from the baseline migration; the newer shape adds its two columns on top,
// exactly as those deployments did, before any data exists.
export type LegacyShape = 'older' | 'newer';

export const newerShapeDdl = [
  'alter table public.academic_terms add column institution_id uuid not null',
  'alter table public.courses add column institution_id uuid not null',
];
