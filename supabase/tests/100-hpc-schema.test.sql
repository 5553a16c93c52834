-- The HPC data model as built by the 2025-01 migrations: tables, keys, constraints,
-- indexes, partition layout, RLS on every table and partition, triggers, helpers.
begin;
\ir support/tests-schema.sql
select plan(221);

create temporary table t_new (name text primary key, pk text[]) on commit drop;
insert into t_new values
  ('hpc_parameters', '{institution_id,id}'), ('hpc_rubrics', '{institution_id,id}'),
  ('hpc_parameter_assignments', '{institution_id,id}'), ('hpc_evaluation_cycles', '{institution_id,id}'),
  ('hpc_evaluations', '{institution_id,id}'), ('hpc_reports', '{institution_id,id}'),
  ('hpc_approval_workflows', '{institution_id,id}'), ('hpc_analytics', '{institution_id,id}'),
  ('hpc_achievements', '{institution_id,id}'), ('hpc_reflections', '{institution_id,id}'),
  ('hpc_conversations', '{institution_id,id}'), ('staff_duties', '{institution_id,id}'),
  ('student_guardians', '{institution_id,student_id,guardian_id}'),
  ('institution_feature_flags', '{institution_id,feature}');

-- Tables ---------------------------------------------------------------------------------
select has_table('public', name, format('table %s exists', name)) from t_new order by name;
select has_table('public', 'institutions', 'table institutions exists');
select has_table('public', 'audit_events', 'table audit_events exists');

select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class as c
   where c.relnamespace = 'public'::regnamespace and c.relname like 'hpc\_%' and c.relkind in ('r', 'p')
     and not c.relispartition),
  array['hpc_achievements', 'hpc_analytics', 'hpc_approval_workflows', 'hpc_conversations',
        'hpc_evaluation_cycles', 'hpc_evaluations', 'hpc_parameter_assignments', 'hpc_parameters',
        'hpc_reflections', 'hpc_reports', 'hpc_rubrics'],
  'exactly the 11 hpc_* tables exist (partitions aside)');

-- Columns --------------------------------------------------------------------------------
select col_type_is('public', name, 'institution_id', 'uuid', format('%s.institution_id is uuid', name)) from t_new order by name;
select col_not_null('public', name, 'institution_id', format('%s.institution_id is not null', name)) from t_new order by name;

select is(
  (select array_agg(format('%s.%s', t.name, col) order by t.name, col)
   from t_new as t cross join unnest(array['created_at', 'updated_at', 'created_by', 'updated_by']) as col
   where t.name <> 'institution_feature_flags'
     and not exists (select 1 from information_schema.columns as c
                     where c.table_schema = 'public' and c.table_name = t.name and c.column_name = col)),
  null,
  'every HPC and people table has created_at, updated_at, created_by, updated_by');

select is(
  (select array_agg(format('%s.%s', c.table_name, c.column_name) order by c.table_name)
   from information_schema.columns as c
   where c.table_schema = 'public' and c.column_name = 'institution_id'
     and c.table_name in ('user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections', 'section_students', 'section_courses')
     and c.data_type = 'uuid'),
  array['academic_terms.institution_id', 'cohorts.institution_id', 'courses.institution_id',
        'section_courses.institution_id', 'section_students.institution_id', 'sections.institution_id',
        'user_profiles.institution_id'],
  'every existing tenant table has an institution_id uuid column (expand step)');

-- Primary and unique keys -----------------------------------------------------------------
select col_is_pk('public', name, pk, format('%s primary key is (%s)', name, array_to_string(pk, ', '))) from t_new order by name;
select col_is_pk('public', 'institutions', 'id', 'institutions primary key is id');
select col_is_pk('public', 'audit_events', array['institution_id', 'occurred_at', 'id'], 'audit_events primary key is (institution_id, occurred_at, id)');

select col_is_unique('public', 'institutions', array['slug'], 'institutions.slug is unique');
select col_is_unique('public', 'hpc_parameters', array['institution_id', 'code', 'version'], 'a parameter code is unique per institution and version');
select col_is_unique('public', 'hpc_rubrics', array['institution_id', 'scale_code', 'parameter_id', 'version', 'ordinal'], 'a rubric level is unique per scale, parameter, version and ordinal');
select col_is_unique('public', 'hpc_rubrics', array['institution_id', 'id', 'ordinal'], 'rubric (institution_id, id, ordinal) is a key for the level foreign key');
select col_is_unique('public', 'hpc_evaluation_cycles', array['institution_id', 'academic_term_id', 'name'], 'a cycle name is unique per term');
select col_is_unique('public', 'hpc_parameter_assignments', array['institution_id', 'cycle_id', 'section_id', 'parameter_id', 'course_id', 'student_id', 'peer_reviewer_id'], 'an assignment is unique per scope');
select col_is_unique('public', 'hpc_evaluations', array['institution_id', 'cycle_id', 'student_id', 'parameter_id', 'rater_role', 'rater_id'], 'one rating per (cycle, student, parameter, rater role, rater)');
select col_is_unique('public', 'hpc_reports', array['institution_id', 'cycle_id', 'student_id', 'version'], 'one report per (cycle, student, version)');
select col_is_unique('public', 'hpc_analytics', array['institution_id', 'cycle_id', 'scope', 'scope_key', 'metric'], 'one aggregate per (cycle, scope, key, metric)');
select col_is_unique('public', 'staff_duties', array['institution_id', 'user_id', 'duty', 'section_id', 'course_id', 'stage'], 'a duty is held once');
select col_is_pk('public', t, array['institution_id', 'id'], format('%s has primary key (institution_id, id)', t))
from unnest(array['user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections', 'section_students', 'section_courses']) as t;

select is(
  (select pg_get_expr(x.indpred, x.indrelid) from pg_index as x where x.indexrelid = 'public.hpc_reports_one_current_key'::regclass),
  'is_current', 'one current report version per (cycle, student): partial unique index on is_current');
select index_is_unique('public', 'hpc_reports', 'hpc_reports_one_current_key', 'hpc_reports_one_current_key is unique');
select index_is_unique('public', 'student_guardians', 'student_guardians_one_primary_key', 'one primary guardian per student');
select index_is_unique('public', 'staff_duties', 'staff_duties_one_class_teacher_key', 'one active class teacher per section');
select index_is_unique('public', 'hpc_approval_workflows', 'hpc_approval_workflows_chain_key', 'a chain step is unique per stage and version');
select index_is_unique('public', 'hpc_approval_workflows', 'hpc_approval_workflows_step_key', 'a report step is unique per round');
select index_is_unique('public', 'hpc_reflections', 'hpc_reflections_entry_key', 'one Partnership card per parent, student and cycle (and one of each other reflection per author; the upsert key)');

-- Foreign keys ---------------------------------------------------------------------------
select set_has(
  $$select c.conrelid::regclass::text as tbl, c.conname::text as name,
           (select string_agg(a.attname, ',' order by k.ord) from unnest(c.conkey) with ordinality as k (attnum, ord)
            join pg_attribute as a on a.attrelid = c.conrelid and a.attnum = k.attnum) as cols,
           c.confrelid::regclass::text as ref,
           (select string_agg(a.attname, ',' order by k.ord) from unnest(c.confkey) with ordinality as k (attnum, ord)
            join pg_attribute as a on a.attrelid = c.confrelid and a.attnum = k.attnum) as ref_cols
    from pg_constraint as c join pg_class as t on t.oid = c.conrelid
    where c.contype = 'f' and t.relnamespace = 'public'::regnamespace and not t.relispartition
      and (t.relname like 'hpc\_%' or t.relname in ('staff_duties', 'student_guardians', 'institution_feature_flags')
           or (t.relname in ('user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections', 'section_students', 'section_courses')
               and (c.confrelid = 'public.institutions'::regclass or c.conname like '%\_tenant\_%')))$$,
  $$values
    ('academic_terms', 'academic_terms_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('cohorts', 'cohorts_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('cohorts', 'cohorts_tenant_term_fkey', 'institution_id,academic_term_id', 'academic_terms', 'institution_id,id'),
    ('courses', 'courses_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('hpc_achievements', 'hpc_achievements_cycle_fkey', 'institution_id,cycle_id', 'hpc_evaluation_cycles', 'institution_id,id'),
    ('hpc_achievements', 'hpc_achievements_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('hpc_achievements', 'hpc_achievements_student_fkey', 'institution_id,student_id', 'user_profiles', 'institution_id,id'),
    ('hpc_achievements', 'hpc_achievements_verified_by_fkey', 'institution_id,verified_by', 'user_profiles', 'institution_id,id'),
    ('hpc_analytics', 'hpc_analytics_cycle_fkey', 'institution_id,cycle_id', 'hpc_evaluation_cycles', 'institution_id,id'),
    ('hpc_analytics', 'hpc_analytics_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('hpc_analytics', 'hpc_analytics_parameter_fkey', 'institution_id,parameter_id', 'hpc_parameters', 'institution_id,id'),
    ('hpc_analytics', 'hpc_analytics_section_fkey', 'institution_id,section_id', 'sections', 'institution_id,id'),
    ('hpc_approval_workflows', 'hpc_approval_workflows_chain_step_fkey', 'institution_id,chain_step_id', 'hpc_approval_workflows', 'institution_id,id'),
    ('hpc_approval_workflows', 'hpc_approval_workflows_decided_by_fkey', 'institution_id,decided_by', 'user_profiles', 'institution_id,id'),
    ('hpc_approval_workflows', 'hpc_approval_workflows_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('hpc_approval_workflows', 'hpc_approval_workflows_report_fkey', 'institution_id,report_id,student_id', 'hpc_reports', 'institution_id,id,student_id'),
    ('hpc_conversations', 'hpc_conversations_author_fkey', 'institution_id,author_id', 'user_profiles', 'institution_id,id'),
    ('hpc_conversations', 'hpc_conversations_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('hpc_conversations', 'hpc_conversations_report_fkey', 'institution_id,report_id', 'hpc_reports', 'institution_id,id'),
    ('hpc_conversations', 'hpc_conversations_student_fkey', 'institution_id,student_id', 'user_profiles', 'institution_id,id'),
    ('hpc_conversations', 'hpc_conversations_thread_fkey', 'institution_id,thread_id', 'hpc_conversations', 'institution_id,id'),
    ('hpc_evaluation_cycles', 'hpc_evaluation_cycles_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('hpc_evaluation_cycles', 'hpc_evaluation_cycles_term_fkey', 'institution_id,academic_term_id', 'academic_terms', 'institution_id,id'),
    ('hpc_evaluations', 'hpc_evaluations_assignment_fkey', 'institution_id,assignment_id', 'hpc_parameter_assignments', 'institution_id,id'),
    ('hpc_evaluations', 'hpc_evaluations_cycle_fkey', 'institution_id,cycle_id', 'hpc_evaluation_cycles', 'institution_id,id'),
    ('hpc_evaluations', 'hpc_evaluations_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('hpc_evaluations', 'hpc_evaluations_level_fkey', 'institution_id,rubric_id,level_ordinal', 'hpc_rubrics', 'institution_id,id,ordinal'),
    ('hpc_evaluations', 'hpc_evaluations_parameter_fkey', 'institution_id,parameter_id', 'hpc_parameters', 'institution_id,id'),
    ('hpc_evaluations', 'hpc_evaluations_rater_fkey', 'institution_id,rater_id', 'user_profiles', 'institution_id,id'),
    ('hpc_evaluations', 'hpc_evaluations_student_fkey', 'institution_id,student_id', 'user_profiles', 'institution_id,id'),
    ('hpc_parameter_assignments', 'hpc_parameter_assignments_course_fkey', 'institution_id,course_id', 'courses', 'institution_id,id'),
    ('hpc_parameter_assignments', 'hpc_parameter_assignments_cycle_fkey', 'institution_id,cycle_id', 'hpc_evaluation_cycles', 'institution_id,id'),
    ('hpc_parameter_assignments', 'hpc_parameter_assignments_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('hpc_parameter_assignments', 'hpc_parameter_assignments_parameter_fkey', 'institution_id,parameter_id', 'hpc_parameters', 'institution_id,id'),
    ('hpc_parameter_assignments', 'hpc_parameter_assignments_peer_reviewer_fkey', 'institution_id,peer_reviewer_id', 'user_profiles', 'institution_id,id'),
    ('hpc_parameter_assignments', 'hpc_parameter_assignments_section_fkey', 'institution_id,section_id', 'sections', 'institution_id,id'),
    ('hpc_parameter_assignments', 'hpc_parameter_assignments_student_fkey', 'institution_id,student_id', 'user_profiles', 'institution_id,id'),
    ('hpc_parameter_assignments', 'hpc_parameter_assignments_teacher_fkey', 'institution_id,teacher_id', 'user_profiles', 'institution_id,id'),
    ('hpc_parameters', 'hpc_parameters_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('hpc_reflections', 'hpc_reflections_author_fkey', 'institution_id,author_id', 'user_profiles', 'institution_id,id'),
    ('hpc_reflections', 'hpc_reflections_cycle_fkey', 'institution_id,cycle_id', 'hpc_evaluation_cycles', 'institution_id,id'),
    ('hpc_reflections', 'hpc_reflections_goal_fkey', 'institution_id,goal_id', 'hpc_reflections', 'institution_id,id'),
    ('hpc_reflections', 'hpc_reflections_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('hpc_reflections', 'hpc_reflections_student_fkey', 'institution_id,student_id', 'user_profiles', 'institution_id,id'),
    ('hpc_reports', 'hpc_reports_cycle_fkey', 'institution_id,cycle_id', 'hpc_evaluation_cycles', 'institution_id,id'),
    ('hpc_reports', 'hpc_reports_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('hpc_reports', 'hpc_reports_published_by_fkey', 'institution_id,published_by', 'user_profiles', 'institution_id,id'),
    ('hpc_reports', 'hpc_reports_student_fkey', 'institution_id,student_id', 'user_profiles', 'institution_id,id'),
    ('hpc_reports', 'hpc_reports_supersedes_fkey', 'institution_id,supersedes_id', 'hpc_reports', 'institution_id,id'),
    ('hpc_rubrics', 'hpc_rubrics_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('hpc_rubrics', 'hpc_rubrics_parameter_fkey', 'institution_id,parameter_id', 'hpc_parameters', 'institution_id,id'),
    ('institution_feature_flags', 'institution_feature_flags_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('section_courses', 'section_courses_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('section_courses', 'section_courses_tenant_course_fkey', 'institution_id,course_id', 'courses', 'institution_id,id'),
    ('section_courses', 'section_courses_tenant_section_fkey', 'institution_id,section_id', 'sections', 'institution_id,id'),
    ('section_courses', 'section_courses_tenant_teacher_fkey', 'institution_id,teacher_id', 'user_profiles', 'institution_id,id'),
    ('section_students', 'section_students_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('section_students', 'section_students_tenant_section_fkey', 'institution_id,section_id', 'sections', 'institution_id,id'),
    ('section_students', 'section_students_tenant_student_fkey', 'institution_id,student_id', 'user_profiles', 'institution_id,id'),
    ('sections', 'sections_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('sections', 'sections_tenant_cohort_fkey', 'institution_id,cohort_id', 'cohorts', 'institution_id,id'),
    ('staff_duties', 'staff_duties_course_fkey', 'institution_id,course_id', 'courses', 'institution_id,id'),
    ('staff_duties', 'staff_duties_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('staff_duties', 'staff_duties_section_fkey', 'institution_id,section_id', 'sections', 'institution_id,id'),
    ('staff_duties', 'staff_duties_user_fkey', 'institution_id,user_id', 'user_profiles', 'institution_id,id'),
    ('student_guardians', 'student_guardians_guardian_fkey', 'institution_id,guardian_id', 'user_profiles', 'institution_id,id'),
    ('student_guardians', 'student_guardians_institution_id_fkey', 'institution_id', 'institutions', 'id'),
    ('student_guardians', 'student_guardians_student_fkey', 'institution_id,student_id', 'user_profiles', 'institution_id,id'),
    ('user_profiles', 'user_profiles_institution_id_fkey', 'institution_id', 'institutions', 'id')
  $$,
  'the foreign keys of the HPC tables and the tenant keys of existing tables exist');
select is(
  (select array_agg(c.conname::text order by c.conname) from pg_constraint as c join pg_class as t on t.oid = c.conrelid
   where c.contype = 'f' and not c.convalidated and t.relnamespace = 'public'::regnamespace
     and (t.relname like 'hpc\_%' or t.relname in ('staff_duties', 'student_guardians', 'institution_feature_flags'))),
  null,
  'every foreign key of the new tables is validated (only keys added to existing tables may start NOT VALID)');

-- Check constraints ------------------------------------------------------------------------
select set_has(
  $$select t.relname::text, c.conname::text from pg_constraint as c join pg_class as t on t.oid = c.conrelid
    where c.contype = 'c' and t.relnamespace = 'public'::regnamespace and not t.relispartition
      and (t.relname like 'hpc\_%' or t.relname in ('institutions', 'student_guardians', 'staff_duties',
           'institution_feature_flags', 'audit_events', 'user_profiles'))$$,
  $$values
    ('hpc_achievements', 'hpc_achievements_evidence_paths_check'),
    ('hpc_achievements', 'hpc_achievements_verified_pair'),
    ('hpc_analytics', 'hpc_analytics_metric_format'),
    ('hpc_analytics', 'hpc_analytics_no_ranks'),
    ('hpc_analytics', 'hpc_analytics_sample_size_nonnegative'),
    ('hpc_analytics', 'hpc_analytics_scope_refs'),
    ('hpc_approval_workflows', 'hpc_approval_workflows_changes_need_comment'),
    ('hpc_approval_workflows', 'hpc_approval_workflows_decision_complete'),
    ('hpc_approval_workflows', 'hpc_approval_workflows_shape'),
    ('hpc_approval_workflows', 'hpc_approval_workflows_step_order_positive'),
    ('hpc_approval_workflows', 'hpc_approval_workflows_version_positive'),
    ('hpc_conversations', 'hpc_conversations_body_length'),
    ('hpc_conversations', 'hpc_conversations_root_has_subject'),
    ('hpc_evaluation_cycles', 'hpc_evaluation_cycles_term_number_range'),
    ('hpc_evaluation_cycles', 'hpc_evaluation_cycles_window'),
    ('hpc_evaluations', 'hpc_evaluations_evidence_paths_check'),
    ('hpc_evaluations', 'hpc_evaluations_level_pair'),
    ('hpc_evaluations', 'hpc_evaluations_self_rater'),
    ('hpc_evaluations', 'hpc_evaluations_statements_self_only'),
    ('hpc_evaluations', 'hpc_evaluations_submitted_complete'),
    ('hpc_parameter_assignments', 'hpc_parameter_assignments_parameter_required'),
    ('hpc_parameter_assignments', 'hpc_parameter_assignments_peer_pairing'),
    ('hpc_parameter_assignments', 'hpc_parameter_assignments_rater_roles_check'),
    ('hpc_parameter_assignments', 'hpc_parameter_assignments_weight_positive'),
    ('hpc_parameters', 'hpc_parameters_ability_format'),
    ('hpc_parameters', 'hpc_parameters_area_code_format'),
    ('hpc_parameters', 'hpc_parameters_code_format'),
    ('hpc_parameters', 'hpc_parameters_grades_not_empty'),
    ('hpc_parameters', 'hpc_parameters_scale_code_format'),
    ('hpc_parameters', 'hpc_parameters_version_positive'),
    ('hpc_reflections', 'hpc_reflections_content_is_object'),
    ('hpc_reflections', 'hpc_reflections_kind_author'),
    ('hpc_reflections', 'hpc_reflections_review_has_goal'),
    ('hpc_reflections', 'hpc_reflections_self_author'),
    ('hpc_reflections', 'hpc_reflections_submitted_at'),
    ('hpc_reports', 'hpc_reports_content_hash_format'),
    ('hpc_reports', 'hpc_reports_content_is_object'),
    ('hpc_reports', 'hpc_reports_language_format'),
    ('hpc_reports', 'hpc_reports_lock_version_nonnegative'),
    ('hpc_reports', 'hpc_reports_published_complete'),
    ('hpc_reports', 'hpc_reports_reopen_chain'),
    ('hpc_reports', 'hpc_reports_version_positive'),
    ('hpc_rubrics', 'hpc_rubrics_icon_format'),
    ('hpc_rubrics', 'hpc_rubrics_ordinal_range'),
    ('hpc_rubrics', 'hpc_rubrics_scale_code_format'),
    ('hpc_rubrics', 'hpc_rubrics_self_statements_range'),
    ('hpc_rubrics', 'hpc_rubrics_version_positive'),
    ('institution_feature_flags', 'institution_feature_flags_feature_check'),
    ('institution_feature_flags', 'institution_feature_flags_pilot_cohort_format'),
    ('institutions', 'institutions_settings_is_object'),
    ('institutions', 'institutions_slug_format'),
    ('staff_duties', 'staff_duties_duty_check'),
    ('staff_duties', 'staff_duties_scope_check'),
    ('staff_duties', 'staff_duties_stage_check'),
    ('student_guardians', 'student_guardians_not_self'),
    ('student_guardians', 'student_guardians_relationship_check'),
    ('user_profiles', 'user_profiles_accommodation_type_check'),
    ('user_profiles', 'user_profiles_gender_check'),
    ('user_profiles', 'user_profiles_identifier_by_role'),
    ('user_profiles', 'user_profiles_peer_group_check'),
    ('user_profiles', 'user_profiles_role_allowed'),
    ('user_profiles', 'user_profiles_status_check')
  $$,
  'every rule that is not a fixed list of words is a named check constraint');

-- Fixed lists of words are enum types in public: the generated TypeScript types give them
-- as string unions.
select set_eq(
  $$select c.relname::text, a.attname::text, pg_catalog.format_type(a.atttypid, null)
    from pg_catalog.pg_attribute as a
    join pg_catalog.pg_class as c on c.oid = a.attrelid
    join pg_catalog.pg_type as t on t.oid = a.atttypid
    left join pg_catalog.pg_type as e on e.oid = t.typelem
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
      and a.attnum > 0 and not a.attisdropped
      and (t.typtype = 'e' or e.typtype = 'e')$$,
  $$values
    ('audit_events', 'operation', 'audit_operation'),
    ('comment_bank_phrases', 'stage', 'hpc_stage'),
    ('hpc_achievements', 'category', 'hpc_achievement_category'),
    ('hpc_achievements', 'level', 'hpc_achievement_level'),
    ('hpc_analytics', 'scope', 'hpc_analytics_scope'),
    ('hpc_approval_workflows', 'approver_duty', 'hpc_staff_duty'),
    ('hpc_approval_workflows', 'decision', 'hpc_approval_decision'),
    ('hpc_approval_workflows', 'kind', 'hpc_approval_kind'),
    ('hpc_approval_workflows', 'stage', 'hpc_stage'),
    ('hpc_conversations', 'author_role', 'hpc_conversation_author_role'),
    ('hpc_evaluation_cycles', 'status', 'hpc_cycle_status'),
    ('hpc_evaluations', 'rater_role', 'hpc_rater_role'),
    ('hpc_evaluations', 'status', 'hpc_entry_status'),
    ('hpc_parameter_assignments', 'rater_roles', 'hpc_rater_role[]'),
    ('hpc_parameters', 'stage', 'hpc_stage'),
    ('hpc_reflections', 'author_role', 'hpc_reflection_author_role'),
    ('hpc_reflections', 'kind', 'hpc_reflection_kind'),
    ('hpc_reflections', 'status', 'hpc_entry_status'),
    ('hpc_reports', 'status', 'hpc_report_status'),
    ('hpc_rubrics', 'stage', 'hpc_stage'),
    ('report_jobs', 'action', 'hpc_report_action'),
    ('report_jobs', 'kind', 'hpc_batch_kind'),
    ('report_jobs', 'status', 'hpc_batch_status'),
    ('institutions', 'default_language', 'hpc_language'),
    ('parameter_translations', 'language', 'hpc_language'),
    ('rubric_translations', 'language', 'hpc_language'),
    ('cycle_translations', 'language', 'hpc_language')
  $$,
  'the HPC tables'' fixed lists of words are enum columns');
select is(
  (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_catalog.pg_enum as e
   where e.enumtypid = 'public.hpc_rater_role'::regtype),
  array['teacher', 'self', 'peer', 'parent'], 'the rater roles are teacher, self, peer, parent');
select is(
  (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_catalog.pg_enum as e
   where e.enumtypid = 'public.hpc_cycle_status'::regtype),
  array['planned', 'open', 'closed', 'locked', 'archived'], 'a cycle is planned, open, closed, locked or archived');
select ok(
  (select c.convalidated from pg_constraint as c where c.conname = 'user_profiles_role_allowed'),
  'the new role check (with parent) is validated');
select ok(
  (select pg_get_constraintdef(c.oid) like '%parent%' from pg_constraint as c where c.conname = 'user_profiles_role_allowed'),
  'the role check admits parent');
select ok(not exists (select 1 from pg_constraint as c where c.conrelid = 'public.user_profiles'::regclass
                      and c.conname in ('user_profiles_role_check', 'user_profiles_identifier_check')),
  'the old role and identifier checks are dropped');

-- Indexes --------------------------------------------------------------------------------
select has_index('public', 'academic_terms', 'academic_terms_pkey', array['institution_id', 'id'], 'index academic_terms_pkey on academic_terms');
select has_index('public', 'audit_events', 'audit_events_actor_idx', array['actor_id', 'occurred_at'], 'index audit_events_actor_idx on audit_events');
select has_index('public', 'audit_events', 'audit_events_institution_idx', array['institution_id', 'occurred_at'], 'index audit_events_institution_idx on audit_events');
select has_index('public', 'audit_events', 'audit_events_pkey', array['institution_id', 'occurred_at', 'id'], 'index audit_events_pkey on audit_events');
select has_index('public', 'audit_events', 'audit_events_record_idx', array['record_key'], 'index audit_events_record_idx on audit_events');
select has_index('public', 'cohorts', 'cohorts_pkey', array['institution_id', 'id'], 'index cohorts_pkey on cohorts');
select has_index('public', 'cohorts', 'cohorts_institution_term_idx', array['institution_id', 'academic_term_id'], 'index cohorts_institution_term_idx on cohorts');
select has_index('public', 'courses', 'courses_pkey', array['institution_id', 'id'], 'index courses_pkey on courses');
select has_index('public', 'hpc_achievements', 'hpc_achievements_cycle_idx', array['institution_id', 'cycle_id'], 'index hpc_achievements_cycle_idx on hpc_achievements');
select has_index('public', 'hpc_achievements', 'hpc_achievements_pkey', array['institution_id', 'id'], 'index hpc_achievements_pkey on hpc_achievements');
select has_index('public', 'hpc_achievements', 'hpc_achievements_student_idx', array['institution_id', 'student_id', 'achieved_on'], 'index hpc_achievements_student_idx on hpc_achievements');
select has_index('public', 'hpc_achievements', 'hpc_achievements_verified_by_idx', array['institution_id', 'verified_by'], 'index hpc_achievements_verified_by_idx on hpc_achievements');
select has_index('public', 'hpc_analytics', 'hpc_analytics_metric_key', array['institution_id', 'cycle_id', 'scope', 'scope_key', 'metric'], 'index hpc_analytics_metric_key on hpc_analytics');
select has_index('public', 'hpc_analytics', 'hpc_analytics_parameter_idx', array['institution_id', 'parameter_id'], 'index hpc_analytics_parameter_idx on hpc_analytics');
select has_index('public', 'hpc_analytics', 'hpc_analytics_pkey', array['institution_id', 'id'], 'index hpc_analytics_pkey on hpc_analytics');
select has_index('public', 'hpc_analytics', 'hpc_analytics_section_idx', array['institution_id', 'section_id'], 'index hpc_analytics_section_idx on hpc_analytics');
select has_index('public', 'hpc_approval_workflows', 'hpc_approval_workflows_chain_key', array['institution_id', 'stage', 'version', 'step_order'], 'index hpc_approval_workflows_chain_key on hpc_approval_workflows');
select has_index('public', 'hpc_approval_workflows', 'hpc_approval_workflows_chain_step_idx', array['institution_id', 'chain_step_id'], 'index hpc_approval_workflows_chain_step_idx on hpc_approval_workflows');
select has_index('public', 'hpc_approval_workflows', 'hpc_approval_workflows_decided_by_idx', array['institution_id', 'decided_by'], 'index hpc_approval_workflows_decided_by_idx on hpc_approval_workflows');
select has_index('public', 'hpc_approval_workflows', 'hpc_approval_workflows_pending_idx', array['institution_id', 'approver_duty'], 'index hpc_approval_workflows_pending_idx on hpc_approval_workflows');
select has_index('public', 'hpc_approval_workflows', 'hpc_approval_workflows_pkey', array['institution_id', 'id'], 'index hpc_approval_workflows_pkey on hpc_approval_workflows');
select has_index('public', 'hpc_approval_workflows', 'hpc_approval_workflows_report_idx', array['institution_id', 'report_id', 'student_id'], 'index hpc_approval_workflows_report_idx on hpc_approval_workflows');
select has_index('public', 'hpc_approval_workflows', 'hpc_approval_workflows_step_key', array['institution_id', 'report_id', 'round', 'step_order'], 'index hpc_approval_workflows_step_key on hpc_approval_workflows');
select has_index('public', 'hpc_conversations', 'hpc_conversations_author_idx', array['institution_id', 'author_id'], 'index hpc_conversations_author_idx on hpc_conversations');
select has_index('public', 'hpc_conversations', 'hpc_conversations_pkey', array['institution_id', 'id'], 'index hpc_conversations_pkey on hpc_conversations');
select has_index('public', 'hpc_conversations', 'hpc_conversations_report_idx', array['institution_id', 'report_id'], 'index hpc_conversations_report_idx on hpc_conversations');
select has_index('public', 'hpc_conversations', 'hpc_conversations_student_idx', array['institution_id', 'student_id', 'created_at'], 'index hpc_conversations_student_idx on hpc_conversations');
select has_index('public', 'hpc_conversations', 'hpc_conversations_thread_idx', array['institution_id', 'thread_id', 'created_at'], 'index hpc_conversations_thread_idx on hpc_conversations');
select has_index('public', 'hpc_evaluation_cycles', 'hpc_evaluation_cycles_name_key', array['institution_id', 'academic_term_id', 'name'], 'index hpc_evaluation_cycles_name_key on hpc_evaluation_cycles');
select has_index('public', 'hpc_evaluation_cycles', 'hpc_evaluation_cycles_pkey', array['institution_id', 'id'], 'index hpc_evaluation_cycles_pkey on hpc_evaluation_cycles');
select has_index('public', 'hpc_evaluation_cycles', 'hpc_evaluation_cycles_status_idx', array['institution_id', 'status'], 'index hpc_evaluation_cycles_status_idx on hpc_evaluation_cycles');
select has_index('public', 'hpc_evaluations', 'hpc_evaluations_assignment_idx', array['institution_id', 'assignment_id'], 'index hpc_evaluations_assignment_idx on hpc_evaluations');
select has_index('public', 'hpc_evaluations', 'hpc_evaluations_level_idx', array['institution_id', 'rubric_id', 'level_ordinal'], 'index hpc_evaluations_level_idx on hpc_evaluations');
select has_index('public', 'hpc_evaluations', 'hpc_evaluations_parameter_idx', array['institution_id', 'parameter_id'], 'index hpc_evaluations_parameter_idx on hpc_evaluations');
select has_index('public', 'hpc_evaluations', 'hpc_evaluations_pkey', array['institution_id', 'id'], 'index hpc_evaluations_pkey on hpc_evaluations');
select has_index('public', 'hpc_evaluations', 'hpc_evaluations_rater_idx', array['institution_id', 'rater_id', 'cycle_id'], 'index hpc_evaluations_rater_idx on hpc_evaluations');
select has_index('public', 'hpc_evaluations', 'hpc_evaluations_rating_key', array['institution_id', 'cycle_id', 'student_id', 'parameter_id', 'rater_role', 'rater_id'], 'index hpc_evaluations_rating_key on hpc_evaluations');
select has_index('public', 'hpc_evaluations', 'hpc_evaluations_student_idx', array['institution_id', 'student_id', 'cycle_id'], 'index hpc_evaluations_student_idx on hpc_evaluations');
select has_index('public', 'hpc_parameter_assignments', 'hpc_parameter_assignments_course_idx', array['institution_id', 'course_id'], 'index hpc_parameter_assignments_course_idx on hpc_parameter_assignments');
select has_index('public', 'hpc_parameter_assignments', 'hpc_parameter_assignments_parameter_idx', array['institution_id', 'parameter_id'], 'index hpc_parameter_assignments_parameter_idx on hpc_parameter_assignments');
select has_index('public', 'hpc_parameter_assignments', 'hpc_parameter_assignments_peer_reviewer_idx', array['institution_id', 'peer_reviewer_id'], 'index hpc_parameter_assignments_peer_reviewer_idx on hpc_parameter_assignments');
select has_index('public', 'hpc_parameter_assignments', 'hpc_parameter_assignments_pkey', array['institution_id', 'id'], 'index hpc_parameter_assignments_pkey on hpc_parameter_assignments');
select has_index('public', 'hpc_parameter_assignments', 'hpc_parameter_assignments_scope_key', array['institution_id', 'cycle_id', 'section_id', 'parameter_id', 'course_id', 'student_id', 'peer_reviewer_id'], 'index hpc_parameter_assignments_scope_key on hpc_parameter_assignments');
select has_index('public', 'hpc_parameter_assignments', 'hpc_parameter_assignments_section_idx', array['institution_id', 'section_id', 'cycle_id'], 'index hpc_parameter_assignments_section_idx on hpc_parameter_assignments');
select has_index('public', 'hpc_parameter_assignments', 'hpc_parameter_assignments_student_idx', array['institution_id', 'student_id'], 'index hpc_parameter_assignments_student_idx on hpc_parameter_assignments');
select has_index('public', 'hpc_parameter_assignments', 'hpc_parameter_assignments_teacher_idx', array['institution_id', 'teacher_id'], 'index hpc_parameter_assignments_teacher_idx on hpc_parameter_assignments');
select has_index('public', 'hpc_parameters', 'hpc_parameters_code_version_key', array['institution_id', 'code', 'version'], 'index hpc_parameters_code_version_key on hpc_parameters');
select has_index('public', 'hpc_parameters', 'hpc_parameters_pkey', array['institution_id', 'id'], 'index hpc_parameters_pkey on hpc_parameters');
select has_index('public', 'hpc_parameters', 'hpc_parameters_stage_idx', array['institution_id', 'stage', 'active'], 'index hpc_parameters_stage_idx on hpc_parameters');
select has_index('public', 'hpc_reflections', 'hpc_reflections_author_idx', array['institution_id', 'author_id'], 'index hpc_reflections_author_idx on hpc_reflections');
select has_index('public', 'hpc_reflections', 'hpc_reflections_cycle_idx', array['institution_id', 'cycle_id', 'kind'], 'index hpc_reflections_cycle_idx on hpc_reflections');
select has_index('public', 'hpc_reflections', 'hpc_reflections_goal_idx', array['institution_id', 'goal_id'], 'index hpc_reflections_goal_idx on hpc_reflections');
select has_index('public', 'hpc_reflections', 'hpc_reflections_entry_key', array['institution_id', 'cycle_id', 'student_id', 'author_id', 'kind', 'entry_key'], 'index hpc_reflections_entry_key on hpc_reflections');
select has_index('public', 'hpc_reflections', 'hpc_reflections_pkey', array['institution_id', 'id'], 'index hpc_reflections_pkey on hpc_reflections');
select has_index('public', 'hpc_reflections', 'hpc_reflections_student_idx', array['institution_id', 'student_id', 'cycle_id'], 'index hpc_reflections_student_idx on hpc_reflections');
select has_index('public', 'hpc_reports', 'hpc_reports_one_current_key', array['institution_id', 'cycle_id', 'student_id'], 'index hpc_reports_one_current_key on hpc_reports');
select has_index('public', 'hpc_reports', 'hpc_reports_pkey', array['institution_id', 'id'], 'index hpc_reports_pkey on hpc_reports');
select has_index('public', 'hpc_reports', 'hpc_reports_published_by_idx', array['institution_id', 'published_by'], 'index hpc_reports_published_by_idx on hpc_reports');
select has_index('public', 'hpc_reports', 'hpc_reports_status_idx', array['institution_id', 'cycle_id', 'status'], 'index hpc_reports_status_idx on hpc_reports');
select has_index('public', 'hpc_reports', 'hpc_reports_student_idx', array['institution_id', 'student_id', 'cycle_id'], 'index hpc_reports_student_idx on hpc_reports');
select has_index('public', 'hpc_reports', 'hpc_reports_supersedes_idx', array['institution_id', 'supersedes_id'], 'index hpc_reports_supersedes_idx on hpc_reports');
select has_index('public', 'hpc_reports', 'hpc_reports_version_key', array['institution_id', 'cycle_id', 'student_id', 'version'], 'index hpc_reports_version_key on hpc_reports');
select has_index('public', 'hpc_rubrics', 'hpc_rubrics_id_ordinal_key', array['institution_id', 'id', 'ordinal'], 'index hpc_rubrics_id_ordinal_key on hpc_rubrics');
select has_index('public', 'hpc_rubrics', 'hpc_rubrics_level_key', array['institution_id', 'scale_code', 'parameter_id', 'version', 'ordinal'], 'index hpc_rubrics_level_key on hpc_rubrics');
select has_index('public', 'hpc_rubrics', 'hpc_rubrics_parameter_idx', array['institution_id', 'parameter_id'], 'index hpc_rubrics_parameter_idx on hpc_rubrics');
select has_index('public', 'hpc_rubrics', 'hpc_rubrics_pkey', array['institution_id', 'id'], 'index hpc_rubrics_pkey on hpc_rubrics');
select has_index('public', 'hpc_rubrics', 'hpc_rubrics_stage_idx', array['institution_id', 'stage', 'scale_code'], 'index hpc_rubrics_stage_idx on hpc_rubrics');
select has_index('public', 'institution_feature_flags', 'institution_feature_flags_feature_idx', array['feature', 'enabled', 'pilot_cohort'], 'index institution_feature_flags_feature_idx on institution_feature_flags');
select has_index('public', 'institution_feature_flags', 'institution_feature_flags_pkey', array['institution_id', 'feature'], 'index institution_feature_flags_pkey on institution_feature_flags');
select has_index('public', 'institutions', 'institutions_pkey', array['id'], 'index institutions_pkey on institutions');
select has_index('public', 'institutions', 'institutions_slug_key', array['slug'], 'index institutions_slug_key on institutions');
select has_index('public', 'section_courses', 'section_courses_institution_course_idx', array['institution_id', 'course_id'], 'index section_courses_institution_course_idx on section_courses');
select has_index('public', 'section_courses', 'section_courses_pkey', array['institution_id', 'id'], 'index section_courses_pkey on section_courses');
select has_index('public', 'section_courses', 'section_courses_institution_section_idx', array['institution_id', 'section_id'], 'index section_courses_institution_section_idx on section_courses');
select has_index('public', 'section_courses', 'section_courses_institution_teacher_idx', array['institution_id', 'teacher_id'], 'index section_courses_institution_teacher_idx on section_courses');
select has_index('public', 'section_students', 'section_students_pkey', array['institution_id', 'id'], 'index section_students_pkey on section_students');
select has_index('public', 'section_students', 'section_students_institution_section_idx', array['institution_id', 'section_id'], 'index section_students_institution_section_idx on section_students');
select has_index('public', 'section_students', 'section_students_institution_student_idx', array['institution_id', 'student_id'], 'index section_students_institution_student_idx on section_students');
select has_index('public', 'sections', 'sections_institution_cohort_idx', array['institution_id', 'cohort_id'], 'index sections_institution_cohort_idx on sections');
select has_index('public', 'sections', 'sections_pkey', array['institution_id', 'id'], 'index sections_pkey on sections');
select has_index('public', 'staff_duties', 'staff_duties_course_idx', array['institution_id', 'course_id'], 'index staff_duties_course_idx on staff_duties');
select has_index('public', 'staff_duties', 'staff_duties_duty_idx', array['institution_id', 'duty'], 'index staff_duties_duty_idx on staff_duties');
select has_index('public', 'staff_duties', 'staff_duties_one_class_teacher_key', array['institution_id', 'section_id'], 'index staff_duties_one_class_teacher_key on staff_duties');
select has_index('public', 'staff_duties', 'staff_duties_pkey', array['institution_id', 'id'], 'index staff_duties_pkey on staff_duties');
select has_index('public', 'staff_duties', 'staff_duties_section_idx', array['institution_id', 'section_id'], 'index staff_duties_section_idx on staff_duties');
select has_index('public', 'staff_duties', 'staff_duties_unique_key', array['institution_id', 'user_id', 'duty', 'section_id', 'course_id', 'stage'], 'index staff_duties_unique_key on staff_duties');
select has_index('public', 'student_guardians', 'student_guardians_guardian_idx', array['institution_id', 'guardian_id'], 'index student_guardians_guardian_idx on student_guardians');
select has_index('public', 'student_guardians', 'student_guardians_one_primary_key', array['institution_id', 'student_id'], 'index student_guardians_one_primary_key on student_guardians');
select has_index('public', 'student_guardians', 'student_guardians_pkey', array['institution_id', 'student_id', 'guardian_id'], 'index student_guardians_pkey on student_guardians');
select has_index('public', 'user_profiles', 'user_profiles_pkey', array['institution_id', 'id'], 'index user_profiles_pkey on user_profiles');
select has_index('public', 'audit_events', 'audit_events_record_idx', 'index audit_events_record_idx on audit_events');

select is(
  (select array_agg(format('%s(%s)', c.conrelid::regclass, c.conname) order by 1)
   from pg_constraint as c
   where c.contype = 'f' and c.connamespace = 'public'::regnamespace and c.conparentid = 0
     and not tests.is_a_citus_shard(c.conrelid)
     and not exists (
       select 1 from pg_index as x
       where x.indrelid = c.conrelid and x.indpred is null
         and (x.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
         and (x.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
     and c.conrelid::regclass::text not in ('section_courses', 'section_students', 'sections', 'cohorts', 'user_profiles',
                                            'academic_terms', 'courses', 'user_groups', 'audit_logs', 'system_reports',
                                            'user_permissions', 'teacher_subject_eligibility', 'teacher_grade_eligibility',
                                            'teacher_load_rules', 'slot_templates', 'slot_template_assignments', 'timetables',
                                            'timetable_sessions', 'timetable_conflicts', 'allocation_settings', 'system_settings')),
  null,
  'every foreign key of the new tables (not BIG DAY''s own) is covered by an index that starts with its columns');
select is(
  (select array_agg(format('%s = %s', a.indexrelid::regclass, b.indexrelid::regclass))
   from pg_index as a join pg_index as b
     on a.indrelid = b.indrelid and a.indexrelid < b.indexrelid and a.indkey = b.indkey
    and a.indclass = b.indclass and coalesce(pg_get_expr(a.indpred, a.indrelid), '') = coalesce(pg_get_expr(b.indpred, b.indrelid), '')
    and coalesce(pg_get_expr(a.indexprs, a.indrelid), '') = coalesce(pg_get_expr(b.indexprs, b.indrelid), '')
   join pg_class as t on t.oid = a.indrelid
   where t.relnamespace = 'public'::regnamespace),
  null,
  'no duplicate indexes in public');

-- Partition layout -----------------------------------------------------------------------
select is_partitioned('public', 'hpc_evaluations', 'hpc_evaluations is partitioned');
select is(pg_get_partkeydef('public.hpc_evaluations'::regclass), 'HASH (institution_id)', 'hpc_evaluations is partitioned by hash of institution_id');
select partitions_are('public', 'hpc_evaluations',
  array(select format('partitions.hpc_evaluations_p%s', r) from generate_series(0, 9) as r),
  'hpc_evaluations has exactly the partitions p0..p9');
select is(
  array(select c.relname || ': ' || pg_get_expr(c.relpartbound, c.oid) from pg_inherits as i join pg_class as c on c.oid = i.inhrelid
        where i.inhparent = 'public.hpc_evaluations'::regclass order by c.relname),
  array(select format('hpc_evaluations_p%s: FOR VALUES WITH (modulus 10, remainder %s)', r, r)
        from generate_series(0, 9) as r order by 1),
  'partition pN holds remainder N of modulus 10');
select is(pg_get_partkeydef('public.audit_events'::regclass), 'RANGE (occurred_at)', 'audit_events is partitioned by range of occurred_at');
select is(
  (select count(*)::int from generate_series(date '2026-01-01', date '2027-12-01', interval '1 month') as m
   where to_regclass(format('partitions.audit_events_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'))) is null),
  0, 'audit_events has a partition for every month of 2026 and 2027');
select ok(
  (select pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT' from pg_class as c where c.oid = 'partitions.audit_events_default'::regclass),
  'audit_events has a default partition');

-- Row level security and grants -----------------------------------------------------------
select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class as c
   where c.relnamespace in ('public'::regnamespace, 'partitions'::regnamespace) and c.relkind in ('r', 'p') and not c.relrowsecurity),
  null, 'every table in public and every partition has row level security enabled');
select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class as c
   where c.relnamespace = 'public'::regnamespace and c.relispartition),
  null, 'no partition lives in public (the API schema): they are in the schema partitions');
select ok(not has_schema_privilege('anon', 'partitions', 'usage') and not has_schema_privilege('authenticated', 'partitions', 'usage'),
  'the API roles have no usage on the schema partitions');
select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class as c
   where c.relispartition
     and (has_table_privilege('anon', c.oid, 'select, insert, update, delete, truncate, references, trigger')
          or has_table_privilege('authenticated', c.oid, 'select, insert, update, delete, truncate, references, trigger'))),
  null, 'no partition grants anything to anon or authenticated');
select is(
  (select array_agg(p) from unnest(array['update', 'delete', 'truncate']) as p
   where has_table_privilege('service_role', 'public.audit_events', p)
      or has_table_privilege('authenticated', 'public.audit_events', p)
      or has_table_privilege('anon', 'public.audit_events', p)),
  null, 'no API role may update, delete or truncate audit_events');

-- Triggers, publication, helpers --------------------------------------------------------------
select is(
  (select array_agg(format('%s.%s', t.name, trg) order by 1)
   from t_new as t cross join unnest(array['audit_row_change', 'stamp_row_authorship']) as trg
   where t.name <> 'institution_feature_flags'
     and not exists (select 1 from pg_trigger as g where g.tgrelid = format('public.%I', t.name)::regclass
                     and g.tgname = trg and not g.tgisinternal)),
  null, 'every HPC and people table is audited and stamps its authorship');
select is(
  (select array_agg(t order by t) from unnest(array['academic_terms', 'courses', 'cohorts', 'sections',
                                              'section_students', 'section_courses']) as t
   where (select count(*) from pg_trigger as g where g.tgrelid = format('public.%I', t)::regclass
          and g.tgname in ('audit_tenant_of_new_row', 'audit_tenant_move')) <> 2),
  null, 'the tenant column of every existing table is audited (new rows and moves)');
select is(
  (select array_agg(g.tgname::text order by g.tgname) from pg_trigger as g
   where g.tgrelid = 'public.user_profiles'::regclass and not g.tgisinternal and g.tgname like 'audit%'),
  array['audit_row_change'], 'a profile''s every write is audited in audit_events, BIG DAY''s own profile log replaced');
select is(
  (select array_agg(g.tgrelid::regclass::text order by 1) from pg_trigger as g
   where g.tgname = 'audit_tenant_move'
     and pg_get_triggerdef(g.oid) not like '%WHEN (((old.institution_id IS NOT NULL) AND (old.institution_id IS DISTINCT FROM new.institution_id)))%'),
  null, 'filling a missing institution_id (the migration''s backfill) is not a move and is not audited row by row');
select is(
  (select array_agg(g.tgrelid::regclass::text order by g.tgrelid::regclass::text) from pg_trigger as g where g.tgname = 'register_unknown_institution'),
  null,
  'since the contract no table registers unknown institution ids on the fly: the keys refuse them');
select ok(
  exists (select 1 from pg_publication_tables where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = 'hpc_conversations'),
  'hpc_conversations is in the supabase_realtime publication');

select has_function('private', 'current_institution_id', array[]::text[], 'private.current_institution_id() exists');
select has_function('private', 'hpc_enabled', array['uuid'], 'private.hpc_enabled(uuid) exists');
select has_function('private', 'register_institutions_from_existing_values', array['regclass', 'uuid', 'integer'],
  'private.register_institutions_from_existing_values(regclass, uuid, integer) exists');
select is_definer('private', 'current_institution_id', array[]::text[], 'current_institution_id is security definer');
select is_definer('private', 'hpc_enabled', array['uuid'], 'hpc_enabled is security definer');
select volatility_is('private', 'current_institution_id', array[]::text[], 'stable', 'current_institution_id is stable');
select volatility_is('private', 'hpc_enabled', array['uuid'], 'stable', 'hpc_enabled is stable');
-- The request context's readers are inlined into the policies, which a pinned search_path
-- would prevent: they are the only exception, and they may only read settings, run as the
-- caller, and name everything with its schema.
select is(
  (select array_agg(p.proname::text order by p.proname) from pg_proc as p
   where p.pronamespace = 'private'::regnamespace
     and not coalesce(p.proconfig @> array['search_path=""'], false)
     and (p.prolang <> (select oid from pg_language where lanname = 'sql') or p.prosecdef or p.provolatile <> 's'
          or p.prosrc ~* '\m(from|join|insert|update|delete)\M'
          or p.prosrc ~ '(^|[^.a-z_])(current_setting|strpos)\(')),
  null, 'every function in private pins search_path to empty, but the inlined context readers, which read settings only');
select ok(
  (select bool_and(p.prosrc !~* '\m(from|join)\M') and count(*) >= 30 from pg_proc as p
   where p.pronamespace = 'private'::regnamespace and p.proconfig is null),
  'the context readers are there and none reads a table');
select ok(has_function_privilege('authenticated', 'private.current_institution_id()', 'execute')
          and has_function_privilege('authenticated', 'private.hpc_enabled(uuid)', 'execute'),
  'authenticated may call the policy helpers');
select ok(not has_function_privilege('anon', 'private.hpc_enabled(uuid)', 'execute')
          and not has_function_privilege('authenticated', 'private.register_institutions_from_existing_values(regclass, uuid, integer)', 'execute')
          and not has_function_privilege('authenticated', 'private.create_audit_event_partitions(date, integer)', 'execute')
          and not has_function_privilege('authenticated', 'private.audit_row_change()', 'execute'),
  'anon calls no helper; authenticated calls no maintenance or trigger function');
-- anon needs the schema for PostgREST's pre-request function only.
select is(
  (select array_agg(p.oid::regprocedure::text) from pg_proc as p
   where p.pronamespace = 'private'::regnamespace and has_function_privilege('anon', p.oid, 'execute')),
  array['private.set_request_context()'], 'anon may call nothing in private but the pre-request function');
select ok(current_setting('pgrst.db_schemas', true) not like '%private%', 'the API does not expose schema private');
select ok(exists (select 1 from cron.job where jobname = 'audit-events-partitions'), 'a pg_cron job keeps audit partitions ahead');

select * from finish();
rollback;
