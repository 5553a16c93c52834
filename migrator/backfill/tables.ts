// What the backfill writes: for each tenant table, the institution a row belongs to.
// Mapping (hpc_migration.institution_map, filled by the institutions step) decides the
// roots; everything else derives from the class structure, which hangs off cohorts:
//   cohorts          ← its legacy institution_id, through the map
//   academic_terms   ← legacy value through the map (newer shape), else its cohorts' institution
//   courses          ← legacy value through the map (newer shape), else a section teaching it
//   user_profiles    ← the operator's rule for the person, else for their e-mail domain
//                      (given, or inferred from class-linked people), else the section a
//                      student is enrolled in / a teacher teaches, else the fallback
//                      institution (never an admin: the institutions step refuses that)
//   sections, section_students, section_courses ← their cohort (via section)
// Derivations read the cohort's *target* (its legacy value through the map), never a value
// the backfill wrote, so the result does not depend on order. The order comes from the
// composite foreign keys (institution_id, fk) → (institution_id, id) added NOT VALID in the
// expand phase: they check every updated row, so a parent must carry its institution
// before its children do. Stages run one after another; tables within a stage in parallel.
// The lookups use `limit 1` without `order by`: with an order the planner walks the child's
// primary key in id order instead of using the parent-id index (measured: 100× slower).
import type { Sql } from '../db.ts';

export interface BackfillTable {
  name: string;
  stage: 1 | 2 | 3 | 4 | 5;
  /** SQL expression over the source row alias `s`: the institution it belongs to. */
  target: string;
  /** Why a row may keep institution_id null (a row with no path to any school), if it may. */
  nullable?: string;
}

const mapped = (expr: string) =>
  `(select m.institution_id from hpc_migration.institution_map as m where m.kind = 'legacy_id' and m.key = (${expr})::text)`;
const fallback = `(select m.institution_id from hpc_migration.institution_map as m where m.kind = 'fallback' and m.key = '*')`;
const cohortTarget = (alias: string) => `coalesce(${mapped(`${alias}.institution_id`)}, ${alias}.institution_id)`;
const viaSection = (sectionId: string) =>
  `(select ${cohortTarget('c')} from public.sections as sec join public.cohorts as c on c.id = sec.cohort_id where sec.id = ${sectionId})`;

export const backfillTables: BackfillTable[] = [
  {
    name: 'academic_terms',
    stage: 1,
    target: `coalesce(${mapped('s.institution_id')},
      (select ${cohortTarget('c')} from public.cohorts as c where c.academic_term_id = s.id limit 1), ${fallback})`,
  },
  {
    name: 'courses',
    stage: 1,
    target: `coalesce(${mapped('s.institution_id')},
      (select ${viaSection('sc.section_id')} from public.section_courses as sc where sc.course_id = s.id limit 1),
      ${fallback})`,
  },
  {
    name: 'user_profiles',
    stage: 1,
    target: `coalesce(
      (select m.institution_id from hpc_migration.institution_map as m where m.kind = 'person' and m.key = lower(s.email)),
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

const ofProfile = (column: string) => `(select p.institution_id from public.user_profiles as p where p.id = s.${column})`;
const ofSection = (column: string) => `(select sec.institution_id from public.sections as sec where sec.id = s.${column})`;

/** BIG DAY's allocation and timetable tables and its per-person tables: present in its
 * newer shape only (domain/bigday-real-schema.md §5); filled from their links once those
 * are filled. Tables a database lacks are skipped (presentBackfillTables). */
export const allocationTables: BackfillTable[] = [
  {
    name: 'user_permissions',
    stage: 2,
    target: ofProfile('user_id'),
    nullable: 'a permission granted to nobody (user_id null) belongs to no school: only the service role sees it',
  },
  {
    name: 'teacher_subject_eligibility',
    stage: 2,
    target: `coalesce((select c.institution_id from public.courses as c where c.id = s.course_id), ${ofProfile('teacher_id')})`,
  },
  { name: 'teacher_grade_eligibility', stage: 2, target: ofProfile('teacher_id') },
  { name: 'teacher_load_rules', stage: 2, target: ofProfile('teacher_id') },
  {
    name: 'slot_template_assignments',
    stage: 2,
    target: '(select t.institution_id from public.slot_templates as t where t.id = s.slot_template_id)',
  },
  { name: 'timetables', stage: 4, target: ofSection('section_id') },
  {
    name: 'timetable_conflicts',
    stage: 4,
    target: `coalesce(${ofSection('section_id')}, (select c.institution_id from public.courses as c where c.id = s.course_id),
      ${ofProfile('teacher_id')})`,
    nullable: 'a conflict naming no section, course or teacher belongs to no school: only the service role sees it',
  },
  { name: 'timetable_sessions', stage: 5, target: '(select t.institution_id from public.timetables as t where t.id = s.timetable_id)' },
];
backfillTables.push(...allocationTables);

/** Tables that keep BIG DAY's own institution_id values (newer shape): nothing to fill, but
 * their values must name an institution before the keys are validated. */
export const legacyValueTables = ['slot_templates', 'allocation_settings'];

/** Tables whose rows without institution_id are shared by every school by decision (the
 * isolation proof allows them): never filled, never NOT NULL. */
export const sharedRowTables: Record<string, string> = {
  user_groups:
    "BIG DAY's seeded groups are every school's (read by every signed-in user, changed by none); " +
    "a school's own groups carry its institution_id (20250201000200_rls_existing_tables.sql)",
  system_settings:
    'platform-wide public and branding settings (read by every signed-in user, changed by none); ' +
    'a school keeps its own copy of each key (20250201000241_rls_system_settings.sql)',
};

/** Tables whose rows without institution_id belong to the platform, not a school: never
 * filled, never NOT NULL, and visible to no API role. */
export const platformRowTables: Record<string, string> = {
  system_reports: "BIG DAY's reports over every school, made by its service-role function",
};

export const tenantTables = backfillTables.map((t) => t.name);

/** The tables the contract migrations (`*_contract_*.sql`) make NOT NULL, with validated keys: the
 * class structure and people, which both BIG DAY shapes have, then the allocation and
 * timetable tables whose rows always reach a school (where the database has them). */
export const contractedTables = [
  'user_profiles',
  'academic_terms',
  'courses',
  'cohorts',
  'sections',
  'section_students',
  'section_courses',
];
export const contractedAllocationTables = allocationTables.filter((t) => !t.nullable).map((t) => t.name);

/** Every table this database has that the contract makes NOT NULL. */
export async function presentContractedTables(sql: Sql): Promise<string[]> {
  const all = [...contractedTables, ...contractedAllocationTables];
  const rows = await sql<{ name: string }[]>`
    select t as name from unnest(${all}::text[]) as t where to_regclass(format('public.%I', t)) is not null`;
  return rows.map((r) => r.name);
}

/** The backfill tables this database has (one BIG DAY shape lacks the allocation tables). */
export async function presentBackfillTables(sql: Sql): Promise<BackfillTable[]> {
  const rows = await sql<{ name: string }[]>`
    select t as name from unnest(${tenantTables}::text[]) as t where to_regclass(format('public.%I', t)) is not null`;
  const present = new Set(rows.map((r) => r.name));
  return backfillTables.filter((t) => present.has(t.name));
}

/** Every table with a tenant column this database has: filled, legacy-valued, and shared. */
export async function presentTenantTables(sql: Sql): Promise<string[]> {
  const all = [...tenantTables, ...legacyValueTables, ...Object.keys(sharedRowTables), ...Object.keys(platformRowTables)];
  const rows = await sql<{ name: string }[]>`
    select t as name from unnest(${all}::text[]) as t
    where exists (select 1 from pg_catalog.pg_attribute as a
                  where a.attrelid = to_regclass(format('public.%I', t)) and a.attname = 'institution_id')`;
  return rows.map((r) => r.name);
}
