// What the backfill writes: for each tenant table, the institution a row belongs to.
// Mapping (hpc_migration.institution_map, filled by the institutions step) decides the
// roots; everything else derives from the class structure, which hangs off cohorts:
//   cohorts          ← its legacy institution_id, through the map
//   academic_terms   ← legacy value through the map (newer shape), else its cohorts' institution
//   courses          ← legacy value through the map (newer shape), else a section teaching it
//   user_profiles    ← operator's e-mail-domain mapping, else the section a student is
//                      enrolled in / a teacher teaches, else the fallback institution
//   sections, section_students, section_courses ← their cohort (via section)
// Derivations read the cohort's *target* (its legacy value through the map), never a value
// the backfill wrote, so the result does not depend on order. The order comes from the
// composite foreign keys (institution_id, fk) → (institution_id, id) added NOT VALID in the
// expand phase: they check every updated row, so a parent must carry its institution
// before its children do. Stages run one after another; tables within a stage in parallel.
// The lookups use `limit 1` without `order by`: with an order the planner walks the child's
// primary key in id order instead of using the parent-id index (measured: 100× slower).
export interface BackfillTable {
  name: string;
  stage: 1 | 2 | 3 | 4;
  /** SQL expression over the source row alias `s`: the institution it belongs to. */
  target: string;
}

const mapped = (expr: string) =>
  `(select m.institution_id from hpc_migration.institution_map as m where m.kind = 'legacy_id' and m.key = (${expr})::text)`;
const fallback = `(select m.institution_id from hpc_migration.institution_map as m where m.kind = 'fallback' and m.key = '*')`;
const cohortTarget = (alias: string) => `coalesce(${mapped(`${alias}.institution_id`)}, ${alias}.institution_id)`;
const viaSection = (sectionId: string) =>
  `(select ${cohortTarget('c')} from public.sections as sec join public.cohorts as c on c.id = sec.cohort_id where sec.id = ${sectionId})`;

export const backfillTables: BackfillTable[] = [
  {
    name: 'academic_terms', stage: 1,
    target: `coalesce(${mapped('s.institution_id')},
      (select ${cohortTarget('c')} from public.cohorts as c where c.academic_term_id = s.id limit 1), ${fallback})`,
  },
  {
    name: 'courses', stage: 1,
    target: `coalesce(${mapped('s.institution_id')},
      (select ${viaSection('sc.section_id')} from public.section_courses as sc where sc.course_id = s.id limit 1),
      ${fallback})`,
  },
  {
    name: 'user_profiles', stage: 1,
    target: `coalesce(
      (select m.institution_id from hpc_migration.institution_map as m
        where m.kind = 'email_domain' and m.key = lower(split_part(s.email, '@', 2))),
      (select ${viaSection('ss.section_id')} from public.section_students as ss where ss.student_id = s.id limit 1),
      (select ${viaSection('sc.section_id')} from public.section_courses as sc where sc.teacher_id = s.id limit 1),
      ${fallback})`,
  },
  { name: 'cohorts', stage: 2, target: cohortTarget('s') },
  { name: 'sections', stage: 3, target: `(select c.institution_id from public.cohorts as c where c.id = s.cohort_id)` },
  { name: 'section_students', stage: 4, target: `(select sec.institution_id from public.sections as sec where sec.id = s.section_id)` },
  { name: 'section_courses', stage: 4, target: `(select sec.institution_id from public.sections as sec where sec.id = s.section_id)` },
];

export const tenantTables = backfillTables.map((t) => t.name);
