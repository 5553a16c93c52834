-- Issue 5 pgTAP helpers (session-local, dropped with the session). Each action switches to
-- role authenticated with the actor's claims for exactly one call, as PostgREST does, and
-- back: pgTAP's own bookkeeping tables stay reachable.
create function pg_temp.u(n int) returns uuid language sql immutable
  as $$ select format('a5a5a5a5-0005-4000-8002-%s', lpad(n::text, 12, '0'))::uuid $$;
create function pg_temp.cy(n int) returns uuid language sql immutable
  as $$ select format('a5a5a5a5-0005-4000-8004-%s', lpad(n::text, 12, '0'))::uuid $$;
create function pg_temp.sec(n int) returns uuid language sql immutable
  as $$ select format('a5a5a5a5-0005-4000-8003-%s', lpad(n::text, 12, '0'))::uuid $$;
create function pg_temp.inst(n int) returns uuid language sql immutable
  as $$ select format('a5a5a5a5-0005-4000-8001-%s', lpad(n::text, 12, '0'))::uuid $$;

create function pg_temp.become(p_user uuid) returns void language plpgsql as $$
begin
  perform set_config('request.jwt.claims',
    case when p_user is null then '{"role":"anon"}'
         else json_build_object('sub', p_user, 'role', 'authenticated')::text end, true);
  perform set_config('role', case when p_user is null then 'anon' else 'authenticated' end, true);
end $$;
create function pg_temp.unbecome() returns void language plpgsql as $$
begin
  perform set_config('role', 'postgres', true);
  perform set_config('request.jwt.claims', '', true);
end $$;

-- current report of a student (cycle 1 unless given)
create function pg_temp.cur(p_student uuid, p_cycle uuid default null) returns uuid language sql stable as $$
  select r.id from public.hpc_reports r
  where r.student_id = p_student and r.cycle_id = coalesce(p_cycle, pg_temp.cy(1)) and r.is_current
$$;
create function pg_temp.lv(p_report uuid) returns bigint language sql stable as $$
  select r.lock_version from public.hpc_reports r where r.id = p_report
$$;

create function pg_temp.gen(p_actor uuid, p_student uuid, p_cycle uuid default null) returns jsonb language plpgsql as $$
declare r jsonb;
begin
  perform pg_temp.become(p_actor);
  r := to_jsonb(public.hpc_generate_report(coalesce(p_cycle, pg_temp.cy(1)), p_student));
  perform pg_temp.unbecome();
  return r;
exception when sqlstate 'PGRST' then
  -- the API functions answer with PostgREST's PGRST error; the tests assert our code
  raise exception using errcode = private.api_error_code(sqlstate, sqlerrm), message = sqlerrm::jsonb ->> 'message';
end $$;

create function pg_temp.tr(p_actor uuid, p_report uuid, p_action text, p_comment text default null,
                           p_release_at timestamptz default null, p_expected bigint default null)
returns jsonb language plpgsql as $$
declare r jsonb; v bigint := coalesce(p_expected, pg_temp.lv(p_report), 0);
begin
  perform pg_temp.become(p_actor);
  r := jsonb_strip_nulls(to_jsonb(public.hpc_transition_report(p_report, p_action::public.hpc_report_action, v, p_comment, p_release_at)));
  perform pg_temp.unbecome();
  return r;
exception when sqlstate 'PGRST' then
  -- the API functions answer with PostgREST's PGRST error; the tests assert our code
  raise exception using errcode = private.api_error_code(sqlstate, sqlerrm), message = sqlerrm::jsonb ->> 'message';
end $$;

create function pg_temp.awaiting(p_actor uuid) returns jsonb language plpgsql as $$
declare r jsonb;
begin
  perform pg_temp.become(p_actor);
  select coalesce(jsonb_agg(to_jsonb(a)), '[]') into r from public.hpc_reports_awaiting_me() a;
  perform pg_temp.unbecome();
  return r;
exception when sqlstate 'PGRST' then
  -- the API functions answer with PostgREST's PGRST error; the tests assert our code
  raise exception using errcode = private.api_error_code(sqlstate, sqlerrm), message = sqlerrm::jsonb ->> 'message';
end $$;

create function pg_temp.batch_start(p_actor uuid, p_kind text, p_section uuid, p_action text default null)
returns jsonb language plpgsql as $$
declare r jsonb;
begin
  perform pg_temp.become(p_actor);
  r := to_jsonb(public.hpc_batch_start(p_kind::public.hpc_batch_kind, pg_temp.cy(1), p_section, p_action::public.hpc_report_action));
  perform pg_temp.unbecome();
  return r;
exception when sqlstate 'PGRST' then
  -- the API functions answer with PostgREST's PGRST error; the tests assert our code
  raise exception using errcode = private.api_error_code(sqlstate, sqlerrm), message = sqlerrm::jsonb ->> 'message';
end $$;
create function pg_temp.batch_run(p_actor uuid, p_job uuid, p_max bigint) returns jsonb language plpgsql as $$
declare r jsonb;
begin
  perform pg_temp.become(p_actor);
  r := to_jsonb(public.hpc_batch_run(p_job, p_max, 5000));
  perform pg_temp.unbecome();
  return r;
exception when sqlstate 'PGRST' then
  -- the API functions answer with PostgREST's PGRST error; the tests assert our code
  raise exception using errcode = private.api_error_code(sqlstate, sqlerrm), message = sqlerrm::jsonb ->> 'message';
end $$;

create function pg_temp.audit_count(p_table text, p_id uuid) returns bigint language sql stable as $$
  select count(*) from public.audit_events a
  where a.table_name = p_table and a.record_key ->> 'id' = p_id::text
$$;
