-- Report generation and approvals, part 1: what the workflow needs beside the
-- 11 hpc_* tables, and the helpers every workflow function calls. (The two tables are
-- named without the hpc_ prefix on purpose: the data model keeps exactly 11 hpc_* tables.)
--
-- * public.report_narratives: the teacher's narrative summary per student and cycle
--   (Part C of the card: summary, strengths, barriers). hpc_reflections holds only student
--   and parent voices, so the teacher's words get their own table.
-- * public.report_jobs: batch runs (generate or transition every card of a section or a
--   cycle) with a keyset cursor (resumable) and progress counters that are committed after
--   every chunk (readable while the batch runs).
-- * private.hpc_* helpers: who the caller is, which duties they hold for a student, the
--   stage of a student, the approval chain of an institution.
--
-- Writes to both tables go only through the workflow functions (security definer, explicit
-- checks); authenticated gets SELECT, filtered by RLS. Both are audited like every HPC table.
set local lock_timeout = '50ms';
set local statement_timeout = '60s';

-- The words of a batch (report_jobs) and of a workflow action, as enum types in public: the
-- generated TypeScript types get string unions. A text value is assigned to them as a
-- literal is (see 20250101000900_hpc_tables.sql).
create type public.hpc_report_action as enum ('submit', 'approve', 'request_changes', 'publish', 'reopen');
comment on type public.hpc_report_action is 'A workflow action (hpc_transition_report).';
create type public.hpc_batch_kind as enum ('generate', 'transition');
comment on type public.hpc_batch_kind is 'What a batch does to every card: generate it, or apply one workflow action.';
create type public.hpc_batch_status as enum ('queued', 'running', 'completed', 'cancelled');
comment on type public.hpc_batch_status is 'A batch''s progress status (report_jobs.status).';
create cast (text as public.hpc_report_action) with inout as assignment;
create cast (text as public.hpc_batch_kind) with inout as assignment;
create cast (text as public.hpc_batch_status) with inout as assignment;

create table public.report_narratives (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  cycle_id uuid not null,
  student_id uuid not null,
  author_id uuid not null,
  summary text not null,
  strengths text,
  barriers text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint report_narratives_pkey primary key (institution_id, id),
  constraint report_narratives_one_key unique (institution_id, cycle_id, student_id),
  constraint report_narratives_cycle_fkey foreign key (institution_id, cycle_id)
    references public.hpc_evaluation_cycles (institution_id, id),
  constraint report_narratives_student_fkey foreign key (institution_id, student_id)
    references public.user_profiles (institution_id, id),
  constraint report_narratives_author_fkey foreign key (institution_id, author_id)
    references public.user_profiles (institution_id, id),
  constraint report_narratives_summary_length check (char_length(summary) between 1 and 4000),
  constraint report_narratives_strengths_length check (strengths is null or char_length(strengths) <= 2000),
  constraint report_narratives_barriers_length check (barriers is null or char_length(barriers) <= 2000)
);
comment on table public.report_narratives is
  'The teacher''s narrative summary (Part C) of a student for a cycle: summary, strengths, barriers. Written through public.hpc_save_narrative().';
create index report_narratives_student_idx on public.report_narratives (institution_id, student_id, cycle_id);
create index report_narratives_author_idx on public.report_narratives (institution_id, author_id);

create table public.report_jobs (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  kind public.hpc_batch_kind not null,
  -- a batch never reopens: a reopen needs a reason per card
  action public.hpc_report_action
    constraint report_jobs_action_check check (action <> 'reopen'),
  cycle_id uuid not null,
  -- null: every student of the cycle (students of sections with assignments in the cycle)
  section_id uuid,
  comment text,
  release_at timestamptz,
  requested_by uuid not null,
  status public.hpc_batch_status not null default 'queued',
  total bigint not null default 0,
  processed bigint not null default 0,
  succeeded bigint not null default 0,
  unchanged bigint not null default 0,
  skipped bigint not null default 0,
  failed bigint not null default 0,
  -- keyset cursor: the last student processed (students run in id order)
  last_student_id uuid,
  -- the first 100 item errors: [{student_id, code, message}]
  errors jsonb not null default '[]'::jsonb,
  started_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint report_jobs_pkey primary key (institution_id, id),
  constraint report_jobs_cycle_fkey foreign key (institution_id, cycle_id)
    references public.hpc_evaluation_cycles (institution_id, id),
  constraint report_jobs_section_fkey foreign key (institution_id, section_id)
    references public.sections (institution_id, id),
  constraint report_jobs_requested_by_fkey foreign key (institution_id, requested_by)
    references public.user_profiles (institution_id, id),
  constraint report_jobs_action_by_kind check ((kind = 'transition') = (action is not null)),
  constraint report_jobs_counts check (
    total >= 0 and processed >= 0 and succeeded >= 0 and unchanged >= 0 and skipped >= 0 and failed >= 0
    and processed = succeeded + unchanged + skipped + failed
  ),
  constraint report_jobs_errors_is_array check (jsonb_typeof(errors) = 'array')
);
comment on table public.report_jobs is
  'Batch runs of report generation or transitions over a section or a cycle: keyset cursor (resumable), progress committed per chunk.';
create index report_jobs_cycle_idx on public.report_jobs (institution_id, cycle_id, created_at);
create index report_jobs_section_idx on public.report_jobs (institution_id, section_id);
create index report_jobs_requested_by_idx on public.report_jobs (institution_id, requested_by, created_at);

do $$
declare
  v_table text;
begin
  foreach v_table in array array['report_narratives', 'report_jobs'] loop
    execute format(
      'create trigger stamp_row_authorship before insert or update on public.%I
         for each row execute function private.stamp_row_authorship()', v_table);
    execute format(
      'create trigger audit_row_change after insert or update or delete on public.%I
         for each row execute function private.audit_row_change(''row'', %L, ''institution_id'', ''id'')', v_table, 'public.' || v_table);
    execute format('alter table public.%I enable row level security', v_table);
    -- read through RLS; every write goes through the workflow functions
    execute format('revoke all on public.%I from anon, authenticated', v_table);
    execute format('grant select on public.%I to authenticated', v_table);
  end loop;
end
$$;

-- The stage of a grade as BIG DAY writes it ('4', 'Grade 7', 'Bal Vatika 2', 'UKG', ...):
-- Bal Vatika / pre-primary – 2 foundational, 3–5 preparatory, 6–8 middle, 9–12 secondary.
create or replace function private.hpc_stage_for_grade(p_grade text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when p_grade is null then null
    when p_grade ~* '(bal|vatika|kg|nursery|pre)' then 'foundational'
    when substring(p_grade from '[0-9]+') is null then null
    when substring(p_grade from '[0-9]+')::bigint <= 2 then 'foundational'
    when substring(p_grade from '[0-9]+')::bigint <= 5 then 'preparatory'
    when substring(p_grade from '[0-9]+')::bigint <= 8 then 'middle'
    else 'secondary'
  end
$$;
revoke all on function private.hpc_stage_for_grade(text) from public;

-- The signed-in caller and their institution, with the HPC flag checked. Raises HP403 for
-- a caller without a profile in an institution and HPOFF when HPC is off there.
create or replace function private.hpc_caller(out user_id uuid, out institution_id uuid)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  user_id := (select auth.uid());
  if user_id is null then
    raise exception 'a signed-in user is required' using errcode = 'HP403';
  end if;
  select p.institution_id into institution_id from public.user_profiles as p where p.id = user_id;
  if institution_id is null then
    raise exception 'the caller belongs to no institution' using errcode = 'HP403';
  end if;
  if not private.hpc_enabled(institution_id) then
    raise exception 'the Holistic Progress Card is not enabled for this institution' using errcode = 'HPOFF';
  end if;
end
$$;
revoke all on function private.hpc_caller() from public;

-- The sections a student is in (within the institution).
create or replace function private.hpc_student_section_ids(p_institution_id uuid, p_student_id uuid)
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return (
    select coalesce(array_agg(s.section_id order by s.section_id), '{}')
    from public.section_students as s
    where s.institution_id = p_institution_id and s.student_id = p_student_id);
end
$$;
revoke all on function private.hpc_student_section_ids(uuid, uuid) from public;

-- The stage of a student: from the grade of their section's cohort, else their profile.
create or replace function private.hpc_student_stage(p_institution_id uuid, p_student_id uuid)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return (
    select coalesce(
      (select private.hpc_stage_for_grade(c.grade)
       from public.section_students as s
       join public.sections as x on x.institution_id = s.institution_id and x.id = s.section_id
       join public.cohorts as c on c.institution_id = x.institution_id and c.id = x.cohort_id
       where s.institution_id = p_institution_id and s.student_id = p_student_id
       order by c.grade, s.section_id
       limit 1),
      (select private.hpc_stage_for_grade(p.current_standard)
       from public.user_profiles as p
       where p.institution_id = p_institution_id and p.id = p_student_id)));
end
$$;
revoke all on function private.hpc_student_stage(uuid, uuid) from public;

-- Does the user hold `p_duty` for this student? class_teacher / subject_teacher: of one of
-- the student's sections; coordinator: of the student's stage or of every stage;
-- principal: the institution; institution_admin: the duty or BIG DAY role 'admin'.
create or replace function private.hpc_holds_duty(
  p_institution_id uuid, p_user_id uuid, p_duty text, p_section_ids uuid[], p_stage text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return (
    select exists (
        select 1
        from public.staff_duties as d
        where d.institution_id = p_institution_id
          and d.user_id = p_user_id
          and d.active
          and d.duty = p_duty
          and case
                when d.duty = 'class_teacher' then d.section_id = any (p_section_ids)
                when d.duty = 'subject_teacher' then d.section_id = any (p_section_ids)
                when d.duty = 'coordinator' then d.stage is null or d.stage = p_stage
                else true
              end)
      or (p_duty = 'institution_admin' and exists (
        select 1 from public.user_profiles as p
        where p.institution_id = p_institution_id and p.id = p_user_id and p.role = 'admin')));
end
$$;
revoke all on function private.hpc_holds_duty(uuid, uuid, text, uuid[], text) from public;

-- The first of p_duties the user holds for the student (null: none).
create or replace function private.hpc_first_duty(
  p_institution_id uuid, p_user_id uuid, p_duties text[], p_section_ids uuid[], p_stage text)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select d.duty
  from unnest(p_duties) with ordinality as d (duty, n)
  where private.hpc_holds_duty(p_institution_id, p_user_id, d.duty, p_section_ids, p_stage)
  order by d.n
  limit 1
$$;
revoke all on function private.hpc_first_duty(uuid, uuid, text[], uuid[], text) from public;

-- The approval chain for a stage: the active chain rows of the stage, else the
-- institution-wide ones (stage null), newest version; without configured rows the default
-- class_teacher (submits) → coordinator (reviews) → principal (approves).
create or replace function private.hpc_chain(p_institution_id uuid, p_stage text)
returns table (step_order bigint, approver_duty text, chain_step_id uuid)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
    with configured as (
      select w.stage, w.version, w.step_order, w.approver_duty::text as approver_duty, w.id
      from public.hpc_approval_workflows as w
      where w.institution_id = p_institution_id
        and w.kind = 'chain'
        and w.active
        and (w.stage = p_stage::public.hpc_stage or w.stage is null)
    ),
    chosen as (
      select c.stage, c.version
      from configured as c
      order by (c.stage is null), c.version desc
      limit 1
    )
    select c.step_order, c.approver_duty, c.id
    from configured as c
    join chosen as k on k.stage is not distinct from c.stage and k.version = c.version
    union all
    select d.step_order, d.approver_duty, null::uuid
    from (values (1::bigint, 'class_teacher'), (2::bigint, 'coordinator'), (3::bigint, 'principal'))
      as d (step_order, approver_duty)
    where not exists (select 1 from configured)
    order by 1;
end
$$;
revoke all on function private.hpc_chain(uuid, text) from public;

-- RLS for the two new tables. Both require the HPC flag of the caller's institution.
-- Narratives: staff with an HPC duty in the institution (the card carries them to
-- students and parents once published).
create policy "Staff with an HPC duty read narratives" on public.report_narratives
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and cardinality((select private.current_duties())) > 0
  );

-- Jobs: the requester, and whole-institution readers (coordinator, principal, admin).
create policy "Requesters and leaders read batch jobs" on public.report_jobs
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and (
      requested_by = (select private.caller_id())
      or (select private.current_duties()) && array['coordinator', 'principal', 'institution_admin']
    )
  );
