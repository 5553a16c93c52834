-- Partitions do not inherit the parent's row security: reading one directly is refused (no
-- grants), even for rows of one's own school, while the parent serves the same rows.
begin;
\ir support/tests-schema.sql
select plan(3);

-- Demo people (supabase/seed.sql): the first class teacher of an institution with HPC on.
create temp table who as
select (select d.user_id from public.staff_duties d join public.institution_feature_flags f using (institution_id)
        where d.duty = 'class_teacher' and f.enabled order by d.user_id limit 1) as teacher_on;
grant select on who to authenticated;

select tests.authenticate_as((select teacher_on from who));
select throws_ok('select count(*) from partitions.hpc_evaluations_p0', '42501', null, 'a partition read directly is refused');
select throws_ok('select count(*) from partitions.hpc_evaluations_p7', '42501', null, 'every partition refuses direct reads');
select ok((select count(*) from public.hpc_evaluations) > 0, 'the same teacher reads evaluations through the parent');
select tests.clear_authentication();

select * from finish();
rollback;
