// The data and the people the scale benchmark measures with: the preset generated when it is
// not there (or with --regenerate), its counts, and the subjects — institution 1 is the
// largest school; section 5 is a full section of 40, with its class teacher, one child and
// their parent, and the principal.
import { cpus } from 'node:os';
import { generate, scaleId, type Preset } from './generate.ts';
import type { Log, Sql } from './harness.ts';

export interface Subjects {
  inst: string;
  cycle1: string;
  cycle2: string;
  section: string;
  teacher: string;
  child: string;
  parent: string;
  principal: string;
  /** The section's students, and the same as an SQL array literal. */
  roster: string[];
  rosterArray: string;
}

/** Generates the preset's data, or only its Term 1 cards, when missing; returns what it did. */
export async function ensureData(
  admin: Sql,
  sql: Sql,
  adminUrl: string,
  preset: Preset,
  presetName: string,
  regenerate: boolean,
  log: Log,
): Promise<Record<string, unknown> | undefined> {
  const [have] = await admin`select count(*)::int as n from public.institutions where slug like 'scale-%'`;
  const [cards] =
    await admin`select count(*)::int as n from public.hpc_reports as r join public.institutions as i on i.id = r.institution_id where i.slug like 'scale-%'`;
  if (regenerate || have?.n !== preset.institutions) {
    log(`Generating the ${presetName} preset (${JSON.stringify(preset)})…`);
    const g = await generate(adminUrl, preset, { reset: true, parallel: cpus().length, log });
    // first fill: a plain refresh (nothing reads the views yet; no diff to compute)
    for (const v of ['level_distribution', 'student_progress', 'completion', 'institution_overview']) {
      await sql.unsafe(`set work_mem = '512MB'; refresh materialized view analytics.${v}; reset work_mem`);
    }
    return { seconds: g.totalSeconds, steps: g.seconds };
  }
  if (!cards?.n) {
    log('Writing the Term 1 cards…');
    const g = await generate(adminUrl, preset, { reportsOnly: true, parallel: cpus().length, log });
    return { seconds: g.totalSeconds, steps: g.seconds, reportsOnly: true };
  }
  return undefined;
}

export async function dataCounts(admin: Sql): Promise<Record<string, unknown>> {
  const counts = await admin`
    select (select count(*) from public.institutions where slug like 'scale-%')::bigint as institutions,
           (select count(*) from public.user_profiles where role = 'student')::bigint as students,
           (select count(*) from public.hpc_evaluations)::bigint as evaluations,
           (select count(*) from public.hpc_reports)::bigint as reports,
           (select max(c) from (select count(*) as c from public.section_students group by institution_id) as x)::bigint as largest_school,
           (select percentile_disc(0.5) within group (order by c) from (select count(*) as c from public.section_students group by institution_id) as x)::bigint as median_school,
           (select pg_size_pretty(sum(pg_total_relation_size(i.inhrelid))) from pg_inherits as i
            where i.inhparent = 'public.hpc_evaluations'::regclass) as evaluations_size`;
  return counts[0]!;
}

export async function pickSubjects(admin: Sql): Promise<Subjects> {
  const inst = scaleId('institution', 1);
  const k = 5;
  const section = scaleId('section', 1, k);
  const j = k * 40 + 7;
  const roster = (
    await admin`select student_id from public.section_students where institution_id = ${inst} and section_id = ${section} order by student_id`
  ).map((r) => r.student_id as string);
  return {
    inst,
    cycle1: scaleId('cycle', 1, 1),
    cycle2: scaleId('cycle', 1, 2),
    section,
    teacher: scaleId('teacher', 1, k),
    child: scaleId('student', 1, j),
    parent: scaleId('parent', 1, j),
    principal: scaleId('principal', 1),
    roster,
    rosterArray: `'{${roster.join(',')}}'::uuid[]`,
  };
}
