-- Nobody moves themselves to another institution or gives themselves another role, while
-- their own profile stays readable.
begin;
\ir support/tests-schema.sql
select plan(3);

-- Demo people (supabase/seed.sql): the first class teacher of an institution with HPC on.
select d.user_id as teacher_on, d.institution_id as school
from public.staff_duties d join public.institution_feature_flags f using (institution_id)
where d.duty = 'class_teacher' and f.enabled order by d.user_id limit 1 \gset
create temp table who as
select :'teacher_on'::uuid as teacher_on,
       (select i.id from public.institutions i where i.id <> :'school'::uuid order by i.id limit 1) as other_school;
grant select on who to authenticated;

-- The caller is taken as (select auth.uid()): a subquery computed before the statement. A bare
-- auth.uid() is a COALESCE of current_setting, which Citus refuses inside an UPDATE.
select tests.authenticate_as((select teacher_on from who));
-- On one node the policy's WITH CHECK refuses the move; on a Citus coordinator Citus itself
-- refuses any change of the distribution column (0A000) before the policy is asked.
select throws_ok(
  format($$update public.user_profiles set institution_id = %L where id = (select auth.uid())$$,
         (select other_school from who)),
  case when exists (select 1 from pg_extension where extname = 'citus') then '0A000' else '42501' end,
  null, 'a user cannot move themselves to another institution');
select throws_ok(
  $$update public.user_profiles set role = 'admin' where id = (select auth.uid())$$,
  '42501', null, 'a user cannot change their own role');
select is(
  (select count(*)::int from public.user_profiles where id = auth.uid()), 1,
  'but they still read their own profile');
select tests.clear_authentication();

select * from finish();
rollback;
