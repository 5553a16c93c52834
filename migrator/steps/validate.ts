// Integrity validation after the backfill: every tenant row has an institution that
// exists, and the class structure agrees with itself (a section is in its cohort's
// institution, an enrolment and a timetable row in their section's, a student in the same
// institution as the sections they are enrolled in). Evidence: the counts, per institution.
import { planEstimateSeconds } from '../plan.ts';
import { backfillTables, presentTenantTables } from '../backfill/tables.ts';
import { StepFailed, type Step } from './step.ts';

const consistency: Record<string, string> = {
  'sections vs cohorts': `select count(*) from public.sections as s join public.cohorts as c on c.id = s.cohort_id
                          where s.institution_id is distinct from c.institution_id`,
  'section_students vs sections': `select count(*) from public.section_students as x join public.sections as s on s.id = x.section_id
                                   where x.institution_id is distinct from s.institution_id`,
  'section_courses vs sections': `select count(*) from public.section_courses as x join public.sections as s on s.id = x.section_id
                                  where x.institution_id is distinct from s.institution_id`,
  'students vs their sections': `select count(*) from public.section_students as x join public.user_profiles as u on u.id = x.student_id
                                 where x.institution_id is distinct from u.institution_id`,
  'cohorts vs academic_terms': `select count(*) from public.cohorts as c join public.academic_terms as t on t.id = c.academic_term_id
                                where c.institution_id is distinct from t.institution_id`,
};

/** The same for BIG DAY's allocation and timetable tables, where the database has them. */
const allocationConsistency: Record<string, [table: string, query: string]> = {
  'timetables vs sections': [
    'timetables',
    `select count(*) from public.timetables as x join public.sections as s on s.id = x.section_id
                                            where x.institution_id is distinct from s.institution_id`,
  ],
  'timetable_sessions vs timetables': [
    'timetable_sessions',
    `select count(*) from public.timetable_sessions as x
                                            join public.timetables as t on t.id = x.timetable_id
                                            where x.institution_id is distinct from t.institution_id`,
  ],
  'teacher_subject_eligibility vs teachers': [
    'teacher_subject_eligibility',
    `select count(*) from public.teacher_subject_eligibility as x
                                            join public.user_profiles as u on u.id = x.teacher_id
                                            where x.institution_id is distinct from u.institution_id`,
  ],
  'slot_template_assignments vs slot_templates': [
    'slot_template_assignments',
    `select count(*) from public.slot_template_assignments as x
                                            join public.slot_templates as t on t.id = x.slot_template_id
                                            where x.institution_id is distinct from t.institution_id`,
  ],
};

export const validate: Step = {
  name: 'phase2.validate',
  phase: 'phase 2: data migration',
  estimateSeconds: planEstimateSeconds['phase2.validate'],
  async run(ctx) {
    const nulls: Record<string, number> = {};
    const orphans: Record<string, number> = {};
    const perInstitution: Record<string, Record<string, number>> = {};
    const present = await presentTenantTables(ctx.sql);
    const mayStayNull = new Set(present.filter((t) => !backfillTables.some((b) => b.name === t && !b.nullable)));
    for (const t of present) {
      const [n] = await ctx.sql.unsafe(`select count(*) filter (where institution_id is null)::int as nulls,
        count(*) filter (where institution_id is not null and not exists
          (select 1 from public.institutions as i where i.id = t.institution_id))::int as orphans
        from public.${t} as t`);
      if (!mayStayNull.has(t)) nulls[t] = n!.nulls as number;
      orphans[t] = n!.orphans as number;
      const rows = await ctx.sql.unsafe(`select i.slug, count(*)::int as n from public.${t} as t
        join public.institutions as i on i.id = t.institution_id group by i.slug order by i.slug`);
      perInstitution[t] = Object.fromEntries(rows.map((r) => [r.slug, r.n]));
    }
    const mismatches: Record<string, number> = {};
    const checks = {
      ...consistency,
      ...Object.fromEntries(
        Object.entries(allocationConsistency)
          .filter(([, [t]]) => present.includes(t))
          .map(([k, [, q]]) => [k, q]),
      ),
    };
    for (const [name, q] of Object.entries(checks)) {
      const [r] = await ctx.sql.unsafe(q.replace('select count(*)', 'select count(*)::int as n'));
      mismatches[name] = r!.n as number;
    }
    const evidence = { nulls, orphans, mismatches, perInstitution };
    const bad = [
      ...Object.entries(nulls)
        .filter(([, n]) => n > 0)
        .map(([t, n]) => `${n} rows of public.${t} have institution_id null`),
      ...Object.entries(orphans)
        .filter(([, n]) => n > 0)
        .map(([t, n]) => `${n} rows of public.${t} name a missing institution`),
      ...Object.entries(mismatches)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} rows disagree: ${k}`),
    ];
    // Students enrolled in two institutions' sections are data the operator must settle;
    // a mapping cannot guess, so the check stops the run with the count.
    if (bad.length) throw new StepFailed(`integrity validation failed: ${bad.join('; ')}`, evidence);
    return evidence;
  },
};
