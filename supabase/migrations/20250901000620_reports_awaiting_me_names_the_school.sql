-- "What awaits me" names the caller's school in every table it reads.
--
-- Its lookups are fenced LATERAL subqueries (OFFSET 0, a measured single-node plan choice:
-- benchmarks/reports/FINDINGS.md) that took the school from the outer row
-- (`p.institution_id = r.institution_id`). Across a fence Citus cannot carry that equality,
-- so it did not prune the lookups to the caller's shard, planned the statement for every
-- shard and refused it ("cannot push down this subquery": OFFSET in a lateral subquery that
-- references a complex subquery), and the rpc answered 400 on the lab. Each lookup now
-- compares institution_id with the caller's school itself, as the outer rows already do: on
-- Citus the statement is one task on the school's shard, fences and all; on one node each
-- lookup uses the same index with the same values (the school is the same by the outer
-- filter), so the fenced plan is kept. The caller's admin check also names the school
-- instead of finding the profile by id on every shard.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function private.hpc_reports_awaiting_me(p_limit bigint default 500)
returns table (
  report_id uuid, cycle_id uuid, student_id uuid, student_name text, version bigint, status text,
  lock_version bigint, action text, approver_duty text, round bigint, since timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_caller record;
  v_duties text[];
  v_class_sections uuid[];
  v_subject_sections uuid[];
  v_coordinator_stages text[];
  v_coordinator_all boolean;
begin
  select * into v_caller from private.hpc_caller();
  select coalesce(array_agg(distinct d.duty), '{}'),
         coalesce(array_agg(distinct d.section_id) filter (where d.duty = 'class_teacher'), '{}'),
         coalesce(array_agg(distinct d.section_id) filter (where d.duty = 'subject_teacher'), '{}'),
         coalesce(array_agg(distinct d.stage) filter (where d.duty = 'coordinator' and d.stage is not null), '{}'),
         coalesce(bool_or(d.duty = 'coordinator' and d.stage is null), false)
    into v_duties, v_class_sections, v_subject_sections, v_coordinator_stages, v_coordinator_all
  from public.staff_duties as d
  where d.institution_id = v_caller.institution_id and d.user_id = v_caller.user_id and d.active;
  if exists (select 1 from public.user_profiles as p
             where p.institution_id = v_caller.institution_id and p.id = v_caller.user_id and p.role = 'admin') then
    v_duties := v_duties || array['institution_admin'];
  end if;

  return query
  select * from (
    -- review: pending steps first (partial index on pending steps by duty), then each card
    -- and student by primary key; LATERAL fixes that order whatever the statistics say
    select r.id, r.cycle_id, r.student_id, p.full_name, r.version, r.status::text, r.lock_version,
           'review'::text, w.approver_duty::text, w.round, w.created_at
    from public.hpc_approval_workflows as w
    cross join lateral (
      select r.* from public.hpc_reports as r
      where r.institution_id = v_caller.institution_id and r.id = w.report_id and r.is_current
      offset 0 -- a fence: keeps this a per-step lookup (not pulled up into a join the planner may reorder)
    ) as r
    cross join lateral (
      select p.full_name, p.current_standard from public.user_profiles as p
      where p.institution_id = v_caller.institution_id and p.id = r.student_id
      offset 0
    ) as p
    where w.institution_id = v_caller.institution_id
      and w.decision = 'pending'
      and w.approver_duty = any (v_duties::public.hpc_staff_duty[])
      and w.kind = 'step'
      -- the same rule as private.hpc_holds_duty: sections for teachers, the student's stage
      -- (as private.hpc_student_stage) for stage coordinators, else the whole institution
      and case
            when w.approver_duty = 'class_teacher' then exists (
              select 1 from public.section_students as s
              where s.institution_id = v_caller.institution_id and s.student_id = r.student_id
                and s.section_id = any (v_class_sections))
            when w.approver_duty = 'subject_teacher' then exists (
              select 1 from public.section_students as s
              where s.institution_id = v_caller.institution_id and s.student_id = r.student_id
                and s.section_id = any (v_subject_sections))
            when w.approver_duty = 'coordinator' then v_coordinator_all or coalesce(
              (select private.hpc_stage_for_grade(c.grade)
               from public.section_students as s
               join public.sections as x on x.institution_id = s.institution_id and x.id = s.section_id
               join public.cohorts as c on c.institution_id = x.institution_id and c.id = x.cohort_id
               where s.institution_id = v_caller.institution_id and s.student_id = r.student_id
               order by c.grade, s.section_id
               limit 1),
              private.hpc_stage_for_grade(p.current_standard)) = any (v_coordinator_stages)
            else true
          end
    union all
    -- publish: the principal's approved cards without a release date
    select r.id, r.cycle_id, r.student_id, p.full_name, r.version, r.status::text, r.lock_version,
           'publish'::text, 'principal'::text, null::bigint, r.updated_at
    from public.hpc_reports as r
    cross join lateral (
      select p.full_name from public.user_profiles as p
      where p.institution_id = v_caller.institution_id and p.id = r.student_id
      offset 0
    ) as p
    where r.institution_id = v_caller.institution_id
      and 'principal' = any (v_duties)
      and r.is_current and r.status = 'approved' and r.release_at is null
    union all
    -- submit: drafts and cards sent back, of the students of the caller's class-teacher sections
    select r.id, r.cycle_id, r.student_id, p.full_name, r.version, r.status::text, r.lock_version,
           'submit'::text, 'class_teacher'::text, null::bigint, r.updated_at
    from (select distinct s.student_id
          from public.section_students as s
          where s.institution_id = v_caller.institution_id
            and s.section_id = any (v_class_sections)) as s
    cross join lateral (
      select r.* from public.hpc_reports as r
      where r.institution_id = v_caller.institution_id and r.student_id = s.student_id
        and r.is_current and r.status in ('draft', 'changes_requested')
      offset 0
    ) as r
    cross join lateral (
      select p.full_name from public.user_profiles as p
      where p.institution_id = v_caller.institution_id and p.id = r.student_id
      offset 0
    ) as p
  ) as t (report_id, cycle_id, student_id, student_name, version, status, lock_version, action, approver_duty, round, since)
  order by t.since, t.report_id
  limit least(greatest(coalesce(p_limit, 500), 1), 5000);
end
$$;
revoke all on function private.hpc_reports_awaiting_me(bigint) from public;
grant execute on function private.hpc_reports_awaiting_me(bigint) to authenticated, service_role;
