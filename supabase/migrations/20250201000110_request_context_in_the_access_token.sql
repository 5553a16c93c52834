-- Row level security, part 1b: the request context carried in the access token.
--
-- Supabase Auth's custom access token hook (private.custom_access_token_hook, enabled in
-- supabase/config.toml and, on a hosted project, under Authentication → Hooks) adds the
-- caller's request context to every token it issues, with the version of the caller's
-- school's context inputs. private.set_request_context uses the token's values while that
-- version is still the school's, and computes them from the tables otherwise.
--
-- So that a token never grants what the tables no longer do, every change to what a context
-- is computed from — a profile's school or role, the HPC flag, duties, allocations, enrolments,
-- guardians, peer reviews, a cycle's status — gives its school a new version, once per
-- transaction: every token issued before it is then computed afresh until it is renewed (an
-- hour at most). The cost is one row lock per changed school until the changing transaction
-- ends; ratings, comments and cards are not inputs and never take it.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- A version is the clock's microseconds or more, so that a database reset or restored to an
-- earlier state never hands out a number a token was issued with before (a school without a
-- row has never changed since this migration: version 0).
create table if not exists private.context_versions (
  institution_id uuid primary key,
  version bigint not null check (version >= 1)
);
comment on table private.context_versions is
  'Per school, the version of the request context''s inputs; a token''s context counts while its version is the school''s.';
-- Read only by the pre-request and the hook, security definer functions.
revoke all on table private.context_versions from public, anon, authenticated;

-- Once per transaction and school: a transaction that moves a whole school's enrolments
-- takes the school's row once, not once per row.
create or replace function private.expire_issued_contexts_of(p_institution_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_mark text := 'hpc.contexts_expired_' || replace(p_institution_id::text, '-', '');
begin
  if p_institution_id is null or current_setting(v_mark, true) = 'yes' then
    return;
  end if;
  insert into private.context_versions as v (institution_id, version)
  values (p_institution_id, (extract(epoch from clock_timestamp()) * 1000000)::bigint)
  on conflict (institution_id) do update set version = greatest(v.version + 1, excluded.version);
  -- Transaction-local: rolled back with a savepoint that undoes the change itself.
  perform set_config(v_mark, 'yes', true);
end
$$;
comment on function private.expire_issued_contexts_of(uuid) is
  'Gives the school a new context version, once per transaction: tokens issued before compute their context again.';

create or replace function private.expire_issued_contexts()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if tg_op <> 'DELETE' then
    perform private.expire_issued_contexts_of(new.institution_id);
  end if;
  if tg_op <> 'INSERT' then
    perform private.expire_issued_contexts_of(old.institution_id);
  end if;
  return null;
end
$$;
comment on function private.expire_issued_contexts() is
  'Trigger: a row that a request context is computed from changed; its school (old and new) gets a new context version.';
revoke all on function private.expire_issued_contexts_of(uuid) from public;
revoke all on function private.expire_issued_contexts() from public;

-- The inputs of private.request_context_values, each with the columns it reads: inserts and
-- deletes always count, updates only when one of those columns changes (a profile's name or
-- last sign-in does not expire anything). Creating a trigger takes a SHARE ROW EXCLUSIVE lock
-- on its table for a moment: lock_timeout above keeps a busy table from queueing its writers
-- behind this migration.
do $$
declare
  v_input record;
begin
  for v_input in
    select t.table_name, t.columns
    from (values
      ('user_profiles', array['id', 'institution_id', 'role']),
      ('institution_feature_flags', array['institution_id', 'feature', 'enabled']),
      ('staff_duties', array['institution_id', 'user_id', 'section_id', 'duty', 'stage', 'active']),
      ('section_courses', array['institution_id', 'section_id', 'teacher_id']),
      ('section_students', array['institution_id', 'section_id', 'student_id']),
      ('student_guardians', array['institution_id', 'student_id', 'guardian_id']),
      ('hpc_parameter_assignments', array['institution_id', 'student_id', 'peer_reviewer_id', 'active']),
      ('hpc_evaluation_cycles', array['id', 'institution_id', 'status'])
    ) as t (table_name, columns)
  loop
    execute format(
      'create or replace trigger expire_issued_contexts after insert or delete on public.%I
       for each row execute function private.expire_issued_contexts()', v_input.table_name);
    execute format(
      'create or replace trigger expire_issued_contexts_on_update after update of %s on public.%I
       for each row when ((%s) is distinct from (%s)) execute function private.expire_issued_contexts()',
      (select string_agg(format('%I', c), ', ') from unnest(v_input.columns) as c),
      v_input.table_name,
      (select string_agg(format('old.%I', c), ', ') from unnest(v_input.columns) as c),
      (select string_agg(format('new.%I', c), ', ') from unnest(v_input.columns) as c));
  end loop;
end
$$;

-- The hook Supabase Auth calls before it signs a token (event: user_id, claims,
-- authentication_method; answer: the claims). The context goes in as `hpc_context` unless it
-- is long (a subject teacher of many sections): a token travels in every request's header,
-- and a context computed per request is correct too. Stable, so the version and the values
-- come from one snapshot.
create or replace function private.custom_access_token_hook(event jsonb)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_claims jsonb := coalesce(event -> 'claims', '{}') - 'hpc_context';
  v_values text[];
  v_school uuid;
  v_version bigint;
begin
  v_values := private.request_context_values(nullif(event ->> 'user_id', '')::uuid);
  if v_values is not null and length(array_to_json(v_values)::text) <= 2048 then
    v_school := v_values[2]::uuid;
    v_version := coalesce((select v.version from private.context_versions as v where v.institution_id = v_school), 0);
    v_claims := v_claims || jsonb_build_object(
      'hpc_context', jsonb_build_object('institution_id', v_school, 'version', v_version, 'values', to_jsonb(v_values)));
  end if;
  return jsonb_build_object('claims', v_claims);
end
$$;
comment on function private.custom_access_token_hook(jsonb) is
  'Supabase Auth''s custom access token hook: adds the caller''s request context (hpc_context) to the token.';
revoke all on function private.custom_access_token_hook(jsonb) from public, anon, authenticated;
grant usage on schema private to supabase_auth_admin;
grant execute on function private.custom_access_token_hook(jsonb) to supabase_auth_admin;
