-- The `tests` schema: the helpers every pgTAP file shares, named as in basejump's
-- supabase_test_helpers. Each file includes it right after `begin` (`\ir support/tests-schema.sql`),
-- so the schema lives in that file's transaction and is rolled back with it: the database the
-- API, the advisors and the generated types see never holds it.
--
-- Acting as someone does what PostgREST does for a request: the role of the token (`set local
-- role`), the token's claims in request.jwt.claims, then the request context computed from
-- them (PostgREST's pre-request function, private.set_request_context). The context is
-- computed when the caller is set: data changed afterwards shows in it after the next
-- tests.authenticate_as, as in the API on the next request. Unlike basejump's, clear_authentication
-- goes back to the test's own role (postgres, the owner), not to anon: assertions compare what
-- a caller reached with what is there, counted as the owner.
create schema tests;
grant usage on schema tests to anon, authenticated, service_role;

-- Claims -------------------------------------------------------------------------------------

-- The claims of the access token the stack signs for a user (stack/keys.ts), read from
-- auth.users; an unknown user is an error, not an anonymous caller.
create function tests.claims_of(p_user uuid) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_claims jsonb;
begin
  select jsonb_build_object(
           'sub', u.id, 'aud', 'authenticated', 'role', 'authenticated', 'email', coalesce(u.email, ''),
           'phone', coalesce(u.phone, ''), 'app_metadata', coalesce(u.raw_app_meta_data, '{}'),
           'user_metadata', coalesce(u.raw_user_meta_data, '{}'), 'aal', 'aal1', 'is_anonymous', false)
    into v_claims
  from auth.users as u
  where u.id = p_user;
  if v_claims is null then
    raise exception 'tests.claims_of: no user % in auth.users', p_user;
  end if;
  return v_claims;
end $$;

-- The claims of the anon and service_role API keys.
create function tests.anon_claims() returns jsonb language sql immutable set search_path = '' as $$
  select '{"iss": "supabase-demo", "role": "anon"}'::jsonb
$$;
create function tests.service_role_claims() returns jsonb language sql immutable set search_path = '' as $$
  select '{"iss": "supabase-demo", "role": "service_role"}'::jsonb
$$;

-- A user's claims while the role stays the owner's: what a trigger or a security definer
-- function sees when that user's request reaches it (auth.uid() answers the user, RLS is not
-- in the way).
create function tests.set_claims_of(p_user uuid) returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('request.jwt.claims', tests.claims_of(p_user)::text, true);
  perform private.set_request_context();
end $$;

-- The anon key's claims while the role stays the owner's.
create function tests.set_anon_claims() returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('request.jwt.claims', tests.anon_claims()::text, true);
  perform private.set_request_context();
end $$;

-- Acting as a caller -------------------------------------------------------------------------

-- Back to the test's own role (postgres) with no claims.
create function tests.clear_authentication() returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('role', 'none', true);
  perform set_config('request.jwt.claims', '', true);
  perform private.set_request_context();
end $$;

-- A signed-in user: role authenticated with the user's claims.
create function tests.authenticate_as(p_user uuid) returns void
language plpgsql set search_path = '' as $$
declare
  v_claims jsonb;
begin
  perform tests.clear_authentication();
  v_claims := tests.claims_of(p_user);
  perform set_config('request.jwt.claims', v_claims::text, true);
  perform set_config('role', 'authenticated', true);
  perform private.set_request_context();
end $$;

-- A caller with the anon key and no user.
create function tests.authenticate_as_anon() returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('request.jwt.claims', tests.anon_claims()::text, true);
  perform set_config('role', 'anon', true);
  perform private.set_request_context();
end $$;

-- A server with the service_role key (RLS bypassed, grants still apply).
create function tests.authenticate_as_service_role() returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('request.jwt.claims', tests.service_role_claims()::text, true);
  perform set_config('role', 'service_role', true);
  perform private.set_request_context();
end $$;

-- Errors as the API answers them ---------------------------------------------------------------

-- The body of a caught error, {code, message, details}: our code (HP403, ...) and message from
-- a PGRST error's JSON (private.raise_api_error), else the SQLSTATE and its message.
create function tests.api_error(p_sqlstate text, p_message text) returns jsonb
language sql immutable set search_path = '' as $$
  select case when p_sqlstate = 'PGRST' then (p_message::jsonb) - 'hint'
              else jsonb_build_object('code', p_sqlstate, 'message', p_message, 'details', null) end
$$;

-- Raises a caught error again with our code as its SQLSTATE, so that throws_ok can name the
-- code the API answers with (HP403 rather than PGRST).
create function tests.raise_api_error(p_sqlstate text, p_message text) returns void
language plpgsql set search_path = '' as $$
declare
  v_error jsonb := tests.api_error(p_sqlstate, p_message);
begin
  raise exception using errcode = v_error ->> 'code', message = v_error ->> 'message';
end $$;

-- Statements run as a caller ---------------------------------------------------------------------
-- Each switches to the caller for the one statement and back, so that the assertion around it
-- computes its expected value as the owner. The statement runs with PostgREST's search path.

-- The rows of a query as a user sees them, as a jsonb array; an error as its body (an object).
create function tests.rows_seen_by(p_user uuid, p_query text) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_rows jsonb;
begin
  perform set_config('search_path', 'public, extensions', true);
  perform tests.authenticate_as(p_user);
  execute format('select coalesce(jsonb_agg(to_jsonb(x)), ''[]'') from (%s) as x', p_query) into v_rows;
  perform tests.clear_authentication();
  return v_rows;
exception when others then
  return tests.api_error(sqlstate, sqlerrm);
end $$;

-- Runs a statement as the current caller and keeps its effects: 'rows N' (rows it changed or
-- returned), or our code and the message ('HP422: The evaluation cycle ...').
create function tests.run(p_statement text) returns text
language plpgsql set search_path = '' as $$
declare
  v_rows bigint;
  v_error jsonb;
begin
  perform set_config('search_path', 'public, extensions', true);
  execute p_statement;
  get diagnostics v_rows = row_count;
  return 'rows ' || v_rows;
exception when others then
  v_error := tests.api_error(sqlstate, sqlerrm);
  return (v_error ->> 'code') || ': ' || (v_error ->> 'message');
end $$;

create function tests.run_as(p_user uuid, p_statement text) returns text
language plpgsql set search_path = '' as $$
declare
  v_outcome text;
begin
  perform tests.authenticate_as(p_user);
  v_outcome := tests.run(p_statement);
  perform tests.clear_authentication();
  return v_outcome;
end $$;

create function tests.run_as_service_role(p_statement text) returns text
language plpgsql set search_path = '' as $$
declare
  v_outcome text;
begin
  perform tests.authenticate_as_service_role();
  v_outcome := tests.run(p_statement);
  perform tests.clear_authentication();
  return v_outcome;
end $$;

-- Attempts a statement as the current caller in a subtransaction that is always rolled back
-- (the data stays as it was): 'rows N', or 'error SQLSTATE'.
create function tests.attempt(p_statement text) returns text
language plpgsql set search_path = '' as $$
declare
  v_rows bigint;
begin
  perform set_config('search_path', 'public, extensions', true);
  begin
    execute p_statement;
    get diagnostics v_rows = row_count;
    raise exception using errcode = 'T0001', message = v_rows::text;
  exception
    when sqlstate 'T0001' then return 'rows ' || sqlerrm;
    when others then return 'error ' || sqlstate;
  end;
end $$;

create function tests.attempt_as(p_user uuid, p_statement text) returns text
language plpgsql set search_path = '' as $$
declare
  v_outcome text;
begin
  perform tests.authenticate_as(p_user);
  v_outcome := tests.attempt(p_statement);
  perform tests.clear_authentication();
  return v_outcome;
end $$;

create function tests.attempt_as_anon(p_statement text) returns text
language plpgsql set search_path = '' as $$
declare
  v_outcome text;
begin
  perform tests.authenticate_as_anon();
  v_outcome := tests.attempt(p_statement);
  perform tests.clear_authentication();
  return v_outcome;
end $$;

create function tests.attempt_as_service_role(p_statement text) returns text
language plpgsql set search_path = '' as $$
declare
  v_outcome text;
begin
  perform tests.authenticate_as_service_role();
  v_outcome := tests.attempt(p_statement);
  perform tests.clear_authentication();
  return v_outcome;
end $$;

-- The catalog as the schema has it ----------------------------------------------------------

-- Whether a relation is a Citus shard: on a coordinator, reference tables have a copy of their
-- one shard among the tables, with its constraints and indexes under the shard's name. Checks
-- that read the catalog leave them out; false without Citus.
create function tests.is_a_citus_shard(p_relation regclass) returns boolean
language plpgsql stable set search_path = '' as $$
declare
  v_shard boolean;
begin
  if pg_catalog.to_regclass('pg_catalog.pg_dist_shard') is null then
    return false;
  end if;
  -- By name, as regclass prints it: Citus hides shards from queries on pg_class.
  execute 'select exists (select 1 from pg_catalog.pg_dist_shard as s where s.logicalrelid::text || ''_'' || s.shardid = $1::text)'
    into v_shard using p_relation;
  return v_shard;
end $$;

-- Callers reach the helpers they run under (the platform may revoke PUBLIC's default EXECUTE).
grant execute on all functions in schema tests to anon, authenticated, service_role;
