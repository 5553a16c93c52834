-- The API's errors carry the HTTP status a frontend expects.
--
-- The workflow functions refuse with our SQLSTATEs (HP400, HP403, HP404, HP409, HP422,
-- HPOFF; docs/reports-workflow.md). PostgREST answers every SQLSTATE it does not know with
-- HTTP 400, so supabase-js `rpc()` saw 400 for "forbidden", "not found" and "stale version"
-- alike. PostgREST 12 lets the database choose the response: an error raised with SQLSTATE
-- 'PGRST' whose message is the JSON body {code, message, details, hint} and whose detail
-- is {"status": N, "headers": {}}.
--
-- * private.api_error_status(code): the one table from our codes to HTTP statuses. The edge
--   functions' map (supabase/functions/_shared/db-errors.ts) is checked against it by
--   tests/functions/error-statuses.test.ts.
-- * private.raise_api_error(code, message, details, hint): raises that PGRST error.
-- * The private workflow functions keep raising plain HPxxx SQLSTATEs, so SQL callers inside
--   the database (batches, pg_cron jobs, each other) catch them as before. The API functions
--   in `public` translate at the boundary: each is a plpgsql wrapper that re-raises an HPxxx
--   error as the PGRST error of the same code and passes any other error through unchanged.
-- * private.api_error_code(sqlstate, message): the HPxxx code of a caught error, whichever
--   form it came in (for SQL callers of the public functions; tests).
-- * public.hpc_set_cycle_status raised HPxxx itself: its body moves to
--   private.hpc_set_cycle_status and the public function becomes a wrapper like the others.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function private.api_error_status(p_code text)
returns integer
language sql
immutable
set search_path = ''
as $$
  select case p_code
    when 'HP400' then 400   -- invalid argument
    when 'HP403' then 403   -- not the caller's step, duty or school
    when 'HP404' then 404   -- unknown, or invisible to the caller
    when 'HP409' then 409   -- stale expected_version, concurrent first generation
    when 'HP422' then 422   -- not a valid move from the current state (status, closed cycle)
    when 'HPOFF' then 403   -- the HPC is switched off for the caller's institution
  end
$$;
comment on function private.api_error_status(text) is
  'The HTTP status of each of our error codes (HP400, HP403, HP404, HP409, HP422, HPOFF); null for any other code. The one place that maps them.';
revoke all on function private.api_error_status(text) from public;
grant execute on function private.api_error_status(text) to authenticated, service_role;

create or replace function private.raise_api_error(
  p_code text, p_message text, p_details text default null, p_hint text default null)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_status integer := private.api_error_status(p_code);
begin
  if v_status is null then
    raise exception 'private.raise_api_error: unknown code %', p_code using errcode = '22023';
  end if;
  raise sqlstate 'PGRST' using
    message = pg_catalog.json_build_object('code', p_code, 'message', p_message, 'details', p_details, 'hint', p_hint)::text,
    detail = pg_catalog.json_build_object('status', v_status, 'headers', pg_catalog.json_build_object())::text;
end
$$;
comment on function private.raise_api_error(text, text, text, text) is
  'Raises SQLSTATE PGRST: PostgREST answers with private.api_error_status(code) and the body {code, message, details, hint}.';
revoke all on function private.raise_api_error(text, text, text, text) from public;
grant execute on function private.raise_api_error(text, text, text, text) to authenticated, service_role;

create or replace function private.api_error_code(p_sqlstate text, p_message text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p_sqlstate = 'PGRST' then
    begin
      return (p_message::jsonb) ->> 'code';
    exception when invalid_text_representation then
      return p_sqlstate;
    end;
  end if;
  return p_sqlstate;
end
$$;
comment on function private.api_error_code(text, text) is
  'Our code (HP403, ...) of a caught error: the SQLSTATE itself, or the code inside a PGRST error''s JSON message.';
revoke all on function private.api_error_code(text, text) from public;
grant execute on function private.api_error_code(text, text) to authenticated, service_role;

-- The wrappers. Each catches only to translate: an HPxxx error becomes the PGRST error of
-- the same code, anything else is re-raised as it was (`raise;`).

create or replace function public.hpc_generate_report(p_cycle_id uuid, p_student_id uuid)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return private.hpc_generate_report(p_cycle_id, p_student_id);
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;

create or replace function public.hpc_save_narrative(
  p_cycle_id uuid, p_student_id uuid, p_summary text, p_strengths text default null, p_barriers text default null)
returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return private.hpc_save_narrative(p_cycle_id, p_student_id, p_summary, p_strengths, p_barriers);
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;

create or replace function public.hpc_transition_report(
  p_report_id uuid,
  p_action public.hpc_report_action,
  p_expected_version bigint,
  p_comment text default null,
  p_release_at timestamptz default null)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return private.hpc_transition_report(p_report_id, p_action::text, p_expected_version, p_comment, p_release_at);
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;

create or replace function public.hpc_reports_awaiting_me(p_limit bigint default 500)
returns table (
  report_id uuid, cycle_id uuid, student_id uuid, student_name text, version bigint, status text,
  lock_version bigint, action text, approver_duty text, round bigint, since timestamptz)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return query select * from private.hpc_reports_awaiting_me(p_limit);
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;

create or replace function public.hpc_batch_start(
  p_kind public.hpc_batch_kind, p_cycle_id uuid, p_section_id uuid default null, p_action public.hpc_report_action default null,
  p_comment text default null, p_release_at timestamptz default null)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return private.hpc_batch_start(p_kind::text, p_cycle_id, p_section_id, p_action::text, p_comment, p_release_at);
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;

create or replace function public.hpc_batch_run(p_job_id uuid, p_max_items bigint default 200, p_max_ms bigint default 2000)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return private.hpc_batch_run(p_job_id, p_max_items, p_max_ms);
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;

-- hpc_set_cycle_status: same checks, now in private like the other workflow functions.
create or replace function private.hpc_set_cycle_status(p_cycle_id uuid, p_status text)
returns public.hpc_evaluation_cycles
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_cycle public.hpc_evaluation_cycles;
begin
  select * into v_cycle
  from public.hpc_evaluation_cycles as c
  where c.institution_id = private.current_institution_id() and c.id = p_cycle_id
  for update;
  if not found then
    raise exception 'No evaluation cycle % in your institution.', p_cycle_id using errcode = 'HP404';
  end if;
  if not private.hpc_active() then
    raise exception 'HPC is switched off for your institution.' using errcode = 'HPOFF';
  end if;
  if not (private.is_institution_admin() or private.is_principal()) then
    raise exception 'Only an institution admin or the principal may change a cycle''s status.' using errcode = 'HP403';
  end if;
  if p_status is null or p_status not in ('planned', 'open', 'closed', 'locked', 'archived') then
    raise exception 'Unknown cycle status %.', p_status using errcode = 'HP400';
  end if;
  update public.hpc_evaluation_cycles as c
  set status = p_status
  where c.institution_id = v_cycle.institution_id and c.id = v_cycle.id
  returning * into v_cycle;
  return v_cycle;
end
$$;
comment on function private.hpc_set_cycle_status(uuid, text) is
  'Moves a cycle planned → open → closed → locked → archived (closed → open reopens entry). Admins and principals only.';
revoke all on function private.hpc_set_cycle_status(uuid, text) from public;
grant execute on function private.hpc_set_cycle_status(uuid, text) to authenticated, service_role;

create or replace function public.hpc_set_cycle_status(p_cycle_id uuid, p_status public.hpc_cycle_status)
returns public.hpc_evaluation_cycles
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return private.hpc_set_cycle_status(p_cycle_id, p_status::text);
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;
