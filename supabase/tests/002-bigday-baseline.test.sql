-- The BIG DAY baseline (its real, newer shape) is applied first and every one of its 21
-- tables carries row security, as deployed.
begin;
\ir support/tests-schema.sql
select plan(23);

select is(
  (select version from supabase_migrations.schema_migrations order by version limit 1),
  '20240101000000', 'the baseline is the first migration applied');

select has_table('public', t, format('BIG DAY table %s exists', t))
from unnest(array['user_profiles', 'audit_logs', 'system_reports', 'user_groups', 'user_permissions',
  'academic_terms', 'cohorts', 'sections', 'section_students', 'courses', 'section_courses',
  'teacher_subject_eligibility', 'teacher_grade_eligibility', 'teacher_load_rules', 'slot_templates',
  'slot_template_assignments', 'timetables', 'timetable_sessions', 'timetable_conflicts',
  'allocation_settings', 'system_settings']) as t;

select is(
  (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relname in ('user_profiles', 'audit_logs', 'system_reports', 'user_groups',
     'user_permissions', 'academic_terms', 'cohorts', 'sections', 'section_students', 'courses', 'section_courses',
     'teacher_subject_eligibility', 'teacher_grade_eligibility', 'teacher_load_rules', 'slot_templates',
     'slot_template_assignments', 'timetables', 'timetable_sessions', 'timetable_conflicts',
     'allocation_settings', 'system_settings') and c.relrowsecurity),
  21, 'every BIG DAY table has row level security enabled');

select * from finish();
rollback;
