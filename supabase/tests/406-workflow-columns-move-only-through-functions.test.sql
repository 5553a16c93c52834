-- Workflow columns (report status, cycle status, approval decisions) are in no API role's
-- UPDATE grant: even a principal cannot move them by a direct update, only through the
-- workflow functions.
begin;
\ir support/tests-schema.sql
select plan(3);

-- The first principal of an institution with HPC on (demo data).
create temp table who as
select (select d.user_id from public.staff_duties d join public.institution_feature_flags f using (institution_id)
        where d.duty = 'principal' and f.enabled order by d.user_id limit 1) as principal_on;
grant select on who to authenticated;

select tests.authenticate_as((select principal_on from who));
select throws_ok($$update public.hpc_reports set status = 'published'$$, '42501', null, 'report status refuses a direct update');
select throws_ok($$update public.hpc_evaluation_cycles set status = 'closed'$$, '42501', null, 'cycle status refuses a direct update');
select throws_ok($$update public.hpc_approval_workflows set decision = 'approved'$$, '42501', null, 'approval decisions refuse a direct update');
select tests.clear_authentication();

select * from finish();
rollback;
