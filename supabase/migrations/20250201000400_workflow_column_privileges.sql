-- Row level security, part 4: workflow state cannot be moved by a direct UPDATE.
--
-- Policies decide which rows; column privileges decide which columns. Status columns and
-- decisions are left out of every API role's UPDATE grant, so `update ... set status = ...`
-- through PostgREST fails with 42501 whatever the policies say. The workflow functions
-- (security definer, owned by postgres) check the actor, lock the row, check a version and
-- are the only way to change them.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- Reports: generated, transitioned and reopened only by the report/workflow functions.
revoke insert, update, delete, truncate on public.hpc_reports from authenticated;

-- Approval chain: admins edit the chain's shape; decisions are never writable directly.
revoke update, truncate on public.hpc_approval_workflows from authenticated;
grant update (stage, version, step_order, approver_duty, name, active) on public.hpc_approval_workflows to authenticated;

-- Cycles: admins edit name and window; the status moves through hpc_set_cycle_status().
revoke update, truncate on public.hpc_evaluation_cycles from authenticated;
grant update (academic_term_id, name, term_number, opens_on, closes_on) on public.hpc_evaluation_cycles to authenticated;

-- Analytics snapshots are written by server jobs only.
revoke insert, update, delete, truncate on public.hpc_analytics from authenticated;

-- Messages: the author may correct the text, nothing else; threads are never deleted.
revoke update, delete, truncate on public.hpc_conversations from authenticated;
grant update (body) on public.hpc_conversations to authenticated;

revoke truncate on public.hpc_parameters, public.hpc_rubrics, public.hpc_parameter_assignments,
  public.hpc_evaluations, public.hpc_achievements, public.hpc_reflections
  from authenticated;

-- Opens, closes, locks and archives a cycle. Institution admins and principals of the
-- cycle's institution, with HPC on; the status guard trigger refuses illegal moves. The
-- checks live in the private function; the public one translates its errors for the API.
create or replace function private.hpc_set_cycle_status(p_cycle_id uuid, p_status text)
returns public.hpc_evaluation_cycles
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_cycle public.hpc_evaluation_cycles;
  -- A value, not a call in the locking query: Citus routes FOR UPDATE only by known values.
  v_institution uuid := private.current_institution_id();
begin
  select * into v_cycle
  from public.hpc_evaluation_cycles as c
  where c.institution_id = v_institution and c.id = p_cycle_id
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
comment on function public.hpc_set_cycle_status(uuid, public.hpc_cycle_status) is
  'Moves a cycle planned → open → closed → locked → archived (closed → open reopens entry). Admins and principals only.';
revoke all on function public.hpc_set_cycle_status(uuid, public.hpc_cycle_status) from public, anon;
grant execute on function public.hpc_set_cycle_status(uuid, public.hpc_cycle_status) to authenticated, service_role;
