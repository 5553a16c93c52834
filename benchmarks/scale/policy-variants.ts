// Section 3's policy variants, swapped in for the SELECT policies of hpc_evaluations and
// hpc_reports inside a transaction that is rolled back: our deployed policies in the same
// harness (the baseline), the same with the private.* helpers recompiled as plpgsql, our
// policies with the helper calls not wrapped in `(select …)`, and a join per row
// (correlated EXISTS on user_profiles, feature flags, staff_duties, … for every row).

/** A variant: policy expressions to use instead of ours, and/or DDL to run first. */
export interface PolicyStyle {
  evaluations?: string;
  reports?: string;
  setup?: string;
}

/** The private.* helpers the plpgsql variant recompiles, when they are `language sql`. */
export const policyHelperNames = `'current_institution_id', 'hpc_active', 'hpc_enabled', 'current_duties', 'current_role_name',
  'is_institution_admin', 'is_principal', 'reads_whole_institution', 'taught_section_ids',
  'taught_student_ids', 'child_ids', 'released_cycle_ids', 'open_cycle_ids'`;

// Our policies, unchanged, with the private.* helpers recompiled as plpgsql (same bodies):
// `language sql` security definer functions are never inlined, so each call plans its
// body again; plpgsql caches the plans for the session.
export const plpgsqlHelpers = `do $do$
  declare f record; def text;
  begin
    for f in select p.oid from pg_proc as p
             where p.pronamespace = 'private'::regnamespace and p.prolang = (select oid from pg_language where lanname = 'sql')
               and p.proname in (${policyHelperNames})
    loop
      def := pg_get_functiondef(f.oid);
      def := replace(def, 'LANGUAGE sql', 'LANGUAGE plpgsql');
      def := regexp_replace(def, 'AS \\$function\\$(.*)\\$function\\$', 'AS $function$ begin return (\\1); end $function$', 's');
      execute def;
    end loop;
  end
  $do$`;

export function policyStyles(): Record<string, PolicyStyle> {
  return {
    // the deployed policies in this same harness (one transaction, savepoint per query):
    // the baseline the other variants compare with
    ours_same_harness: {},
    ours_with_plpgsql_helpers: { setup: plpgsqlHelpers },
    unwrapped_helpers: {
      evaluations: `institution_id = private.current_institution_id() and private.hpc_active()
        and (private.reads_whole_institution() or student_id = any (private.taught_student_ids())
             or rater_id = auth.uid() or (student_id = auth.uid() and cycle_id = any (private.released_cycle_ids())))`,
      reports: `institution_id = private.current_institution_id() and private.hpc_active()
        and (private.reads_whole_institution() or student_id = any (private.taught_student_ids())
             or (status = 'published' and (release_at is null or release_at <= now())
                 and (student_id = auth.uid() or student_id = any (private.child_ids()))))`,
    },
    join_per_row: {
      evaluations: `exists (select 1 from public.user_profiles as up where up.id = auth.uid() and up.institution_id = hpc_evaluations.institution_id)
        and exists (select 1 from public.institution_feature_flags as f where f.institution_id = hpc_evaluations.institution_id and f.feature = 'hpc' and f.enabled)
        and (exists (select 1 from public.staff_duties as d where d.user_id = auth.uid() and d.institution_id = hpc_evaluations.institution_id
                       and d.active and d.duty in ('coordinator', 'principal', 'institution_admin'))
             or exists (select 1 from public.section_students as ss join public.staff_duties as d
                          on d.institution_id = ss.institution_id and d.section_id = ss.section_id
                        where ss.institution_id = hpc_evaluations.institution_id and ss.student_id = hpc_evaluations.student_id
                          and d.user_id = auth.uid() and d.active and d.duty in ('class_teacher', 'subject_teacher'))
             or rater_id = auth.uid())`,
      reports: `exists (select 1 from public.user_profiles as up where up.id = auth.uid() and up.institution_id = hpc_reports.institution_id)
        and exists (select 1 from public.institution_feature_flags as f where f.institution_id = hpc_reports.institution_id and f.feature = 'hpc' and f.enabled)
        and (exists (select 1 from public.staff_duties as d where d.user_id = auth.uid() and d.institution_id = hpc_reports.institution_id
                       and d.active and d.duty in ('coordinator', 'principal', 'institution_admin'))
             or (status = 'published' and (release_at is null or release_at <= now())
                 and exists (select 1 from public.student_guardians as g where g.guardian_id = auth.uid()
                               and g.institution_id = hpc_reports.institution_id and g.student_id = hpc_reports.student_id)))`,
    },
  };
}
