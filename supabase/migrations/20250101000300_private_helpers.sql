-- Tenancy, expand step 3: the private helpers the policies, triggers and API functions share.
--
-- 1. The `private` schema: helper functions that RLS policies and triggers call. It is not
--    in pgrst.db_schemas, so the API never exposes it; `authenticated` gets USAGE and
--    EXECUTE only on the helpers policies need, nothing for `anon`.
-- 2. private.register_institutions_from_existing_values(): for the newer database shape
--    (institution_id values exist, no institutions rows), creates an institutions row per
--    distinct value so that the NOT VALID foreign keys can later be validated.
-- 3. The API's error codes: private.api_error_status() is the one table from our SQLSTATEs
--    (HP400, HP403, HP404, HP409, HP422, HPOFF) to HTTP statuses; the public API functions
--    re-raise them through private.raise_api_error() as PostgREST's PGRST error, so that
--    supabase-js rpc() gets the status and our code.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create schema if not exists private;
comment on schema private is
  'Helpers for RLS policies, triggers and jobs. Not exposed by the API (not in pgrst.db_schemas).';
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- Is the request context (20250201000100_rls_helpers.sql: computed once per request into the
-- hpc.* settings) the current claims' own? Every reader of the context asks first, so a
-- context left from other claims grants nothing. Inlined into its callers (language sql, no
-- settings, names qualified): see that file.
create or replace function private.request_context_is_current()
returns boolean
language sql
stable
as $$
  select pg_catalog.current_setting('hpc.context_claims', true)
         operator(pg_catalog.=) coalesce(pg_catalog.current_setting('request.jwt.claims', true), '')
$$;
comment on function private.request_context_is_current() is
  'True when the hpc.* request context was computed from the current request.jwt.claims.';

-- The caller's institution, for column defaults, triggers and functions: the request
-- context's when there is one, else user_profiles.institution_id of auth.uid() (the expand
-- steps run before the context exists, while the application keeps writing).
create or replace function private.current_institution_id()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if private.request_context_is_current() then
    return nullif(current_setting('hpc.institution_id', true), '')::uuid;
  end if;
  return (
    select p.institution_id
    from public.user_profiles as p
    where p.id = (select auth.uid()));
end
$$;
comment on function private.current_institution_id() is
  'Institution of the signed-in user (user_profiles.institution_id of auth.uid()); NULL when anonymous or unassigned.';
revoke all on function private.current_institution_id() from public;
grant execute on function private.current_institution_id() to authenticated, service_role;
revoke all on function private.request_context_is_current() from public;
grant execute on function private.request_context_is_current() to authenticated, service_role;

-- Keeps created_* immutable and stamps updated_* on every write (HPC and new tenant tables).
create or replace function private.stamp_row_authorship()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.created_at := coalesce(new.created_at, now());
    new.created_by := coalesce(new.created_by, (select auth.uid()));
    new.updated_at := new.created_at;
    new.updated_by := coalesce(new.updated_by, new.created_by);
  else
    new.created_at := old.created_at;
    new.created_by := old.created_by;
    new.updated_at := now();
    new.updated_by := (select auth.uid());
  end if;
  return new;
end
$$;
revoke all on function private.stamp_row_authorship() from public;

-- Newer BIG DAY deployments carry institution_id values with no institutions table. This
-- registers one institutions row per distinct value found, in keyset-paged batches so the
-- migration runner can call it repeatedly without long statements:
--   select * from private.register_institutions_from_existing_values('public.cohorts', null, 5000);
--   ... then again with after_id := the returned last_id, until last_id is null.
-- With p_table null it walks every table that can carry values, in one call (small
-- databases, seed, tests). Registered rows get name 'Institution <uuid>' and slug
-- 'institution-<uuid>'; an operator renames them later. Idempotent.
create or replace function private.register_institutions_from_existing_values(
  p_table regclass default null,
  p_after_id uuid default null,
  p_batch_size integer default 5000
)
returns table (last_id uuid, scanned integer, registered integer)
language plpgsql
set search_path = ''
as $$
declare
  -- Tables of either BIG DAY shape that can carry a value; those a shape lacks are skipped.
  v_bigday_tables text[] := array[
    'academic_terms', 'courses', 'cohorts', 'slot_templates', 'allocation_settings',
    'user_profiles', 'sections', 'section_students', 'section_courses'];
  v_name text;
  v_table regclass;
  v_last uuid;
  v_scanned integer;
  v_registered integer;
  v_total_registered integer := 0;
begin
  if p_batch_size is null or p_batch_size < 1 then
    raise exception 'p_batch_size must be positive' using errcode = '22023';
  end if;
  if p_table is not null and not exists (
    select 1 from pg_catalog.pg_class as c
    join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attname = 'institution_id' and not a.attisdropped
    where c.oid = p_table and c.relnamespace = 'public'::regnamespace and c.relname = any (v_bigday_tables)
  ) then
    raise exception '% does not carry a legacy institution_id', p_table using errcode = '22023';
  end if;

  if p_table is not null then
    execute format($q$
      with batch as (
        select t.id, t.institution_id from %s as t
        where ($1 is null or t.id > $1)
        order by t.id
        limit $2
      ), added as (
        insert into public.institutions (id, name, slug)
        select distinct b.institution_id, 'Institution ' || b.institution_id, 'institution-' || b.institution_id
        from batch as b
        where b.institution_id is not null
        on conflict do nothing
        returning 1
      )
      select (select max(b.id::text)::uuid from batch as b), (select count(*)::integer from batch),
             (select count(*)::integer from added)
    $q$, p_table)
    into v_last, v_scanned, v_registered
    using p_after_id, p_batch_size;
    -- A short batch means the table is done: report last_id null.
    return query select case when v_scanned < p_batch_size then null else v_last end, v_scanned, v_registered;
    return;
  end if;

  foreach v_name in array v_bigday_tables loop
    v_table := to_regclass(format('public.%I', v_name));
    continue when v_table is null or not exists (
      select 1 from pg_catalog.pg_attribute as a
      where a.attrelid = v_table and a.attname = 'institution_id' and not a.attisdropped);
    v_last := null;
    loop
      select r.last_id, r.registered into v_last, v_registered
      from private.register_institutions_from_existing_values(v_table, v_last, p_batch_size) as r;
      v_total_registered := v_total_registered + v_registered;
      exit when v_last is null;
    end loop;
  end loop;
  return query select null::uuid, null::integer, v_total_registered;
end
$$;
comment on function private.register_institutions_from_existing_values(regclass, uuid, integer) is
  'Creates institutions rows for legacy institution_id values (newer BIG DAY shape), keyset-paged by id.';
revoke all on function private.register_institutions_from_existing_values(regclass, uuid, integer) from public;

create or replace function private.api_error_status(p_code text)
returns integer
language sql
immutable
set search_path = ''
as $$
  select case
    when p_code = 'HP400' then 400   -- invalid argument
    when p_code = 'HP403' then 403   -- not the caller's step, duty or school
    when p_code = 'HP404' then 404   -- unknown, or invisible to the caller
    when p_code = 'HP409' then 409   -- stale expected_version, concurrent first generation
    when p_code = 'HP422' then 422   -- not a valid move from the current state (status, closed cycle)
    when p_code = 'HPOFF' then 403   -- the HPC is switched off for the caller's institution
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
