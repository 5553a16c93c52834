-- Report generation and approvals, part 4: batches over a section or a cycle, and the
-- pg_cron job that resumes the ones nobody drives.
--
-- public.hpc_batch_start(kind, cycle, section, action, ...) records a job in
-- report_jobs with its total; public.hpc_batch_run(job, max_items, max_ms) processes
-- the next chunk of students in id order (keyset cursor last_student_id) and commits the
-- counters with the chunk, so a reader sees progress while the batch runs, and a batch that
-- was interrupted (process killed, timeout) resumes from the cursor on the next call. Two
-- runners never process the same job at once (FOR UPDATE SKIP LOCKED: the second one just
-- reports progress). Each student runs in its own subtransaction with the same checks as a
-- single call (generate: private.hpc_generate_report; transition:
-- private.hpc_transition_report with the card's current lock_version): cards not in a state
-- for the action are skipped, other refusals are counted as failed with their reason.
set local lock_timeout = '50ms';
set local statement_timeout = '60s';

-- The students of a batch, in id order, after p_after.
create or replace function private.hpc_batch_students(
  p_institution_id uuid, p_cycle_id uuid, p_section_id uuid, p_after uuid, p_limit bigint)
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
    select distinct s.student_id
    from public.section_students as s
    where s.institution_id = p_institution_id
      and (p_after is null or s.student_id > p_after)
      and case
            when p_section_id is not null then s.section_id = p_section_id
            else s.section_id in (
                   select a.section_id from public.hpc_parameter_assignments as a
                   where a.institution_id = p_institution_id and a.cycle_id = p_cycle_id and a.active
                   union
                   select x.id
                   from public.sections as x
                   join public.cohorts as c on c.institution_id = x.institution_id and c.id = x.cohort_id
                   join public.hpc_evaluation_cycles as y
                     on y.institution_id = c.institution_id and y.academic_term_id = c.academic_term_id
                   where x.institution_id = p_institution_id and y.id = p_cycle_id)
          end
    order by s.student_id
    limit p_limit;
end
$$;
revoke all on function private.hpc_batch_students(uuid, uuid, uuid, uuid, bigint) from public;

create or replace function private.hpc_job_progress(p_job public.report_jobs)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object(
    'job_id', p_job.id, 'kind', p_job.kind, 'action', p_job.action, 'cycle_id', p_job.cycle_id,
    'section_id', p_job.section_id, 'status', p_job.status, 'total', p_job.total,
    'processed', p_job.processed, 'succeeded', p_job.succeeded, 'unchanged', p_job.unchanged,
    'skipped', p_job.skipped, 'failed', p_job.failed, 'errors', p_job.errors,
    'started_at', p_job.started_at, 'finished_at', p_job.finished_at,
    'done', p_job.status in ('completed', 'cancelled'))
$$;
revoke all on function private.hpc_job_progress(public.report_jobs) from public;

create or replace function private.hpc_batch_start(
  p_kind text, p_cycle_id uuid, p_section_id uuid default null, p_action text default null,
  p_comment text default null, p_release_at timestamptz default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller record;
  v_job public.report_jobs;
  v_leader boolean;
  v_total bigint;
begin
  if p_kind is null or p_kind not in ('generate', 'transition') then
    raise exception 'kind must be generate or transition' using errcode = 'HP400';
  end if;
  if (p_kind = 'transition') <> (p_action is not null)
     or (p_action is not null and p_action not in ('submit', 'approve', 'request_changes', 'publish')) then
    raise exception 'a transition batch needs action submit, approve, request_changes or publish; a generate batch none'
      using errcode = 'HP400';
  end if;
  if p_cycle_id is null then
    raise exception 'cycle_id is required' using errcode = 'HP400';
  end if;
  select * into v_caller from private.hpc_caller();
  if not exists (select 1 from public.hpc_evaluation_cycles as c
                 where c.institution_id = v_caller.institution_id and c.id = p_cycle_id)
     or (p_section_id is not null and not exists (
           select 1 from public.sections as x
           where x.institution_id = v_caller.institution_id and x.id = p_section_id)) then
    raise exception 'no such cycle or section' using errcode = 'HP404';
  end if;
  v_leader := exists (
      select 1 from public.staff_duties as d
      where d.institution_id = v_caller.institution_id and d.user_id = v_caller.user_id and d.active
        and d.duty in ('coordinator', 'principal', 'institution_admin'))
    or exists (select 1 from public.user_profiles as p where p.id = v_caller.user_id and p.role = 'admin');
  if not v_leader and (p_section_id is null or not private.hpc_holds_duty(
       v_caller.institution_id, v_caller.user_id, 'class_teacher', array[p_section_id], null)) then
    raise exception 'a section batch needs its class teacher or a coordinator, principal or admin; a cycle batch a coordinator, principal or admin'
      using errcode = 'HP403';
  end if;

  -- Counted before the INSERT: Citus refuses a subquery inside INSERT … VALUES.
  select count(*) into v_total from private.hpc_batch_students(v_caller.institution_id, p_cycle_id, p_section_id, null, null);
  insert into public.report_jobs
    (institution_id, kind, action, cycle_id, section_id, comment, release_at, requested_by, total)
  values (v_caller.institution_id, p_kind, p_action, p_cycle_id, p_section_id, nullif(btrim(p_comment), ''),
          p_release_at, v_caller.user_id, v_total)
  returning * into v_job;
  return private.hpc_job_progress(v_job);
end
$$;
revoke all on function private.hpc_batch_start(text, uuid, uuid, text, text, timestamptz) from public;
grant execute on function private.hpc_batch_start(text, uuid, uuid, text, text, timestamptz) to authenticated, service_role;

create or replace function private.hpc_batch_run(p_job_id uuid, p_max_items bigint default 200, p_max_ms bigint default 2000)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller record;
  v_job public.report_jobs;
  v_student uuid;
  v_report record;
  v_result jsonb;
  v_deadline timestamptz := clock_timestamp() + make_interval(secs => least(greatest(coalesce(p_max_ms, 2000), 1), 50000) / 1000.0);
  v_more boolean := false;
  v_max bigint := least(greatest(coalesce(p_max_items, 200), 1), 5000);
  v_count bigint := 0;
  v_state text;
  v_message text;
begin
  if p_job_id is null then
    raise exception 'job_id is required' using errcode = 'HP400';
  end if;
  select * into v_caller from private.hpc_caller();
  select * into v_job from public.report_jobs as j
  where j.institution_id = v_caller.institution_id and j.id = p_job_id
  for update skip locked;
  if v_job.id is null then
    select * into v_job from public.report_jobs as j
    where j.institution_id = v_caller.institution_id and j.id = p_job_id;
    if v_job.id is null then
      raise exception 'job % not found', p_job_id using errcode = 'HP404';
    end if;
    return private.hpc_job_progress(v_job) || jsonb_build_object('busy', true);
  end if;
  if v_job.requested_by <> v_caller.user_id and not exists (
       select 1 from public.staff_duties as d
       where d.institution_id = v_caller.institution_id and d.user_id = v_caller.user_id and d.active
         and d.duty in ('principal', 'institution_admin')) then
    raise exception 'only the requester or the principal runs this batch' using errcode = 'HP403';
  end if;
  if v_job.status in ('completed', 'cancelled') then
    return private.hpc_job_progress(v_job);
  end if;

  v_job.status := 'running';
  v_job.started_at := coalesce(v_job.started_at, now());
  for v_student in
    select s from private.hpc_batch_students(v_caller.institution_id, v_job.cycle_id, v_job.section_id,
                                             v_job.last_student_id, v_max + 1) as s
  loop
    if v_count >= v_max or (v_count > 0 and clock_timestamp() > v_deadline) then
      v_more := true;
      exit;
    end if;
    begin
      if v_job.kind = 'generate' then
        v_result := private.hpc_generate_report(v_job.cycle_id, v_student);
        if v_result ->> 'outcome' = 'unchanged' then
          v_job.unchanged := v_job.unchanged + 1;
        else
          v_job.succeeded := v_job.succeeded + 1;
        end if;
      else
        select r.id, r.lock_version into v_report
        from public.hpc_reports as r
        where r.institution_id = v_job.institution_id and r.cycle_id = v_job.cycle_id
          and r.student_id = v_student and r.is_current;
        if v_report.id is null then
          v_job.skipped := v_job.skipped + 1;
        else
          perform private.hpc_transition_report(v_report.id, v_job.action::text, v_report.lock_version,
                                                v_job.comment, v_job.release_at);
          v_job.succeeded := v_job.succeeded + 1;
        end if;
      end if;
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
      if v_state = 'HP422' then
        v_job.skipped := v_job.skipped + 1;
      else
        v_job.failed := v_job.failed + 1;
        if jsonb_array_length(v_job.errors) < 100 then
          v_job.errors := v_job.errors || jsonb_build_array(jsonb_build_object(
            'student_id', v_student, 'code', v_state, 'message', v_message));
        end if;
      end if;
    end;
    v_job.processed := v_job.processed + 1;
    v_count := v_count + 1;
    v_job.last_student_id := v_student;
  end loop;

  if not v_more then
    v_job.status := 'completed';
    v_job.finished_at := now();
  end if;
  update public.report_jobs as j
     set status = v_job.status, started_at = v_job.started_at, finished_at = v_job.finished_at,
         processed = v_job.processed, succeeded = v_job.succeeded, unchanged = v_job.unchanged,
         skipped = v_job.skipped, failed = v_job.failed, errors = v_job.errors,
         last_student_id = v_job.last_student_id
   where j.institution_id = v_job.institution_id and j.id = v_job.id
  returning * into v_job;
  return private.hpc_job_progress(v_job);
end
$$;
revoke all on function private.hpc_batch_run(uuid, bigint, bigint) from public;
grant execute on function private.hpc_batch_run(uuid, bigint, bigint) to authenticated, service_role;

-- What public.hpc_batch_start and public.hpc_batch_run return.
create type public.hpc_batch_progress as (
  job_id uuid, kind public.hpc_batch_kind, action public.hpc_report_action, cycle_id uuid, section_id uuid,
  status public.hpc_batch_status, total bigint, processed bigint, succeeded bigint, unchanged bigint,
  skipped bigint, failed bigint, errors jsonb, started_at timestamptz, finished_at timestamptz, done boolean,
  busy boolean);
comment on type public.hpc_batch_progress is
  'Progress of a batch (hpc_batch_start, hpc_batch_run); busy: another runner holds the batch right now.';

create or replace function public.hpc_batch_start(
  p_kind public.hpc_batch_kind, p_cycle_id uuid, p_section_id uuid default null, p_action public.hpc_report_action default null,
  p_comment text default null, p_release_at timestamptz default null)
returns public.hpc_batch_progress
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return jsonb_populate_record(null::public.hpc_batch_progress,
    private.hpc_batch_start(p_kind::text, p_cycle_id, p_section_id, p_action::text, p_comment, p_release_at));
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;
comment on function public.hpc_batch_start(public.hpc_batch_kind, uuid, uuid, public.hpc_report_action, text, timestamptz) is
  'Record a batch (generate, or transition with an action) over a section or a whole cycle; run it with hpc_batch_run.';
revoke all on function public.hpc_batch_start(public.hpc_batch_kind, uuid, uuid, public.hpc_report_action, text, timestamptz) from public, anon;
grant execute on function public.hpc_batch_start(public.hpc_batch_kind, uuid, uuid, public.hpc_report_action, text, timestamptz) to authenticated, service_role;

create or replace function public.hpc_batch_run(p_job_id uuid, p_max_items bigint default 200, p_max_ms bigint default 2000)
returns public.hpc_batch_progress
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return jsonb_populate_record(null::public.hpc_batch_progress, private.hpc_batch_run(p_job_id, p_max_items, p_max_ms));
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;
comment on function public.hpc_batch_run(uuid, bigint, bigint) is
  'Process the next chunk of a batch and return its progress; call again until done (resumes from the cursor).';
revoke all on function public.hpc_batch_run(uuid, bigint, bigint) from public, anon;
grant execute on function public.hpc_batch_run(uuid, bigint, bigint) to authenticated, service_role;

-- Batches finish even when nobody drives them. The hpc-reports function runs a background
-- batch chunk by chunk; if the function is stopped (deploy, wall-clock limit, crash) the
-- batch stays queued or running with its cursor. Every minute pg_cron resumes such stale
-- batches on behalf of their requester: the requester's claims and request context are set for the transaction,
-- so every card is still checked against the requester's own duties (and audited with the
-- requester as actor). A batch whose requester may no longer run it (HPC switched off, duty
-- gone) is cancelled with the reason in its errors.
create or replace function private.hpc_resume_stale_jobs(
  p_stale interval default interval '2 minutes', p_max_jobs bigint default 5)
returns bigint
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_job record;
  v_resumed bigint := 0;
  v_state text;
  v_message text;
begin
  for v_job in
    select j.institution_id, j.id, j.requested_by
    from public.report_jobs as j
    where j.status in ('queued', 'running') and j.updated_at < now() - p_stale
    order by j.updated_at
    limit greatest(p_max_jobs, 0)
  loop
    perform set_config('request.jwt.claims',
      json_build_object('sub', v_job.requested_by, 'role', 'authenticated')::text, true);
    perform private.set_request_context();
    begin
      perform private.hpc_batch_run(v_job.id, 500, 20000);
      v_resumed := v_resumed + 1;
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
      if v_state in ('HPOFF', 'HP403', 'HP404') then
        update public.report_jobs as j
           set status = 'cancelled', finished_at = now(),
               errors = j.errors || jsonb_build_array(jsonb_build_object(
                 'student_id', null, 'code', v_state, 'message', 'batch cancelled: ' || v_message))
         where j.institution_id = v_job.institution_id and j.id = v_job.id;
      else
        raise warning 'report job %: % %', v_job.id, v_state, v_message;
      end if;
    end;
  end loop;
  perform set_config('request.jwt.claims', '', true);
  perform private.set_request_context();
  return v_resumed;
end
$$;
comment on function private.hpc_resume_stale_jobs(interval, bigint) is
  'pg_cron, every minute: resumes report batches untouched for p_stale on behalf of their requester; cancels those the requester may no longer run.';
revoke all on function private.hpc_resume_stale_jobs(interval, bigint) from public;

select cron.schedule('hpc-resume-stale-report-jobs', '* * * * *', $job$select private.hpc_resume_stale_jobs()$job$);
