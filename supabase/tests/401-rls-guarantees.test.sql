-- Guarantees the role matrix states for every table, checked one by one on the demo data:
-- partitions refuse direct reads, anon gets nothing, HPC off hides everything, workflow
-- columns refuse direct updates, published cards refuse edits, nobody moves themselves.
begin;
\ir support/tests-schema.sql
select plan(22);

-- Demo people (supabase/seed.sql): a teacher and a principal of an institution with HPC on,
-- and a teacher of the institution with HPC off.
create temp table who as
select
  (select d.user_id from public.staff_duties d join public.institution_feature_flags f using (institution_id)
    where d.duty = 'class_teacher' and f.enabled order by d.user_id limit 1) as teacher_on,
  (select d.user_id from public.staff_duties d join public.institution_feature_flags f using (institution_id)
    where d.duty = 'principal' and f.enabled order by d.user_id limit 1) as principal_on,
  (select d.user_id from public.staff_duties d
    where d.duty = 'class_teacher'
      and not private.hpc_enabled(d.institution_id) order by d.user_id limit 1) as teacher_off;
grant select on who to authenticated, anon;

select isnt((select teacher_off from who), null, 'the demo data has an institution with HPC off and a teacher there');
select ok((select count(*) from public.hpc_evaluations e join public.user_profiles p on p.institution_id = e.institution_id
           where p.id = (select teacher_off from who)) > 0, 'that institution has evaluations');

-- Partitions scanned (not "never executed") when the statement runs, from EXPLAIN ANALYZE.
create function pg_temp.partitions_executed(p_sql text) returns int language plpgsql as $$
declare
  v_plan json;
begin
  execute 'explain (analyze, format json, costs off, timing off, summary off) ' || p_sql into v_plan;
  return (select count(*) from jsonb_path_query(v_plan::jsonb,
    'strict $.** ? (@."Relation Name" like_regex "^hpc_evaluations_p[0-9]+$" && @."Actual Loops" > 0)'));
end
$$;

-- The policies alone prune: a teacher's unfiltered read touches one partition of ten.
select tests.authenticate_as((select teacher_on from who));
select is(pg_temp.partitions_executed('select count(*) from public.hpc_evaluations'), 1,
  'under RLS alone a read of hpc_evaluations executes one partition of ten');
select is(pg_temp.partitions_executed(
  'select * from public.hpc_evaluations where student_id = (select student_id from public.section_students limit 1)'), 1,
  'and so does a teacher''s class-sheet style read');
select tests.clear_authentication();

-- Partitions: reading one directly is refused (no grants), even for rows of one's own school.
select tests.authenticate_as((select teacher_on from who));
select throws_ok('select count(*) from partitions.hpc_evaluations_p0', '42501', null, 'a partition read directly is refused');
select throws_ok('select count(*) from partitions.hpc_evaluations_p7', '42501', null, 'every partition refuses direct reads');
select ok((select count(*) from public.hpc_evaluations) > 0, 'the same teacher reads evaluations through the parent');
select tests.clear_authentication();

-- anon: nothing anywhere in public.
select tests.authenticate_as_anon();
select throws_ok('select count(*) from public.hpc_reports', '42501', null, 'anon cannot read reports');
select throws_ok('select count(*) from public.user_profiles', '42501', null, 'anon cannot read profiles');
select throws_ok('select count(*) from public.audit_events', '42501', null, 'anon cannot read the audit log');
select tests.clear_authentication();
select is(
  (select count(*)::int from information_schema.role_table_grants
   where grantee = 'anon' and table_schema = 'public' and privilege_type in ('SELECT', 'INSERT', 'UPDATE', 'DELETE')),
  0, 'anon holds no table privilege at all in public');

-- HPC off: the institution's users see no HPC rows, but their BIG DAY data as before.
select tests.authenticate_as((select teacher_off from who));
select is((select count(*)::int from public.hpc_evaluations), 0, 'flag off: no evaluations');
select is((select count(*)::int from public.hpc_reports), 0, 'flag off: no reports');
select is((select count(*)::int from public.hpc_parameters), 0, 'flag off: no parameters');
select ok((select count(*) from public.sections) > 0, 'flag off: sections still visible');
select tests.clear_authentication();

-- Workflow columns cannot be moved by a direct update.
select tests.authenticate_as((select principal_on from who));
select throws_ok($$update public.hpc_reports set status = 'published'$$, '42501', null, 'report status refuses a direct update');
select throws_ok($$update public.hpc_evaluation_cycles set status = 'closed'$$, '42501', null, 'cycle status refuses a direct update');
select throws_ok($$update public.hpc_approval_workflows set decision = 'approved'$$, '42501', null, 'approval decisions refuse a direct update');
select tests.clear_authentication();

-- A published card refuses edits even from the table's owner (the immutability trigger).
select throws_ok(
  $$update public.hpc_reports set language = 'hi' where status = 'published'$$,
  '55000', null, 'a published card refuses edits (even without RLS)');

-- Nobody moves themselves to another institution or role.
select tests.authenticate_as((select teacher_on from who));
select throws_ok(
  $$update public.user_profiles set institution_id = gen_random_uuid() where id = auth.uid()$$,
  '42501', null, 'a user cannot move themselves to another institution');
select throws_ok(
  $$update public.user_profiles set role = 'admin' where id = auth.uid()$$,
  '42501', null, 'a user cannot change their own role');
select is(
  (select count(*)::int from public.user_profiles where id = auth.uid()), 1,
  'but they still read their own profile');
select tests.clear_authentication();

select * from finish();
rollback;
