-- The API functions return typed results: the generated TypeScript types get objects with
-- named fields and unions for statuses, outcomes and actions instead of `Json` and `string`.
--
-- * Enum types for the values only these results carry: hpc_awaited_move,
--   hpc_generate_outcome (`supabase gen types` turns Postgres enums into string unions); the
--   statuses, actions and batch words are the tables' enum types (hpc_report_status,
--   hpc_report_action, hpc_batch_kind, hpc_batch_status).
-- * Composite types for the results: hpc_generated_report (hpc_generate_report),
--   hpc_report_transition (hpc_transition_report), hpc_batch_progress (hpc_batch_start,
--   hpc_batch_run); hpc_reports_awaiting_me returns its status, action and duty as enums.
--   supabase-js rpc() gets the same JSON keys as before (a field that was left out is now
--   null).
-- * The private workflow functions keep returning jsonb (the batch runner and the jobs use
--   them); each public wrapper turns that into its type with jsonb_populate_record, and still
--   translates our error codes (20250501000100). A return type cannot be changed in place:
--   the wrappers are dropped and created again, with their grants, in this transaction.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create type public.hpc_awaited_move as enum ('submit', 'review', 'publish');
comment on type public.hpc_awaited_move is 'The caller''s next move on a card (hpc_reports_awaiting_me.action).';
create type public.hpc_generate_outcome as enum ('created', 'updated', 'unchanged');
comment on type public.hpc_generate_outcome is 'What hpc_generate_report did to the current version.';

create type public.hpc_generated_report as (
  report_id uuid, cycle_id uuid, student_id uuid, version bigint, status public.hpc_report_status,
  lock_version bigint, content_hash text, outcome public.hpc_generate_outcome);
comment on type public.hpc_generated_report is 'Result of hpc_generate_report.';

create type public.hpc_report_transition as (
  report_id uuid, version bigint, status public.hpc_report_status, lock_version bigint, is_current boolean,
  release_at timestamptz, published_at timestamptz, action public.hpc_report_action, step_id uuid,
  previous_report_id uuid);
comment on type public.hpc_report_transition is
  'Result of hpc_transition_report: the version now current (a reopen: the new draft; previous_report_id the published one).';

create type public.hpc_batch_progress as (
  job_id uuid, kind public.hpc_batch_kind, action public.hpc_report_action, cycle_id uuid, section_id uuid,
  status public.hpc_batch_status, total bigint, processed bigint, succeeded bigint, unchanged bigint,
  skipped bigint, failed bigint, errors jsonb, started_at timestamptz, finished_at timestamptz, done boolean,
  busy boolean);
comment on type public.hpc_batch_progress is
  'Progress of a batch (hpc_batch_start, hpc_batch_run); busy: another runner holds the batch right now.';

drop function public.hpc_generate_report(uuid, uuid);
create function public.hpc_generate_report(p_cycle_id uuid, p_student_id uuid)
returns public.hpc_generated_report
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return jsonb_populate_record(null::public.hpc_generated_report, private.hpc_generate_report(p_cycle_id, p_student_id));
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;
comment on function public.hpc_generate_report(uuid, uuid) is
  'Compile the card of a student for a cycle into the current draft version (unchanged content: no change). Class teacher, coordinator, principal, institution admin.';
revoke all on function public.hpc_generate_report(uuid, uuid) from public, anon;
grant execute on function public.hpc_generate_report(uuid, uuid) to authenticated, service_role;

drop function public.hpc_transition_report(uuid, public.hpc_report_action, bigint, text, timestamptz);
create function public.hpc_transition_report(
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

drop function public.hpc_batch_start(public.hpc_batch_kind, uuid, uuid, public.hpc_report_action, text, timestamptz);
create function public.hpc_batch_start(
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

drop function public.hpc_batch_run(uuid, bigint, bigint);
create function public.hpc_batch_run(p_job_id uuid, p_max_items bigint default 200, p_max_ms bigint default 2000)
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

drop function public.hpc_reports_awaiting_me(bigint);
create function public.hpc_reports_awaiting_me(p_limit bigint default 500)
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
