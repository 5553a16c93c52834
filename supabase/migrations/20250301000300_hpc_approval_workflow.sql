-- Report generation and approvals, part 3: the approval state machine.
--
--   draft ──submit (chain step 1, the class teacher)──▶ submitted
--   submitted ──approve (chain step 2, the coordinator)──▶ in_review
--   submitted | in_review ──approve (the last chain step, the principal)──▶ approved
--   submitted | in_review ──request_changes (the pending step's approver, comment)──▶ changes_requested
--   approved ──request_changes (principal, comment)──▶ changes_requested
--   changes_requested behaves as a draft: regenerated, then submitted again (a new round)
--   approved ──publish (principal)──▶ published now, or at release_at (pg_cron, every minute)
--   published ──reopen (principal, reason)──▶ a new version in draft; the published version
--                                             stays as issued (immutable, is_current false)
--
-- The chain is configurable per institution and stage (hpc_approval_workflows kind 'chain',
-- see private.hpc_chain): e.g. class_teacher → principal without the coordinator; then the
-- principal's approval moves submitted → approved directly.
--
-- Every transition: the caller (auth.uid()) and their institution, HPC flag (HPOFF), the
-- report locked FOR UPDATE (HP404 when it is not there or the caller has no duty for the
-- student), expected lock_version (stale: HP409), the action valid from the status (HP422),
-- the caller holding the step's duty for this student (HP403), then one step row in
-- hpc_approval_workflows (kind 'step', name = the action) and the audit rows written by the
-- tables' audit triggers. Invalid arguments: HP400.
set local lock_timeout = '50ms';
set local statement_timeout = '60s';

create or replace function private.hpc_transition_report(
  p_report_id uuid,
  p_action text,
  p_expected_version bigint,
  p_comment text default null,
  p_release_at timestamptz default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller record;
  v_report public.hpc_reports;
  v_new public.hpc_reports;
  v_sections uuid[];
  v_stage text;
  v_chain record;
  v_next record;
  v_pending public.hpc_approval_workflows;
  v_round bigint;
  v_step_order bigint;
  v_step_id uuid;
  v_duty text;
  v_comment text := nullif(btrim(p_comment), '');
  v_status text;
  -- Taken before the UPDATE: Citus refuses now() inside CASE in a distributed write.
  v_published_at timestamptz;
begin
  if p_action is null or p_action not in ('submit', 'approve', 'request_changes', 'publish', 'reopen') then
    raise exception 'action must be one of submit, approve, request_changes, publish, reopen' using errcode = 'HP400';
  end if;
  if p_report_id is null or p_expected_version is null then
    raise exception 'report_id and expected_version are required' using errcode = 'HP400';
  end if;
  if p_comment is not null and char_length(p_comment) > 4000 then
    raise exception 'comment is longer than 4000 characters' using errcode = 'HP400';
  end if;
  if p_release_at is not null and p_action <> 'publish' then
    raise exception 'release_at applies to publish only' using errcode = 'HP400';
  end if;

  select * into v_caller from private.hpc_caller();

  select * into v_report
  from public.hpc_reports as r
  where r.institution_id = v_caller.institution_id and r.id = p_report_id
  for update;
  if v_report.id is null then
    raise exception 'report % not found', p_report_id using errcode = 'HP404';
  end if;

  v_sections := private.hpc_student_section_ids(v_report.institution_id, v_report.student_id);
  v_stage := private.hpc_student_stage(v_report.institution_id, v_report.student_id);
  if private.hpc_first_duty(v_report.institution_id, v_caller.user_id,
       array['class_teacher', 'subject_teacher', 'coordinator', 'principal', 'institution_admin'],
       v_sections, v_stage) is null then
    raise exception 'report % not found', p_report_id using errcode = 'HP404';
  end if;

  if v_report.lock_version <> p_expected_version then
    raise exception 'report % has version %, not %', p_report_id, v_report.lock_version, p_expected_version
      using errcode = 'HP409', detail = format('current lock_version %s', v_report.lock_version);
  end if;
  if not v_report.is_current then
    raise exception 'version % of this card has been superseded', v_report.version using errcode = 'HP422';
  end if;

  select coalesce(max(w.round), 0) into v_round
  from public.hpc_approval_workflows as w
  where w.institution_id = v_report.institution_id and w.report_id = v_report.id and w.kind = 'step';

  if p_action = 'submit' then
    if v_report.status not in ('draft', 'changes_requested') then
      raise exception 'a % card cannot be submitted', v_report.status using errcode = 'HP422';
    end if;
    select * into v_chain from private.hpc_chain(v_report.institution_id, v_stage) order by step_order limit 1;
    if not private.hpc_holds_duty(v_report.institution_id, v_caller.user_id, v_chain.approver_duty, v_sections, v_stage) then
      raise exception 'only the % of this student submits the card', v_chain.approver_duty using errcode = 'HP403';
    end if;
    if v_report.content_hash is null then
      raise exception 'the card has not been generated' using errcode = 'HP422';
    end if;
    v_round := v_round + 1;
    insert into public.hpc_approval_workflows
      (institution_id, kind, report_id, round, step_order, approver_duty, chain_step_id, name,
       decision, decided_by, decided_role, decided_at, comment)
    values (v_report.institution_id, 'step', v_report.id, v_round, v_chain.step_order, v_chain.approver_duty,
            v_chain.chain_step_id, 'submit', 'approved', v_caller.user_id, v_chain.approver_duty, now(), v_comment)
    returning id into v_step_id;
    select * into v_next from private.hpc_chain(v_report.institution_id, v_stage) as c
    where c.step_order > v_chain.step_order order by c.step_order limit 1;
    if v_next.step_order is not null then
      insert into public.hpc_approval_workflows
        (institution_id, kind, report_id, round, step_order, approver_duty, chain_step_id, decision)
      values (v_report.institution_id, 'step', v_report.id, v_round, v_next.step_order, v_next.approver_duty,
              v_next.chain_step_id, 'pending');
      v_status := 'submitted';
    else
      v_status := 'approved';
    end if;

  elsif p_action in ('approve', 'request_changes') and v_report.status in ('submitted', 'in_review') then
    select * into v_pending
    from public.hpc_approval_workflows as w
    where w.institution_id = v_report.institution_id and w.report_id = v_report.id
      and w.kind = 'step' and w.decision = 'pending'
    order by w.round desc, w.step_order
    limit 1
    for update;
    if v_pending.id is null then
      raise exception 'no approval step is pending on this card' using errcode = 'HP422';
    end if;
    if not private.hpc_holds_duty(v_report.institution_id, v_caller.user_id, v_pending.approver_duty::text, v_sections, v_stage) then
      raise exception 'this step awaits the % of this student', v_pending.approver_duty using errcode = 'HP403';
    end if;
    if p_action = 'request_changes' and v_comment is null then
      raise exception 'a comment is required when requesting changes' using errcode = 'HP400';
    end if;
    update public.hpc_approval_workflows as w
       set decision = case when p_action = 'approve' then 'approved' else 'changes_requested' end,
           name = p_action, decided_by = v_caller.user_id, decided_role = v_pending.approver_duty,
           decided_at = now(), comment = v_comment
     where w.institution_id = v_pending.institution_id and w.id = v_pending.id;
    v_step_id := v_pending.id;
    if p_action = 'request_changes' then
      v_status := 'changes_requested';
    else
      select * into v_next from private.hpc_chain(v_report.institution_id, v_stage) as c
      where c.step_order > v_pending.step_order order by c.step_order limit 1;
      if v_next.step_order is not null then
        insert into public.hpc_approval_workflows
          (institution_id, kind, report_id, round, step_order, approver_duty, chain_step_id, decision)
        values (v_report.institution_id, 'step', v_report.id, v_pending.round, v_next.step_order,
                v_next.approver_duty, v_next.chain_step_id, 'pending');
        v_status := 'in_review';
      else
        v_status := 'approved';
      end if;
    end if;

  elsif p_action = 'request_changes' and v_report.status = 'approved' then
    if not private.hpc_holds_duty(v_report.institution_id, v_caller.user_id, 'principal', v_sections, v_stage) then
      raise exception 'only the principal sends an approved card back' using errcode = 'HP403';
    end if;
    if v_comment is null then
      raise exception 'a comment is required when requesting changes' using errcode = 'HP400';
    end if;
    v_duty := 'principal';
    v_status := 'changes_requested';

  elsif p_action = 'publish' then
    if v_report.status <> 'approved' then
      raise exception 'a % card cannot be published', v_report.status using errcode = 'HP422';
    end if;
    if not private.hpc_holds_duty(v_report.institution_id, v_caller.user_id, 'principal', v_sections, v_stage) then
      raise exception 'only the principal publishes a card' using errcode = 'HP403';
    end if;
    v_duty := 'principal';
    v_status := case when p_release_at is null or p_release_at <= now() then 'published' else 'approved' end;

  elsif p_action = 'reopen' then
    if v_report.status <> 'published' then
      raise exception 'only a published card is reopened (this one is %)', v_report.status using errcode = 'HP422';
    end if;
    if not private.hpc_holds_duty(v_report.institution_id, v_caller.user_id, 'principal', v_sections, v_stage) then
      raise exception 'only the principal reopens a published card' using errcode = 'HP403';
    end if;
    if v_comment is null then
      raise exception 'a reason is required to reopen a published card' using errcode = 'HP400';
    end if;
    v_duty := 'principal';

  else
    raise exception 'a % card cannot be %', v_report.status,
      case when p_action = 'approve' then 'approved' else 'sent back' end
      using errcode = 'HP422';
  end if;

  -- Principal actions outside the chain (send back an approved card, publish, reopen): one
  -- decided step after the round's last.
  if v_duty is not null then
    v_round := greatest(v_round, 1);
    select coalesce(max(w.step_order), 0) + 1 into v_step_order
    from public.hpc_approval_workflows as w
    where w.institution_id = v_report.institution_id and w.report_id = v_report.id
      and w.kind = 'step' and w.round = v_round;
    insert into public.hpc_approval_workflows
      (institution_id, kind, report_id, round, step_order, approver_duty, name,
       decision, decided_by, decided_role, decided_at, comment)
    values (v_report.institution_id, 'step', v_report.id, v_round, v_step_order, v_duty,
            case when p_action = 'publish' and v_status = 'approved' then 'schedule_publish' else p_action end,
            case when p_action in ('request_changes', 'reopen') then 'changes_requested' else 'approved' end,
            v_caller.user_id, v_duty, now(),
            coalesce(v_comment, case when p_action = 'publish' and p_release_at is not null
                                     then 'release at ' || p_release_at::text end))
    returning id into v_step_id;
  end if;

  if p_action = 'reopen' then
    update public.hpc_reports as r
       set is_current = false
     where r.institution_id = v_report.institution_id and r.id = v_report.id;
    insert into public.hpc_reports
      (institution_id, cycle_id, student_id, version, status, is_current, content, content_hash, language,
       supersedes_id, reopen_reason)
    select v_report.institution_id, v_report.cycle_id, v_report.student_id, max(r.version) + 1, 'draft', true,
           v_report.content, v_report.content_hash, v_report.language, v_report.id, v_comment
    from public.hpc_reports as r
    where r.institution_id = v_report.institution_id and r.cycle_id = v_report.cycle_id
      and r.student_id = v_report.student_id
    returning * into v_new;
  else
    if v_status = 'published' then
      v_published_at := now();
    end if;
    update public.hpc_reports as r
       set status = v_status,
           published_at = v_published_at,
           published_by = case when p_action = 'publish' then v_caller.user_id end,
           release_at = case when p_action = 'publish' then p_release_at end
     where r.institution_id = v_report.institution_id and r.id = v_report.id
    returning * into v_new;
  end if;

  return jsonb_strip_nulls(jsonb_build_object(
    'report_id', v_new.id, 'version', v_new.version, 'status', v_new.status,
    'lock_version', v_new.lock_version, 'is_current', v_new.is_current,
    'release_at', v_new.release_at, 'published_at', v_new.published_at,
    'action', p_action, 'step_id', v_step_id,
    'previous_report_id', case when p_action = 'reopen' then v_report.id end));
end
$$;
comment on function private.hpc_transition_report(uuid, text, bigint, text, timestamptz) is
  'Apply a workflow action (submit, approve, request_changes, publish, reopen) to a report as auth.uid(); see the migration header for the rules and SQLSTATEs.';
revoke all on function private.hpc_transition_report(uuid, text, bigint, text, timestamptz) from public;
grant execute on function private.hpc_transition_report(uuid, text, bigint, text, timestamptz) to authenticated, service_role;

-- Publishes the cards whose release date has come (pg_cron, every minute). The principal's
-- decision is the schedule_publish step; this only carries it out.
create or replace function private.hpc_release_due_reports()
returns bigint
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_now timestamptz := now();
  v_school uuid;
  v_released bigint;
  v_total bigint := 0;
begin
  for v_school in
    select distinct r.institution_id
    from public.hpc_reports as r
    where r.status = 'approved' and r.is_current and r.release_at <= v_now
  loop
    with due as (
      select r.institution_id, r.id
      from public.hpc_reports as r
      where r.institution_id = v_school and r.status = 'approved' and r.is_current and r.release_at <= v_now
      for update skip locked
    ),
    done as (
      update public.hpc_reports as r
         set status = 'published', published_at = r.release_at
        from due
       where r.institution_id = due.institution_id and r.id = due.id
      returning 1
    )
    select count(*) into v_released from done;
    v_total := v_total + v_released;
  end loop;
  return v_total;
end
$$;
comment on function private.hpc_release_due_reports() is
  'pg_cron, every minute: publishes the approved current cards whose release date has come, one school at a time (Citus locks rows only within one shard).';
revoke all on function private.hpc_release_due_reports() from public;

select cron.schedule('hpc-release-due-reports', '* * * * *', $job$select private.hpc_release_due_reports()$job$);

-- "What awaits me": the current cards on which the caller has the next move.
--   review  — a pending chain step whose duty the caller holds for the student;
--   publish — approved cards without a release date (principal);
--   submit  — drafts and cards sent back, of the caller's class-teacher sections.
-- Its plan does not depend on fresh statistics: it walks from the rows that decide the
-- answer (pending steps by duty; the class teacher's students) to each card and student by
-- key, with LATERAL subqueries fenced by OFFSET 0 so the planner cannot turn them back into
-- reorderable joins; the student's stage is a per-row lookup, evaluated only for stage
-- coordinators (benchmarks/reports/FINDINGS.md).
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

-- The API wrappers (security invoker; the checks are in the private functions; our errors
-- re-raised with their HTTP status, as in 20250301000200). What public.hpc_transition_report
-- and public.hpc_reports_awaiting_me return.
create type public.hpc_awaited_move as enum ('submit', 'review', 'publish');
comment on type public.hpc_awaited_move is 'The caller''s next move on a card (hpc_reports_awaiting_me.action).';
create type public.hpc_report_transition as (
  report_id uuid, version bigint, status public.hpc_report_status, lock_version bigint, is_current boolean,
  release_at timestamptz, published_at timestamptz, action public.hpc_report_action, step_id uuid,
  previous_report_id uuid);
comment on type public.hpc_report_transition is
  'Result of hpc_transition_report: the version now current (a reopen: the new draft; previous_report_id the published one).';

create or replace function public.hpc_transition_report(
  p_report_id uuid,
  p_action public.hpc_report_action,
  p_expected_version bigint,
  p_comment text default null,
  p_release_at timestamptz default null)
returns public.hpc_report_transition
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return jsonb_populate_record(null::public.hpc_report_transition,
    private.hpc_transition_report(p_report_id, p_action::text, p_expected_version, p_comment, p_release_at));
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;
comment on function public.hpc_transition_report(uuid, public.hpc_report_action, bigint, text, timestamptz) is
  'Apply submit | approve | request_changes | publish | reopen to a report, with the lock_version the caller read.';
revoke all on function public.hpc_transition_report(uuid, public.hpc_report_action, bigint, text, timestamptz) from public, anon;
grant execute on function public.hpc_transition_report(uuid, public.hpc_report_action, bigint, text, timestamptz) to authenticated, service_role;

create or replace function public.hpc_reports_awaiting_me(p_limit bigint default 500)
returns table (
  report_id uuid, cycle_id uuid, student_id uuid, student_name text, version bigint, status public.hpc_report_status,
  lock_version bigint, action public.hpc_awaited_move, approver_duty public.hpc_staff_duty, round bigint, since timestamptz)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return query
    select a.report_id, a.cycle_id, a.student_id, a.student_name, a.version, a.status::public.hpc_report_status,
           a.lock_version, a.action::public.hpc_awaited_move, a.approver_duty::public.hpc_staff_duty, a.round, a.since
    from private.hpc_reports_awaiting_me(p_limit) as a;
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;
comment on function public.hpc_reports_awaiting_me(bigint) is
  'The current cards on which the caller has the next move (review, publish, submit).';
revoke all on function public.hpc_reports_awaiting_me(bigint) from public, anon;
grant execute on function public.hpc_reports_awaiting_me(bigint) to authenticated, service_role;
