-- Nobody moves themselves to another institution or gives themselves another role, while
-- their own profile stays readable.
begin;
\ir support/tests-schema.sql
select plan(3);

-- Demo people (supabase/seed.sql): the first class teacher of an institution with HPC on.
create temp table who as
select (select d.user_id from public.staff_duties d join public.institution_feature_flags f using (institution_id)
        where d.duty = 'class_teacher' and f.enabled order by d.user_id limit 1) as teacher_on;
grant select on who to authenticated;

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
