-- The BIG DAY baseline is applied first and its tables carry row security, as deployed.
begin;
select plan(11);

select is(
  (select version from supabase_migrations.schema_migrations order by version limit 1),
  '20240101000000', 'the baseline is the first migration applied');

select has_table('public', t, format('BIG DAY table %s exists', t))
from unnest(array['user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections',
                  'section_students', 'section_courses', 'audit_logs', 'user_groups']) as t;

select is(
  (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relname in ('user_profiles', 'academic_terms', 'courses', 'cohorts',
     'sections', 'section_students', 'section_courses', 'audit_logs', 'user_groups') and c.relrowsecurity),
  9, 'every BIG DAY table has row level security enabled');

select * from finish();
rollback;
