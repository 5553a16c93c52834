-- Row level security, part 1: the request context every policy reads (docs/architecture.md §4.2,
-- docs/scale-out.md).
--
-- Who the caller is — their institution, BIG DAY role, HPC duties and the people, sections and
-- cycles those give them — is computed ONCE per request by private.set_request_context(), which
-- PostgREST runs before every request (its db-pre-request, configured at the end of this file;
-- the edge functions and the test helpers call it the same way after setting the claims). It
-- stores the answers as transaction-local settings `hpc.*`, and the policies compare columns
-- with them through the small readers below. So no policy reads a table, and the same policy
-- text runs on one node and on a Citus cluster, where a policy runs on the shards and may
-- neither hold a subquery nor query another distributed table.
--
-- The readers are `language sql`, invoker, without `set search_path` and with every name
-- qualified: that is what lets the planner inline them into the policy expression, so a
-- per-row check costs a settings lookup, not a function call. Sets are kept as array text and
-- tested with strpos on the uuid's text: a uuid's 36 characters hold no comma or brace, so a
-- match is always one whole element, at a microsecond a row (parsing the array every row costs
-- ten times that).
--
-- The context counts only for the claims it was computed from: code that switches claims
-- without computing it again gets no rights at all, never another user's (see the readers).
--
-- Vocabulary (docs/role-matrix.md):
--   whole-institution reader = coordinator, principal or institution admin;
--   institution admin       = staff duty institution_admin, or BIG DAY role 'admin';
--   teacher of a student     = active class_teacher / subject_teacher duty for a section the
--                              student is in, or BIG DAY's allocation (section_courses.teacher_id);
--   released cycle           = status locked or archived (evaluations final, moderated).
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- Computing the context ---------------------------------------------------------------------

-- What the caller's context holds, computed from the tables: one flat statement from the
-- caller's profile (`me`); each list is an index lookup, made only for the roles whose
-- policies ask for it (staff teach; students and parents have children, classes and their
-- teachers; students review peers). Null for a user without a profile. The values follow
-- private.set_request_context's names. Also what the access token hook puts in a token
-- (20250201000110).
create or replace function private.request_context_values(p_user uuid)
returns text[]
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_school uuid;
  v_values text[];
begin
  -- The caller's school first, by id alone (the one lookup that cannot name it), so that the
  -- statement below names the school in every table it reads: on Citus that keeps it on the
  -- school's one shard group, where the correlated lists it computes may be planned at all.
  if p_user is not null then
    select p.institution_id into v_school from public.user_profiles as p where p.id = p_user;
  end if;
  if v_school is not null then
    select array[
             me.id::text, me.institution_id::text,
             case when f.enabled then me.institution_id::text end,
             me.role, d.duties::text,
             (me.role = 'admin' or 'institution_admin' = any (d.duties))::text,
             ('principal' = any (d.duties))::text,
             (me.role = 'admin' or d.duties && array['coordinator', 'principal', 'institution_admin'])::text,
             (me.role = 'admin' or d.duties && array['principal', 'institution_admin'])::text,
             case when me.role <> 'student' and me.role <> 'parent' then (select coalesce(array_agg(distinct t.section_id), '{}')
              from (select sd.section_id from public.staff_duties as sd
                    where sd.institution_id = v_school and sd.user_id = me.id and sd.active
                      and sd.duty in ('class_teacher', 'subject_teacher') and sd.section_id is not null
                    union all
                    select sc.section_id from public.section_courses as sc
                    where sc.institution_id = v_school and sc.teacher_id = me.id) as t)::text end,
             case when me.role <> 'student' and me.role <> 'parent' then (select coalesce(array_agg(distinct s.student_id), '{}')
              from (select sd.section_id from public.staff_duties as sd
                    where sd.institution_id = v_school and sd.user_id = me.id and sd.active
                      and sd.duty in ('class_teacher', 'subject_teacher') and sd.section_id is not null
                    union
                    select sc.section_id from public.section_courses as sc
                    where sc.institution_id = v_school and sc.teacher_id = me.id) as t
              join public.section_students as s on s.institution_id = v_school and s.section_id = t.section_id)::text end,
             case when me.role = 'parent' then k.family::text end,
             case when me.role <> 'student' and me.role <> 'parent' then (select coalesce(array_agg(distinct g.guardian_id), '{}')
              from public.staff_duties as sd
              join public.section_students as s on s.institution_id = sd.institution_id and s.section_id = sd.section_id
              join public.student_guardians as g on g.institution_id = sd.institution_id and g.student_id = s.student_id
              where sd.institution_id = v_school and sd.user_id = me.id and sd.active
                and sd.duty in ('class_teacher', 'subject_teacher'))::text end,
             case when me.role in ('student', 'parent') then fs.section_ids::text end,
             case when me.role in ('student', 'parent') then (select coalesce(array_agg(distinct t.user_id), '{}')
              from unnest(fs.section_ids) as family_section (id)
              cross join lateral (
                select sd.user_id from public.staff_duties as sd
                where sd.institution_id = v_school and sd.section_id = family_section.id and sd.active
                  and sd.duty in ('class_teacher', 'subject_teacher')
                union
                select sc.teacher_id from public.section_courses as sc
                where sc.institution_id = v_school and sc.section_id = family_section.id and sc.teacher_id is not null
              ) as t)::text end,
             case when me.role = 'student' then (select coalesce(array_agg(distinct a.student_id), '{}') from public.hpc_parameter_assignments as a
              where a.institution_id = v_school and a.peer_reviewer_id = me.id and a.active)::text end,
             (select coalesce(array_agg(c.id), '{}') from public.hpc_evaluation_cycles as c
              where c.institution_id = v_school and c.status = 'open')::text,
             (select coalesce(array_agg(c.id), '{}') from public.hpc_evaluation_cycles as c
              where c.institution_id = v_school and c.status in ('locked', 'archived'))::text,
             d.coordinated_stages::text]
      into v_values
    from public.user_profiles as me
    left join public.institution_feature_flags as f
      on f.institution_id = v_school and f.feature = 'hpc' and f.enabled
    cross join lateral (
      select coalesce(array_agg(distinct sd.duty), '{}') as duties,
             -- '*': a coordinator of every stage (a duty that names none)
             coalesce(array_agg(distinct coalesce(sd.stage, '*')) filter (where sd.duty = 'coordinator'), '{}')
               as coordinated_stages
      from public.staff_duties as sd
      where sd.institution_id = v_school and sd.user_id = me.id and sd.active
    ) as d
    -- A parent's children.
    cross join lateral (
      select case when me.role = 'parent' then (select coalesce(array_agg(g.student_id), '{}') from public.student_guardians as g
                                                where g.institution_id = v_school and g.guardian_id = me.id)
             end as family
    ) as k
    -- The classes of the caller's family (themselves, or their children), found by student.
    -- The family is a row set here, not the array above: against an array the planner
    -- expects a school's average class roll and reads the caller's whole school instead
    -- (2 ms for a school of 10,550 pupils, twice per request).
    cross join lateral (
      select coalesce(array_agg(distinct s.section_id), '{}') as section_ids
      from public.section_students as s
      where me.role in ('student', 'parent') and s.institution_id = v_school
        and s.student_id in (select me.id where me.role = 'student'
                             union all
                             select g.student_id from public.student_guardians as g
                             where me.role = 'parent' and g.institution_id = v_school and g.guardian_id = me.id)
    ) as fs
    where me.institution_id = v_school and me.id = p_user;
  end if;
  return v_values;
end
$$;
comment on function private.request_context_values(uuid) is
  'The caller''s request context computed from the tables, in private.set_request_context''s order; null without a profile.';

-- PostgREST's pre-request. A token issued through the access token hook carries the context
-- computed at sign-in with the version of its school's inputs; while that version is still
-- the school's, the token's values are used as they are (one lookup by key instead of a
-- dozen: a parent's card request through PostgREST went from 1.26-1.30x to 1.08-1.10x
-- service_role, benchmarks/scale/FINDINGS.md). Any change to what a context rests on gives
-- the school a new version (20250201000110), so a token never grants what the tables no
-- longer do; it is then computed from the tables, as for a token without it.
--
-- On a Citus coordinator the values are set with SET LOCAL, which Citus passes on to the
-- workers a transaction uses (citus.propagate_set_commands = 'local'), the claims included,
-- so that auth.uid() answers there too; on one node set_config does the same without parsing
-- a statement per setting.
create or replace function private.set_request_context()
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_claims text := coalesce(current_setting('request.jwt.claims', true), '');
  v_user uuid := auth.uid();
  v_issued jsonb;
  v_names text[] := array[
    'user_id', 'institution_id', 'hpc_institution_id', 'role', 'duties', 'is_institution_admin', 'is_principal',
    'reads_whole_institution', 'reads_audit_log', 'taught_section_ids', 'taught_student_ids', 'child_ids',
    'taught_guardian_ids', 'family_section_ids', 'family_teacher_ids', 'peer_reviewee_ids', 'open_cycle_ids',
    'released_cycle_ids', 'coordinated_stages'];
  v_values text[];
  v_name text;
  v_value text;
  -- A setting read, not a catalog scan: this runs before every request.
  v_citus boolean := coalesce(current_setting('citus.propagate_set_commands', true) = 'local', false);
begin
  -- On Citus, before the first read: a request serves one school, so one connection per node
  -- is enough, and it lets the request write a reference table (institutions) after a read
  -- that fanned out (the caller's profile, found by id alone).
  if v_citus then
    perform set_config('citus.multi_shard_modify_mode', 'sequential', true);
  end if;
  if v_user is not null then
    v_issued := nullif(v_claims, '')::jsonb -> 'hpc_context';
    if v_issued -> 'values' ->> 0 = v_user::text then
      select array(select jsonb_array_elements_text(v_issued -> 'values')) into v_values
      where coalesce((select v.version from private.context_versions as v
                      where v.institution_id = (v_issued ->> 'institution_id')::uuid), 0)
            = (v_issued ->> 'version')::bigint;
    end if;
    if v_values is null then
      v_values := private.request_context_values(v_user);
    end if;
  end if;
  if v_citus then
    -- One statement per EXECUTE: Citus passes each SET LOCAL on to the workers as the whole
    -- string it came in, so a string of all of them went to each worker once per setting (on
    -- the lab 441 statements, 30-50 ms at the first query of every request).
    for v_name, v_value in select n, coalesce(v, '') from unnest(v_names, coalesce(v_values, array[]::text[])) as t (n, v) loop
      execute format('set local hpc.%s = %L', v_name, v_value);
    end loop;
    execute format('set local request.jwt.claims = %L', v_claims);
    execute format('set local hpc.context_claims = %L', v_claims);
  else
    perform set_config('hpc.' || n, coalesce(v, ''), true)
    from unnest(v_names, coalesce(v_values, array[]::text[])) as t (n, v);
    perform set_config('hpc.context_claims', v_claims, true);
  end if;
end
$$;
comment on function private.set_request_context() is
  'PostgREST''s db-pre-request: computes who the caller is once per request into the transaction-local hpc.* settings the policies read.';

-- For code that may run outside a request PostgREST prepared (the Storage API evaluating its
-- policies, a test session): computes the context when it is not the current claims' own.
create or replace function private.ensure_request_context()
returns boolean
language plpgsql
volatile
set search_path = ''
as $$
begin
  if not coalesce(private.request_context_is_current(), false) then
    perform private.set_request_context();
  end if;
  return true;
end
$$;
comment on function private.ensure_request_context() is
  'Computes the request context unless it is already the current claims'' own; returns true.';

-- Reading the context -----------------------------------------------------------------------

-- Each reader is one expression with no call to another function of ours: the planner
-- inlines a function by parsing its body, on every statement, so nesting would multiply that
-- cost.
--
-- The caller and their school: these check that the context was computed from the current
-- claims (private.request_context_is_current, spelled out). Every policy of a school's table
-- compares institution_id with one of the two school readers, or the row's person with
-- caller_id (supabase/tests/122-…), so a context left from other claims grants nothing; the
-- flags and sets below, read only beside that comparison, skip the check, which would cost
-- two settings lookups and a comparison of the claims text per row each.
create or replace function private.caller_id() returns uuid language sql stable
as $$ select case when pg_catalog.current_setting('hpc.context_claims', true) operator(pg_catalog.=) coalesce(pg_catalog.current_setting('request.jwt.claims', true), '')
  then nullif(pg_catalog.current_setting('hpc.user_id', true), '')::pg_catalog.uuid end $$;
create or replace function private.caller_institution_id() returns uuid language sql stable
as $$ select case when pg_catalog.current_setting('hpc.context_claims', true) operator(pg_catalog.=) coalesce(pg_catalog.current_setting('request.jwt.claims', true), '')
  then nullif(pg_catalog.current_setting('hpc.institution_id', true), '')::pg_catalog.uuid end $$;

-- The caller's institution if it has HPC on, else null. Every HPC policy compares
-- institution_id with it: it both scopes the tenant and honours the flag (switching the flag
-- off hides all HPC rows on the next request: the immediate rollback), and on one node lets
-- the planner prune hpc_evaluations to one partition at run time.
create or replace function private.hpc_institution_id() returns uuid language sql stable
as $$ select case when pg_catalog.current_setting('hpc.context_claims', true) operator(pg_catalog.=) coalesce(pg_catalog.current_setting('request.jwt.claims', true), '')
  then nullif(pg_catalog.current_setting('hpc.hpc_institution_id', true), '')::pg_catalog.uuid end $$;
create or replace function private.hpc_active() returns boolean language sql stable
as $$ select (case when pg_catalog.current_setting('hpc.context_claims', true) operator(pg_catalog.=) coalesce(pg_catalog.current_setting('request.jwt.claims', true), '')
  then nullif(pg_catalog.current_setting('hpc.hpc_institution_id', true), '')::pg_catalog.uuid end) is not null $$;

-- The caller's BIG DAY role (student, teacher, admin, staff, parent) and active HPC duties.
create or replace function private.current_role_name() returns text language sql stable
as $$ select nullif(pg_catalog.current_setting('hpc.role', true), '') $$;
create or replace function private.current_duties() returns text[] language sql stable
as $$ select coalesce(nullif(pg_catalog.current_setting('hpc.duties', true), '')::pg_catalog.text[], '{}') $$;
-- Does the caller hold one of these duties? (Parses the short duty list: for small tables.)
create or replace function private.has_duty_in(p_duties text[]) returns boolean language sql stable
as $$ select coalesce(nullif(pg_catalog.current_setting('hpc.duties', true), '')::pg_catalog.text[], '{}') operator(pg_catalog.&&) p_duties $$;

create or replace function private.is_institution_admin() returns boolean language sql stable
as $$ select pg_catalog.current_setting('hpc.is_institution_admin', true) operator(pg_catalog.=) 'true' $$;
create or replace function private.is_principal() returns boolean language sql stable
as $$ select pg_catalog.current_setting('hpc.is_principal', true) operator(pg_catalog.=) 'true' $$;
create or replace function private.reads_whole_institution() returns boolean language sql stable
as $$ select pg_catalog.current_setting('hpc.reads_whole_institution', true) operator(pg_catalog.=) 'true' $$;
-- Principal or institution admin: the audit log's readers.
create or replace function private.reads_audit_log() returns boolean language sql stable
as $$ select pg_catalog.current_setting('hpc.reads_audit_log', true) operator(pg_catalog.=) 'true' $$;

-- The caller's sets, as arrays (for functions) and as per-row tests (for policies).
-- Sections and students the caller teaches (duty or allocation); the guardians of the
-- students of their duty sections; a student's or parent's children, sections and those
-- sections' teachers; the classmates a student reviews; the school's open and released cycles.
create or replace function private.taught_section_ids() returns uuid[] language sql stable
as $$ select coalesce(nullif(pg_catalog.current_setting('hpc.taught_section_ids', true), '')::pg_catalog.uuid[], '{}') $$;
create or replace function private.taught_student_ids() returns uuid[] language sql stable
as $$ select coalesce(nullif(pg_catalog.current_setting('hpc.taught_student_ids', true), '')::pg_catalog.uuid[], '{}') $$;
create or replace function private.child_ids() returns uuid[] language sql stable
as $$ select coalesce(nullif(pg_catalog.current_setting('hpc.child_ids', true), '')::pg_catalog.uuid[], '{}') $$;
create or replace function private.taught_guardian_ids() returns uuid[] language sql stable
as $$ select coalesce(nullif(pg_catalog.current_setting('hpc.taught_guardian_ids', true), '')::pg_catalog.uuid[], '{}') $$;
create or replace function private.family_section_ids() returns uuid[] language sql stable
as $$ select coalesce(nullif(pg_catalog.current_setting('hpc.family_section_ids', true), '')::pg_catalog.uuid[], '{}') $$;
create or replace function private.family_teacher_ids() returns uuid[] language sql stable
as $$ select coalesce(nullif(pg_catalog.current_setting('hpc.family_teacher_ids', true), '')::pg_catalog.uuid[], '{}') $$;
create or replace function private.peer_reviewee_ids() returns uuid[] language sql stable
as $$ select coalesce(nullif(pg_catalog.current_setting('hpc.peer_reviewee_ids', true), '')::pg_catalog.uuid[], '{}') $$;
create or replace function private.open_cycle_ids() returns uuid[] language sql stable
as $$ select coalesce(nullif(pg_catalog.current_setting('hpc.open_cycle_ids', true), '')::pg_catalog.uuid[], '{}') $$;
create or replace function private.released_cycle_ids() returns uuid[] language sql stable
as $$ select coalesce(nullif(pg_catalog.current_setting('hpc.released_cycle_ids', true), '')::pg_catalog.uuid[], '{}') $$;

create or replace function private.teaches_section(p_section_id uuid) returns boolean language sql stable
as $$ select pg_catalog.strpos(pg_catalog.current_setting('hpc.taught_section_ids', true), p_section_id::pg_catalog.text) operator(pg_catalog.>) 0 $$;
create or replace function private.teaches_student(p_student_id uuid) returns boolean language sql stable
as $$ select pg_catalog.strpos(pg_catalog.current_setting('hpc.taught_student_ids', true), p_student_id::pg_catalog.text) operator(pg_catalog.>) 0 $$;
create or replace function private.is_child(p_student_id uuid) returns boolean language sql stable
as $$ select pg_catalog.strpos(pg_catalog.current_setting('hpc.child_ids', true), p_student_id::pg_catalog.text) operator(pg_catalog.>) 0 $$;
create or replace function private.is_taught_guardian(p_guardian_id uuid) returns boolean language sql stable
as $$ select pg_catalog.strpos(pg_catalog.current_setting('hpc.taught_guardian_ids', true), p_guardian_id::pg_catalog.text) operator(pg_catalog.>) 0 $$;
create or replace function private.is_family_section(p_section_id uuid) returns boolean language sql stable
as $$ select pg_catalog.strpos(pg_catalog.current_setting('hpc.family_section_ids', true), p_section_id::pg_catalog.text) operator(pg_catalog.>) 0 $$;
create or replace function private.is_family_teacher(p_teacher_id uuid) returns boolean language sql stable
as $$ select pg_catalog.strpos(pg_catalog.current_setting('hpc.family_teacher_ids', true), p_teacher_id::pg_catalog.text) operator(pg_catalog.>) 0 $$;
create or replace function private.is_peer_reviewee(p_student_id uuid) returns boolean language sql stable
as $$ select pg_catalog.strpos(pg_catalog.current_setting('hpc.peer_reviewee_ids', true), p_student_id::pg_catalog.text) operator(pg_catalog.>) 0 $$;
create or replace function private.is_open_cycle(p_cycle_id uuid) returns boolean language sql stable
as $$ select pg_catalog.strpos(pg_catalog.current_setting('hpc.open_cycle_ids', true), p_cycle_id::pg_catalog.text) operator(pg_catalog.>) 0 $$;
create or replace function private.is_released_cycle(p_cycle_id uuid) returns boolean language sql stable
as $$ select pg_catalog.strpos(pg_catalog.current_setting('hpc.released_cycle_ids', true), p_cycle_id::pg_catalog.text) operator(pg_catalog.>) 0 $$;

-- May the caller enter this rating? The cycle is open, and the rater role is the caller's own:
-- self for a student, parent of the child, a reviewer of the classmate, a teacher of the
-- student. Which parameters a teacher or peer is assigned lives in other rows, which a policy
-- may not read on Citus: the trigger rater_is_assigned (20250101000900) checks that part.
create or replace function private.may_rate(p_cycle_id uuid, p_student_id uuid, p_rater_role public.hpc_rater_role)
returns boolean language sql stable
as $$
  select pg_catalog.strpos(pg_catalog.current_setting('hpc.open_cycle_ids', true), p_cycle_id::pg_catalog.text) operator(pg_catalog.>) 0
     and (   (p_rater_role operator(pg_catalog.=) 'self'
              and p_student_id::pg_catalog.text operator(pg_catalog.=) pg_catalog.current_setting('hpc.user_id', true)
              and pg_catalog.current_setting('hpc.role', true) operator(pg_catalog.=) 'student')
          or (p_rater_role operator(pg_catalog.=) 'parent'
              and pg_catalog.strpos(pg_catalog.current_setting('hpc.child_ids', true), p_student_id::pg_catalog.text) operator(pg_catalog.>) 0)
          or (p_rater_role operator(pg_catalog.=) 'peer'
              and pg_catalog.strpos(pg_catalog.current_setting('hpc.peer_reviewee_ids', true), p_student_id::pg_catalog.text) operator(pg_catalog.>) 0)
          or (p_rater_role operator(pg_catalog.=) 'teacher'
              and pg_catalog.strpos(pg_catalog.current_setting('hpc.taught_student_ids', true), p_student_id::pg_catalog.text) operator(pg_catalog.>) 0))
$$;

-- Does the caller coordinate this stage (a coordinator duty of the stage, or of every stage)?
create or replace function private.coordinates_stage(p_stage text) returns boolean language sql stable
as $$ select coalesce(nullif(pg_catalog.current_setting('hpc.coordinated_stages', true), '')::pg_catalog.text[], '{}')
  operator(pg_catalog.&&) array['*', p_stage] $$;

-- May the caller see and write messages about this student?
create or replace function private.in_conversation_circle(p_student_id uuid) returns boolean language sql stable
as $$
  select p_student_id operator(pg_catalog.=) private.caller_id()
      or private.is_child(p_student_id)
      or private.teaches_student(p_student_id)
      or private.reads_whole_institution()
$$;

-- Every function of this file is the API roles' to call (policies run as the caller); none
-- is reachable through the API, as `private` is not an exposed schema. anon needs only the
-- pre-request function, which PostgREST runs for anon requests too.
do $$
declare
  v_fn regprocedure;
begin
  for v_fn in
    select p.oid from pg_catalog.pg_proc as p
    where p.pronamespace = 'private'::regnamespace
      and p.proname in (
        'set_request_context', 'ensure_request_context', 'request_context_is_current', 'caller_id', 'caller_institution_id', 'hpc_institution_id', 'hpc_active',
        'current_role_name', 'current_duties', 'has_duty_in', 'is_institution_admin', 'is_principal',
        'reads_whole_institution', 'reads_audit_log', 'taught_section_ids', 'taught_student_ids', 'child_ids',
        'taught_guardian_ids', 'family_section_ids', 'family_teacher_ids', 'peer_reviewee_ids', 'open_cycle_ids',
        'released_cycle_ids', 'teaches_section', 'teaches_student', 'is_child', 'is_taught_guardian',
        'is_family_section', 'is_family_teacher', 'is_peer_reviewee', 'is_open_cycle', 'is_released_cycle',
        'may_rate', 'coordinates_stage', 'in_conversation_circle')
  loop
    execute format('revoke all on function %s from public', v_fn);
    execute format('grant execute on function %s to authenticated, service_role', v_fn);
  end loop;
end
$$;
grant usage on schema private to anon;
grant execute on function private.set_request_context() to anon;
-- Anyone's context, from anyone's id: only the definer functions above and the access token
-- hook call it.
revoke all on function private.request_context_values(uuid) from public;

-- PostgREST runs the context function before each request (in-database configuration, as on a
-- hosted Supabase project; the NOTIFY makes a running PostgREST read it again).
alter role authenticator set pgrst.db_pre_request to 'private.set_request_context';
notify pgrst, 'reload config';

-- What the tables' own checks call runs as the writing user, so it must work for API roles
-- too: the evidence path check is part of two CHECK constraints (EXECUTE is checked at run
-- time).
grant execute on function private.evidence_paths_valid(text[], uuid, uuid) to authenticated, service_role;
