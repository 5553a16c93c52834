-- Statistics that tell the planner a cycle belongs to one school.
--
-- PostgREST sends every read as a prepared statement, and after a few executions Postgres
-- keeps a generic plan, estimated from average selectivities. For hpc_evaluations it took
-- institution_id, cycle_id and student_id as independent: (institution, cycle) came out at
-- about 5 rows per partition instead of a school's term, so a class sheet
-- (`cycle_id=eq.…&rater_role=eq.teacher&student_id=in.(…)`) walked the whole school's term
-- on the rating key and filtered the section's students out of it. In the largest school of
-- the scale benchmark's large preset that is 118,000 rows read for 452 returned: 53 ms per
-- request on average instead of a few (benchmarks/scale/RESULTS.md, section 7).
-- A functional dependency (cycle → school) fixes the estimate, and the generic plan looks
-- the section's students up on hpc_evaluations_student_idx. Not student_id in the same
-- object: its dependency on the school made the students' lookup look as large as the
-- term's and the walk came back (measured on the same data).
--
-- The planner reads extended statistics per partition, so each partition gets the object;
-- the parent's copy covers estimates over the whole table, and a partition made later with
-- `create table … (like public.hpc_evaluations including all)` (migration/partitions/split.ts)
-- copies it. The objects fill at the next ANALYZE, run here for the existing partitions.
-- Locks: CREATE STATISTICS and ANALYZE take SHARE UPDATE EXCLUSIVE, which reads and writes
-- do not wait for; only (auto)vacuum holds it too, and an autovacuum gives way after
-- deadlock_timeout (1 s), hence a lock timeout above that.
set local lock_timeout = '5s';
set local statement_timeout = '5min';

create statistics public.hpc_evaluations_school_dependencies (dependencies)
  on institution_id, cycle_id from public.hpc_evaluations;

do $$
declare
  v_part record;
begin
  for v_part in
    select c.relnamespace::regnamespace::text as schema_name, c.relname::text as table_name
    from pg_catalog.pg_inherits as i
    join pg_catalog.pg_class as c on c.oid = i.inhrelid
    where i.inhparent = 'public.hpc_evaluations'::regclass
    order by c.relname
  loop
    execute format('create statistics %I.%I (dependencies) on institution_id, cycle_id from %I.%I',
                   v_part.schema_name, v_part.table_name || '_school_dependencies', v_part.schema_name, v_part.table_name);
    execute format('analyze %I.%I', v_part.schema_name, v_part.table_name);
  end loop;
end
$$;

analyze public.hpc_evaluations;
