-- The policies read the request context computed once per request, never a table: PostgREST
-- is told to compute it, the readers are inlined into the policies, and a context counts only
-- for the claims it was computed from.
begin;
\ir support/tests-schema.sql
select plan(10);

create temp table who as
select (select d.user_id from public.staff_duties d join public.institution_feature_flags f using (institution_id)
        where d.duty = 'class_teacher' and f.enabled and d.active order by d.user_id limit 1) as teacher,
       (select p.id from public.user_profiles p join public.institution_feature_flags f using (institution_id)
        where p.role = 'student' and f.enabled order by p.id limit 1) as student;
alter table who add column student_claims text;
update who set student_claims = tests.claims_of(student)::text;
grant select on who to authenticated;

select is(
  (select c from pg_db_role_setting as s cross join lateral unnest(s.setconfig) as c
   where s.setrole = 'authenticator'::regrole and s.setdatabase = 0 and c like 'pgrst.db_pre_request=%'),
  'pgrst.db_pre_request=private.set_request_context',
  'PostgREST runs private.set_request_context before every request (in-database configuration)');

-- Only the caller and school readers check that the context is the current claims' own; the
-- flags and sets are read beside them.
select is(
  (select array_agg(format('%s: %s', p.tablename, p.policyname) order by 1)
   from pg_policies as p
   where p.schemaname = 'public'
     and coalesce(p.qual, '') || coalesce(p.with_check, '') ~ 'private\.'
     and coalesce(p.qual, '') || coalesce(p.with_check, '') !~ 'private\.(hpc_institution_id|caller_institution_id|caller_id)\(\)'),
  null, 'every policy that reads the context compares with the caller or their school, which check it is current');

-- What a teacher's read of the evaluations plans: the policy with the readers inlined.
create function pg_temp.plan_of(p_sql text) returns text language plpgsql as $$
declare
  v_line text;
  v_plan text := '';
begin
  for v_line in execute 'explain (verbose, costs off) ' || p_sql loop
    v_plan := v_plan || v_line || E'\n';
  end loop;
  return v_plan;
end
$$;

select tests.authenticate_as((select teacher from who));
select ok(pg_temp.plan_of('select * from public.hpc_evaluations') !~ 'private\.',
  'the readers are inlined: the plan calls no private function per row');
select ok(pg_temp.plan_of('select * from public.hpc_evaluations') ~ 'current_setting\(''hpc\.taught_student_ids''',
  'the teacher''s students come from the request context');
select cmp_ok((select count(*) from public.hpc_evaluations), '>', 0::bigint, 'the teacher reads their students'' ratings');

-- The same claims set again by code that does not compute the context: still that user's.
do $$ begin perform set_config('request.jwt.claims', current_setting('request.jwt.claims'), true); end $$;
select cmp_ok((select count(*) from public.hpc_evaluations), '>', 0::bigint,
  'the context holds while the claims are the ones it was computed from');

-- Other claims without a new context: the old one grants nothing.
do $$ begin perform set_config('request.jwt.claims', (select student_claims from who), true); end $$;
select is((select count(*) from public.hpc_evaluations), 0::bigint,
  'claims switched without computing the context again reach no row (not the previous user''s)');
select is(private.caller_id(), null::uuid, 'and the caller is nobody');
select tests.clear_authentication();

-- A change made during a request shows from the next request on.
select tests.authenticate_as((select teacher from who));
reset role;
update public.staff_duties set active = false where user_id = (select teacher from who);
delete from public.section_courses where teacher_id = (select teacher from who);
set local role authenticated;
select cmp_ok((select count(*) from public.hpc_evaluations where rater_id <> (select teacher from who)), '>', 0::bigint,
  'within the request the teacher still has the duty the request began with');
select tests.authenticate_as((select teacher from who));
select is((select count(*) from public.hpc_evaluations where rater_id <> (select teacher from who)), 0::bigint,
  'the next request no longer has it');
select tests.clear_authentication();

select * from finish();
rollback;
