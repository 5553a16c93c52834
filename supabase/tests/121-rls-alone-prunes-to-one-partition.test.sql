-- A teacher's reads of hpc_evaluations touch one partition of ten under the policies alone
-- (no institution filter written by the caller): RLS never turns into a scan of every school.
begin;
\ir support/tests-schema.sql
select plan(2);

-- Demo people (supabase/seed.sql): the first class teacher of an institution with HPC on.
create temp table who as
select (select d.user_id from public.staff_duties d join public.institution_feature_flags f using (institution_id)
        where d.duty = 'class_teacher' and f.enabled order by d.user_id limit 1) as teacher_on;
grant select on who to authenticated;

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

select tests.authenticate_as((select teacher_on from who));
select is(pg_temp.partitions_executed('select count(*) from public.hpc_evaluations'), 1,
  'under RLS alone a read of hpc_evaluations executes one partition of ten');
select is(pg_temp.partitions_executed(
  'select * from public.hpc_evaluations where student_id = (select student_id from public.section_students limit 1)'), 1,
  'and so does a teacher''s class-sheet style read');
select tests.clear_authentication();

select * from finish();
rollback;
