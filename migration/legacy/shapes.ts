// The shapes of deployed BIG DAY a legacy database can be generated in:
//   older:          older deployments (domain/bigday-existing-schema.md): older-shape.sql,
//                   pushed through the Supabase CLI as the baseline version; only cohorts
//                   carries an (unchecked) institution_id;
//   newer-baseline: the same plus `institution_id uuid not null`, unchecked, on
//                   academic_terms and courses, added before any data exists;
//   newer:          the real BIG DAY schema of domain/bigday-real-schema.md (21 tables, its
//                   policies, functions and triggers): our baseline migration, applied
//                   directly as `postgres` like a database made in the Supabase dashboard (no
//                   migration history unless asked for with cliHistory).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitStatements } from './statements.ts';

export type LegacyShape = 'older' | 'newer' | 'newer-baseline';

export const legacyShapes: readonly LegacyShape[] = ['older', 'newer', 'newer-baseline'];

export const newerBaselineDdl = [
  'alter table public.academic_terms add column institution_id uuid not null',
  'alter table public.courses add column institution_id uuid not null',
];

/** The real shape is our first migration (a fresh project is BIG DAY as schools run it). */
export const newerShapeFile = fileURLToPath(new URL('../../supabase/migrations/20240101000000_bigday_baseline.sql', import.meta.url));

/** The older shape, pushed under the baseline's file name (its deployments recorded it so). */
export const olderShapeFile = fileURLToPath(new URL('./older-shape.sql', import.meta.url));

/** The 21 tables of the newer shape, all in public. */
export const newerShapeTables = [
  'user_profiles',
  'audit_logs',
  'system_reports',
  'user_groups',
  'user_permissions',
  'academic_terms',
  'cohorts',
  'sections',
  'section_students',
  'courses',
  'section_courses',
  'teacher_subject_eligibility',
  'teacher_grade_eligibility',
  'teacher_load_rules',
  'slot_templates',
  'slot_template_assignments',
  'timetables',
  'timetable_sessions',
  'timetable_conflicts',
  'allocation_settings',
  'system_settings',
] as const;

export interface NewerShapeMigration {
  version: string;
  name: string;
  /** The part's text, as one file of its own would hold it. */
  text: string;
  /** Its statements as the Supabase CLI records them in schema_migrations.statements. */
  statements: string[];
}

/** BIG DAY's three migrations: the baseline cut at its `-- migration: <version>_<name>` lines. */
export function newerShapeMigrations(): NewerShapeMigration[] {
  const text = readFileSync(newerShapeFile, 'utf8');
  const marker = /^-- migration: (\d{14})_(\w+)[ \t]*$/gm;
  const found = [...text.matchAll(marker)];
  return found.map((m, i) => {
    const body = `${text.slice(m.index! + m[0].length, i + 1 < found.length ? found[i + 1]!.index : text.length).trim()}\n`;
    return { version: m[1]!, name: m[2]!, text: body, statements: splitStatements(body) };
  });
}
