-- The report functions called as a person of the report fixture (reports/fixture.sql), and the
-- fixture's ids by number. Session-local (pg_temp), included after support/tests-schema.sql.
-- Each action acts as the person for exactly one call, as PostgREST does for a request, and
-- turns a refusal into our code (HP403, ...) as its SQLSTATE, for throws_ok.

-- Fixture ids: a5a5a5a5-0005-4000-80TT-0000000000NN (see reports/fixture.sql). People:
-- person(3) class teacher 7-A, person(4) subject teacher 7-A, person(5) class teacher 7-B,
-- person(2) coordinator (middle), person(1) principal, person(6) admin, person(7) and
-- person(8) students in 7-A, person(9) in 7-B, person(10) parent of person(7), person(11)
-- teacher without duty, person(21) principal of the other institution. Stable, not immutable,
-- although they compute from their argument alone: a Citus coordinator evaluates a stable
-- call itself and routes the statement by its value, but sends an immutable one on to the
-- workers, where no pg_temp function exists.
create function pg_temp.school(n int) returns uuid language sql stable
  as $$ select format('a5a5a5a5-0005-4000-8001-%s', lpad(n::text, 12, '0'))::uuid $$;
create function pg_temp.person(n int) returns uuid language sql stable
  as $$ select format('a5a5a5a5-0005-4000-8002-%s', lpad(n::text, 12, '0'))::uuid $$;
create function pg_temp.section(n int) returns uuid language sql stable
  as $$ select format('a5a5a5a5-0005-4000-8003-%s', lpad(n::text, 12, '0'))::uuid $$;
create function pg_temp.cycle(n int) returns uuid language sql stable
  as $$ select format('a5a5a5a5-0005-4000-8004-%s', lpad(n::text, 12, '0'))::uuid $$;

-- The current card of a student (in cycle 1 unless given) and its lock version. PL/pgSQL,
-- not SQL: Citus plans no parameterised query of a SQL function on a distributed table.
create function pg_temp.current_card(p_student uuid, p_cycle uuid default null) returns uuid language plpgsql stable as $$
begin
  return (select r.id from public.hpc_reports as r
          where r.student_id = p_student and r.cycle_id = coalesce(p_cycle, pg_temp.cycle(1)) and r.is_current);
end $$;
create function pg_temp.lock_version(p_report uuid) returns bigint language plpgsql stable as $$
begin
  return (select r.lock_version from public.hpc_reports as r where r.id = p_report);
end $$;

-- The audit rows of one record.
create function pg_temp.audit_rows_of(p_table text, p_id uuid) returns bigint language plpgsql stable as $$
begin
  return (select count(*) from public.audit_events as a
          where a.table_name = p_table and a.record_key ->> 'id' = p_id::text);
end $$;

-- Acts as the person, or without a user (the anon key) when p_actor is null.
create function pg_temp.act_as(p_actor uuid) returns void language plpgsql as $$
begin
  if p_actor is null then
    perform tests.authenticate_as_anon();
  else
    perform tests.authenticate_as(p_actor);
  end if;
end $$;

create function pg_temp.generate_card(p_actor uuid, p_student uuid, p_cycle uuid default null) returns jsonb
language plpgsql as $$
declare
  v_result jsonb;
begin
  perform pg_temp.act_as(p_actor);
  v_result := to_jsonb(public.hpc_generate_report(coalesce(p_cycle, pg_temp.cycle(1)), p_student));
  perform tests.clear_authentication();
  return v_result;
exception when sqlstate 'PGRST' then
  perform tests.raise_api_error(sqlstate, sqlerrm);
end $$;

-- A workflow move on a card; the expected version is the card's own unless given.
create function pg_temp.transition(p_actor uuid, p_report uuid, p_action text, p_comment text default null,
                                   p_release_at timestamptz default null, p_expected bigint default null)
returns jsonb language plpgsql as $$
declare
  v_result jsonb;
  v_expected bigint := coalesce(p_expected, pg_temp.lock_version(p_report), 0);
begin
  perform pg_temp.act_as(p_actor);
  v_result := jsonb_strip_nulls(to_jsonb(public.hpc_transition_report(
    p_report, p_action::public.hpc_report_action, v_expected, p_comment, p_release_at)));
  perform tests.clear_authentication();
  return v_result;
exception when sqlstate 'PGRST' then
  perform tests.raise_api_error(sqlstate, sqlerrm);
end $$;

create function pg_temp.cards_awaiting(p_actor uuid) returns jsonb language plpgsql as $$
declare
  v_result jsonb;
begin
  perform pg_temp.act_as(p_actor);
  select coalesce(jsonb_agg(to_jsonb(a)), '[]') into v_result from public.hpc_reports_awaiting_me() as a;
  perform tests.clear_authentication();
  return v_result;
exception when sqlstate 'PGRST' then
  perform tests.raise_api_error(sqlstate, sqlerrm);
end $$;

create function pg_temp.batch_start(p_actor uuid, p_kind text, p_section uuid, p_action text default null)
returns jsonb language plpgsql as $$
declare
  v_result jsonb;
begin
  perform pg_temp.act_as(p_actor);
  v_result := to_jsonb(public.hpc_batch_start(p_kind::public.hpc_batch_kind, pg_temp.cycle(1), p_section,
                                              p_action::public.hpc_report_action));
  perform tests.clear_authentication();
  return v_result;
exception when sqlstate 'PGRST' then
  perform tests.raise_api_error(sqlstate, sqlerrm);
end $$;

create function pg_temp.batch_run(p_actor uuid, p_job uuid, p_max bigint) returns jsonb language plpgsql as $$
declare
  v_result jsonb;
begin
  perform pg_temp.act_as(p_actor);
  v_result := to_jsonb(public.hpc_batch_run(p_job, p_max, 5000));
  perform tests.clear_authentication();
  return v_result;
exception when sqlstate 'PGRST' then
  perform tests.raise_api_error(sqlstate, sqlerrm);
end $$;

-- A student's card, generated and moved to p_status along the default chain (class teacher
-- -> coordinator -> principal); returns its id.
create function pg_temp.card_in_status(p_status text, p_student uuid) returns uuid language plpgsql as $$
declare
  v_id uuid;
begin
  perform pg_temp.generate_card(pg_temp.person(3), p_student);
  v_id := pg_temp.current_card(p_student);
  if p_status <> 'draft' then perform pg_temp.transition(pg_temp.person(3), v_id, 'submit'); end if;
  if p_status = 'changes_requested' then perform pg_temp.transition(pg_temp.person(2), v_id, 'request_changes', 'redo'); end if;
  if p_status in ('in_review', 'approved', 'published') then perform pg_temp.transition(pg_temp.person(2), v_id, 'approve'); end if;
  if p_status in ('approved', 'published') then perform pg_temp.transition(pg_temp.person(1), v_id, 'approve'); end if;
  if p_status = 'published' then perform pg_temp.transition(pg_temp.person(1), v_id, 'publish'); end if;
  return v_id;
end $$;
