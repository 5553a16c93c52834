-- t_ctx: the demo people and ids the API-write tests use (supabase/seed.sql). Included after
-- support/tests-schema.sql inside the test's transaction.
-- Sunrise (institution 2): Priya Menon (13) teaches 7-A and rates Ishaan Verma (14) on
-- MS-LR1-AWA in Term 2 (open); Neha Verma (15) is Ishaan's mother. Term 1 is closed.
create temporary table t_ctx on commit drop as
select '10000000-0000-4000-8000-000000000002'::uuid as inst,
       '10000000-0000-4000-8000-000000000001'::uuid as other_inst,
       md5('cycle:2:2')::uuid as open_cycle, md5('cycle:2:1')::uuid as closed_cycle,
       '00000000-0000-4000-a000-000000000013'::uuid as teacher,
       '00000000-0000-4000-a000-000000000014'::uuid as student,
       '00000000-0000-4000-a000-000000000015'::uuid as parent,
       (select p.id from public.hpc_parameters as p
        where p.institution_id = '10000000-0000-4000-8000-000000000002' and p.code = 'MS-LR1-AWA') as param;
grant select on t_ctx to authenticated, service_role;
