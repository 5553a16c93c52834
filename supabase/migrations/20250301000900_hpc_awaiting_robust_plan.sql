-- Report generation and approvals (issue 5), part 9: "what awaits me" without a plan that
-- depends on fresh statistics.
--
-- Right after a burst of submissions (2,000 new pending steps, statistics not refreshed yet)
-- the planner expected one row everywhere and chose nested loops that rescanned the
-- institution's steps for every card: 1–4 s for a coordinator. The query now walks from
-- the rows that decide the answer (pending steps by duty; the class teacher's students)
-- to each card and student by key with LATERAL subqueries fenced by OFFSET 0 (so the
-- planner cannot turn them back into reorderable joins): its shape does not depend on
-- statistics, and the student's stage is a per-row lookup evaluated only for stage
-- coordinators. Same rows, same order.
set local lock_timeout = '50ms';
set local statement_timeout = '60s';

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
  if exists (select 1 from public.user_profiles as p where p.id = v_caller.user_id and p.role = 'admin') then
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
      where r.institution_id = w.institution_id and r.id = w.report_id and r.is_current
      offset 0 -- a fence: keeps this a per-step lookup (not pulled up into a join the planner may reorder)
    ) as r
    cross join lateral (
      select p.full_name, p.current_standard from public.user_profiles as p
      where p.institution_id = r.institution_id and p.id = r.student_id
      offset 0
    ) as p
    where w.institution_id = v_caller.institution_id
      and w.decision = 'pending'
      and w.approver_duty = any (v_duties::public.hpc_staff_duty[])
      and w.kind = 'step'
      -- the same rule as private.hpc_holds_duty: sections for teachers, the student's stage
      -- (as private.hpc_student_stage) for stage coordinators, else the whole institution
      and case w.approver_duty
            when 'class_teacher' then exists (
              select 1 from public.section_students as s
              where s.institution_id = r.institution_id and s.student_id = r.student_id
                and s.section_id = any (v_class_sections))
            when 'subject_teacher' then exists (
              select 1 from public.section_students as s
              where s.institution_id = r.institution_id and s.student_id = r.student_id
                and s.section_id = any (v_subject_sections))
            when 'coordinator' then v_coordinator_all or coalesce(
              (select private.hpc_stage_for_grade(c.grade)
               from public.section_students as s
               join public.sections as x on x.institution_id = s.institution_id and x.id = s.section_id
               join public.cohorts as c on c.institution_id = x.institution_id and c.id = x.cohort_id
               where s.institution_id = r.institution_id and s.student_id = r.student_id
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
      where p.institution_id = r.institution_id and p.id = r.student_id
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
      where p.institution_id = r.institution_id and p.id = r.student_id
      offset 0
    ) as p
  ) as t (report_id, cycle_id, student_id, student_name, version, status, lock_version, action, approver_duty, round, since)
  order by t.since, t.report_id
  limit least(greatest(coalesce(p_limit, 500), 1), 5000);
end
$$;
revoke all on function private.hpc_reports_awaiting_me(bigint) from public;
grant execute on function private.hpc_reports_awaiting_me(bigint) to authenticated, service_role;
