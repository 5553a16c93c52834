-- With the HPC flag off, the institution's users see no HPC rows, but their BIG DAY data as
-- before (demo data: Greenfield has HPC off).
begin;
\ir support/tests-schema.sql
select plan(6);

-- The first class teacher of an institution with HPC off.
create temp table who as
with d as materialized (select user_id, institution_id from public.staff_duties where duty = 'class_teacher')
select (select d.user_id from d where not private.hpc_enabled(d.institution_id) order by d.user_id limit 1) as teacher_off;
grant select on who to authenticated;

select isnt((select teacher_off from who), null, 'the demo data has an institution with HPC off and a teacher there');
select ok((select count(*) from public.hpc_evaluations e join public.user_profiles p on p.institution_id = e.institution_id
           where p.id = (select teacher_off from who)) > 0, 'that institution has evaluations');

select tests.authenticate_as((select teacher_off from who));
select is((select count(*)::int from public.hpc_evaluations), 0, 'flag off: no evaluations');
select is((select count(*)::int from public.hpc_reports), 0, 'flag off: no reports');
select is((select count(*)::int from public.hpc_parameters), 0, 'flag off: no parameters');
select ok((select count(*) from public.sections) > 0, 'flag off: sections still visible');
select tests.clear_authentication();

select * from finish();
rollback;
