-- hpc_evaluations partitioning: run-time pruning to one partition of ten with a scalar
-- institution filter, routing for a new institution without DDL, and partitions that
-- cannot be read around the parent's row security.
begin;
\ir support/tests-schema.sql
select plan(10);

create function pg_temp.plan_of(q text) returns jsonb language plpgsql as $$
declare
  r json;
begin
  execute 'explain (analyze, costs off, timing off, format json) ' || q into r;
  return r::jsonb;
end
$$;
-- The scan nodes of hpc_evaluations partitions in a plan, with how often each ran.
create function pg_temp.partition_scans(p jsonb) returns table (relation text, loops bigint) language sql as $$
  select n ->> 'Relation Name', (n ->> 'Actual Loops')::bigint
  from jsonb_path_query(p, 'strict $.**') as n
  where jsonb_typeof(n) = 'object' and n ->> 'Relation Name' like 'hpc\_evaluations\_p%'
$$;

select tests.set_claims_of('00000000-0000-4000-a000-000000000002');

create temporary table t_plan on commit drop as
select pg_temp.plan_of($q$select count(*) from public.hpc_evaluations
                        where institution_id = (select private.current_institution_id())$q$) as p;

select is((select count(*)::int from t_plan, pg_temp.partition_scans(p)), 10,
  'the plan of a scalar (select ...) filter holds all ten partitions (pruned at run time, not plan time)');
select is((select count(*)::int from t_plan, pg_temp.partition_scans(p) where loops > 0), 1,
  'exactly one partition is executed');
select is((select count(*)::int from t_plan, pg_temp.partition_scans(p) where loops = 0), 9,
  'the nine others are never executed');
select is(
  (select relation from t_plan, pg_temp.partition_scans(p) where loops > 0),
  (select c.relname::text from public.hpc_evaluations as e join pg_class as c on c.oid = e.tableoid
   where e.institution_id = '10000000-0000-4000-8000-000000000001' limit 1),
  'the executed partition is the one holding the caller''s institution');
select is(
  (select count(*)::int from public.hpc_evaluations where institution_id = (select private.current_institution_id())),
  (select count(*)::int from public.hpc_evaluations where institution_id = '10000000-0000-4000-8000-000000000001'),
  'the pruned query still counts every row of the institution');

-- A literal is pruned when planning: one partition in the plan at all.
select is(
  (select count(*)::int from pg_temp.partition_scans(pg_temp.plan_of(
     $q$select count(*) from public.hpc_evaluations where institution_id = '10000000-0000-4000-8000-000000000002'$q$))),
  1, 'a literal institution_id is pruned at plan time to one partition');

-- A new institution needs no DDL: its rows land in one of the ten partitions.
insert into public.institutions (id, name, slug) values ('40000000-0000-4000-8000-000000000001', 'Navodaya Test School', 'navodaya-test');
insert into public.academic_terms (id, institution_id, name, start_date, end_date)
values ('40000000-0000-4000-8000-000000000002', '40000000-0000-4000-8000-000000000001', '2026-27 Term 1', '2026-04-01', '2026-09-30');
insert into public.hpc_evaluation_cycles (id, institution_id, academic_term_id, name, term_number, opens_on, closes_on, status)
values ('40000000-0000-4000-8000-000000000003', '40000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000002',
        'Term 1', 1, '2026-08-01', '2026-09-15', 'open');
insert into public.hpc_parameters (id, institution_id, stage, grade_band, grades, area, area_code, code, name, scale_code)
values ('40000000-0000-4000-8000-000000000004', '40000000-0000-4000-8000-000000000001', 'foundational', 'Grades 1-2', '{1,2}',
        'Physical Development', 'PHY', 'FS-PHY', 'Physical Development', 'foundational');
insert into auth.users (id, aud, role, email)
values ('40000000-0000-4000-8000-000000000005', 'authenticated', 'authenticated', 'gaurav.tiwari@navodaya.example');
insert into public.user_profiles (id, institution_id, full_name, email, role, admission_number)
values ('40000000-0000-4000-8000-000000000005', '40000000-0000-4000-8000-000000000001', 'Gaurav Tiwari', 'gaurav.tiwari@navodaya.example', 'student', 'NV-0001');
insert into public.hpc_evaluations (id, institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
values ('40000000-0000-4000-8000-000000000006', '40000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000003',
        '40000000-0000-4000-8000-000000000005', '40000000-0000-4000-8000-000000000004', 'self', '40000000-0000-4000-8000-000000000005');
select ok(
  (select tableoid::regclass::text ~ '^partitions\.hpc_evaluations_p[0-9]$' from public.hpc_evaluations
   where institution_id = '40000000-0000-4000-8000-000000000001' and id = '40000000-0000-4000-8000-000000000006'),
  'a new institution''s evaluation is routed to a hash partition without any DDL');

-- Partitions do not inherit RLS: they must not be readable directly by API roles.
select tests.authenticate_as('00000000-0000-4000-a000-000000000002');
select throws_ok($$select count(*) from partitions.hpc_evaluations_p5$$, '42501', null,
  'authenticated cannot read a partition directly');
select throws_ok($$insert into partitions.hpc_evaluations_p5 (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
                   values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'teacher', gen_random_uuid())$$,
  '42501', null, 'authenticated cannot write a partition directly');
select tests.authenticate_as_anon();
select throws_ok($$select count(*) from partitions.hpc_evaluations_p1$$, '42501', null, 'anon cannot read a partition directly');
select tests.clear_authentication();

select * from finish();
rollback;
