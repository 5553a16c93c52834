-- Report generation and approvals (issue 5), part 7: "what awaits me", set-based.
--
-- The first version asked private.hpc_holds_duty() (three queries) for every pending step:
-- a coordinator with 2,000 submitted cards waited ~250 ms. This one reads the caller's
-- duties once (sections as class / subject teacher, coordinated stages) and filters the
-- pending steps with joins that follow the same rule. Same rows, same order.
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
  -- the stage of each student (as private.hpc_stage_for_grade of their first section's
  -- grade, like private.hpc_student_stage), only when a stage coordinator asks
  with student_stage as materialized (
    select distinct on (s.student_id) s.student_id, private.hpc_stage_for_grade(c.grade) as stage
    from public.section_students as s
    join public.sections as x on x.institution_id = s.institution_id and x.id = s.section_id
    join public.cohorts as c on c.institution_id = x.institution_id and c.id = x.cohort_id
    where s.institution_id = v_caller.institution_id
      and 'coordinator' = any (v_duties) and not v_coordinator_all
    order by s.student_id, c.grade, s.section_id
  )
  select * from (
    select r.id, r.cycle_id, r.student_id, p.full_name, r.version, r.status::text, r.lock_version,
           'review'::text, w.approver_duty::text, w.round, w.created_at
    from public.hpc_approval_workflows as w
    join public.hpc_reports as r on r.institution_id = w.institution_id and r.id = w.report_id and r.is_current
    join public.user_profiles as p on p.institution_id = r.institution_id and p.id = r.student_id
    left join student_stage as st on st.student_id = r.student_id
    where w.institution_id = v_caller.institution_id
      and w.kind = 'step' and w.decision = 'pending'
      and w.approver_duty = any (v_duties::public.hpc_staff_duty[])
      -- the same rule as private.hpc_holds_duty, set-based: sections for teachers, the
      -- student's stage (private.hpc_student_stage) for stage coordinators
      and case w.approver_duty
            when 'class_teacher' then exists (
              select 1 from public.section_students as s
              where s.institution_id = r.institution_id and s.student_id = r.student_id
                and s.section_id = any (v_class_sections))
            when 'subject_teacher' then exists (
              select 1 from public.section_students as s
              where s.institution_id = r.institution_id and s.student_id = r.student_id
                and s.section_id = any (v_subject_sections))
            when 'coordinator' then v_coordinator_all
              or coalesce(st.stage, private.hpc_stage_for_grade(p.current_standard)) = any (v_coordinator_stages)
            else true -- principal, institution_admin: the whole institution
          end
    union all
    select r.id, r.cycle_id, r.student_id, p.full_name, r.version, r.status::text, r.lock_version,
           'publish'::text, 'principal'::text, null::bigint, r.updated_at
    from public.hpc_reports as r
    join public.user_profiles as p on p.institution_id = r.institution_id and p.id = r.student_id
    where r.institution_id = v_caller.institution_id
      and 'principal' = any (v_duties)
      and r.is_current and r.status = 'approved' and r.release_at is null
    union all
    select r.id, r.cycle_id, r.student_id, p.full_name, r.version, r.status::text, r.lock_version,
           'submit'::text, 'class_teacher'::text, null::bigint, r.updated_at
    from public.hpc_reports as r
    join public.user_profiles as p on p.institution_id = r.institution_id and p.id = r.student_id
    where r.institution_id = v_caller.institution_id
      and cardinality(v_class_sections) > 0
      and r.is_current and r.status in ('draft', 'changes_requested')
      and exists (select 1 from public.section_students as s
                  where s.institution_id = r.institution_id and s.student_id = r.student_id
                    and s.section_id = any (v_class_sections))
  ) as t (report_id, cycle_id, student_id, student_name, version, status, lock_version, action, approver_duty, round, since)
  order by t.since, t.report_id
  limit least(greatest(coalesce(p_limit, 500), 1), 5000);
end
$$;
revoke all on function private.hpc_reports_awaiting_me(bigint) from public;
grant execute on function private.hpc_reports_awaiting_me(bigint) to authenticated, service_role;
