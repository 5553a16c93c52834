-- A token issued through the access token hook carries the caller's request context: it gives
-- exactly what the tables give, and it stops counting for its school as soon as anything the
-- context is computed from changes there.
begin;
\ir support/tests-schema.sql
select plan(29);

-- The claims Supabase Auth signs for a user with the hook enabled.
create function pg_temp.issued_claims(p_user uuid) returns jsonb language sql as $$
  select private.custom_access_token_hook(jsonb_build_object(
    'user_id', p_user, 'claims', tests.claims_of(p_user), 'authentication_method', 'password')) -> 'claims'
$$;
-- The context a request with these claims gets, as one text.
create function pg_temp.context_for(p_claims jsonb) returns text language plpgsql as $$
declare
  v_context text;
begin
  perform set_config('request.jwt.claims', p_claims::text, true);
  perform private.set_request_context();
  select string_agg(format('%s=%s', n, current_setting('hpc.' || n, true)), ' ' order by n) into v_context
  from unnest(array['user_id', 'institution_id', 'hpc_institution_id', 'role', 'duties', 'is_institution_admin',
    'is_principal', 'reads_whole_institution', 'reads_audit_log', 'taught_section_ids', 'taught_student_ids',
    'child_ids', 'taught_guardian_ids', 'family_section_ids', 'family_teacher_ids', 'peer_reviewee_ids',
    'open_cycle_ids', 'released_cycle_ids', 'coordinated_stages']) as n;
  perform set_config('request.jwt.claims', '', true);
  return v_context;
end
$$;
-- plpgsql, not sql: Citus plans no parameterised query on a distributed table inside a SQL
-- function.
create function pg_temp.version_of(p_school uuid) returns bigint language plpgsql as $$
begin
  return coalesce((select version from private.context_versions where institution_id = p_school), 0);
end
$$;

create temp table who as
select g.guardian_id as parent, g.student_id as child, g.institution_id as school,
       (select d.user_id from public.staff_duties d where d.institution_id = g.institution_id
          and d.duty = 'class_teacher' and d.active order by d.user_id limit 1) as teacher
from public.student_guardians as g
join public.institution_feature_flags as f on f.institution_id = g.institution_id and f.feature = 'hpc' and f.enabled
order by g.guardian_id, g.student_id
limit 1;
-- Everyone, as a local list: the functions below are called per person over it, which on a
-- Citus coordinator keeps them off the shards (a shard may not query other shards).
create temp table people as select p.id, p.role from public.user_profiles as p;
create temp table parent_token as select pg_temp.issued_claims((select parent from who)) as claims;

-- What the hook issues.
select ok((select claims ? 'hpc_context' from parent_token), 'a parent''s token carries their context');
select is((select claims -> 'hpc_context' ->> 'institution_id' from parent_token), (select school::text from who),
  'with their school');
select is((select (claims -> 'hpc_context' ->> 'version')::bigint from parent_token), pg_temp.version_of((select school from who)),
  'and the school''s current version');
select is((select claims - 'hpc_context' from parent_token), tests.claims_of((select parent from who)),
  'the other claims pass through unchanged');
select ok((select length(array_to_json(private.request_context_values(t.id))::text) > 2048
                  and not pg_temp.issued_claims(t.id) ? 'hpc_context'
           from people as t where t.role = 'teacher'
           order by length(array_to_json(private.request_context_values(t.id))::text) desc limit 1),
  'the longest context, a teacher''s of many students, stays out of the token (computed per request instead)');
select is(private.custom_access_token_hook(jsonb_build_object(
            'user_id', '00000000-0000-4000-a000-ffffffffffff',
            'claims', jsonb_build_object('sub', '00000000-0000-4000-a000-ffffffffffff', 'role', 'authenticated'))),
  '{"claims": {"sub": "00000000-0000-4000-a000-ffffffffffff", "role": "authenticated"}}'::jsonb,
  'a user without a profile gets their claims back as they were');

-- What it gives: exactly the tables' answer, for every user of the demo data.
select is(
  (select count(*) from people as p
   where pg_temp.context_for(pg_temp.issued_claims(p.id)) is distinct from pg_temp.context_for(tests.claims_of(p.id))),
  0::bigint, 'every user''s context from their token equals the one computed from the tables');
select is(pg_temp.context_for((select claims from parent_token)), pg_temp.context_for(tests.claims_of((select parent from who))),
  'the parent''s, for one');

-- A token's values count only for the user named by its subject.
select is(
  pg_temp.context_for(jsonb_set(tests.claims_of((select teacher from who)), '{hpc_context}',
                                (select claims -> 'hpc_context' from parent_token))),
  pg_temp.context_for(tests.claims_of((select teacher from who))),
  'another user''s context pasted into a token is ignored (computed for the subject)');
select is(
  pg_temp.context_for(jsonb_set((select claims from parent_token), '{hpc_context,version}', '-1')),
  pg_temp.context_for(tests.claims_of((select parent from who))),
  'a version that is not the school''s is ignored');

-- Any change to an input gives the school a new version, and the old token then gets the
-- tables' answer.
select pg_temp.version_of((select school from who)) as before \gset
create temp table removed as
select * from public.student_guardians
where guardian_id = (select parent from who) and student_id = (select child from who);
delete from public.student_guardians
where guardian_id = (select parent from who) and student_id = (select child from who);
select ok(pg_temp.version_of((select school from who)) > :before, 'removing a guardian link gives the school a new version');
select pg_temp.version_of((select school from who)) as after_first_change \gset
select ok(pg_temp.context_for((select claims from parent_token)) !~ (select child::text from who),
  'the parent''s old token no longer reaches the child');
select is(pg_temp.context_for((select claims from parent_token)), pg_temp.context_for(tests.claims_of((select parent from who))),
  'it gets what the tables give now');
update public.student_guardians set guardian_id = guardian_id where institution_id = (select school from who);
insert into public.student_guardians select * from removed;
select is(pg_temp.version_of((select school from who)), :after_first_change::bigint,
  'once per transaction, however many rows change');
select ok(pg_temp.context_for(pg_temp.issued_claims((select parent from who))) ~ (select child::text from who),
  'a token issued after the change carries it');

-- A database restored to before those changes (the school's row gone) never hands out a
-- version a token was issued with.
-- The once-per-transaction mark is forgotten with SET LOCAL, which Citus passes on to the
-- workers where the triggers set it (set_config would clear only the coordinator's).
delete from private.context_versions where institution_id = (select school from who);
do $$ begin
  execute format('set local hpc.contexts_expired_%s = %L', replace((select school::text from who), '-', ''), '');
end $$;
update public.staff_duties set active = not active where user_id = (select teacher from who);
select ok(pg_temp.version_of((select school from who)) > :after_first_change, 'versions only grow, across a restore too');

-- Each input, in a transaction of its own (a savepoint undoes the change and its mark).
create function pg_temp.expires(p_change text) returns boolean language plpgsql as $$
declare
  v_school uuid := (select school from who);
  v_mark text := 'hpc.contexts_expired_' || replace(v_school::text, '-', '');
  v_before bigint;
  v_after bigint;
begin
  execute format('set local %s = %L', v_mark, '');
  v_before := pg_temp.version_of(v_school);
  begin
    execute p_change;
    v_after := pg_temp.version_of(v_school);
    raise exception 'undo' using errcode = 'P0001';
  exception when sqlstate 'P0001' then
    null;
  end;
  return v_after > v_before;
end
$$;
select ok(pg_temp.expires(format(
  'update public.user_profiles set role = %L where id = %L', 'staff', (select teacher from who))),
  'a profile''s role');
select ok(not pg_temp.expires(format(
  'update public.user_profiles set full_name = full_name || %L where id = %L', ' (updated)', (select teacher from who))),
  'but not a profile''s name');
select ok(not pg_temp.expires(format(
  'update public.user_profiles set role = role where id = %L', (select teacher from who))),
  'nor a role set to what it was');
select ok(pg_temp.expires(format(
  'update public.institution_feature_flags set enabled = false where institution_id = %L and feature = %L',
  (select school from who), 'hpc')), 'the HPC flag');
select ok(pg_temp.expires(format(
  'update public.staff_duties set active = not active where institution_id = %L and user_id = %L',
  (select school from who), (select teacher from who))), 'a duty');
select ok(pg_temp.expires(format(
  'update public.section_courses set teacher_id = null where institution_id = %L and teacher_id is not null',
  (select school from who))), 'a subject allocation');
select ok(pg_temp.expires(format(
  'delete from public.section_students where institution_id = %L and student_id = %L',
  (select school from who), (select child from who))), 'an enrolment');
select ok(pg_temp.expires(format(
  'update public.hpc_parameter_assignments set active = false where institution_id = %L',
  (select school from who))), 'a parameter assignment (peer reviews)');
select ok(pg_temp.expires(format(
  'update public.hpc_evaluation_cycles set status = %L where institution_id = %L and status = %L',
  'closed', (select school from who), 'open')), 'a cycle''s status');
select ok(not pg_temp.expires(format(
  'update public.hpc_evaluations set observation = %L where institution_id = %L and cycle_id = any (%L)',
  'seen in class', (select school from who), (select array_agg(id) from public.hpc_evaluation_cycles
                                               where institution_id = (select school from who) and status = 'open'))),
  'a rating is not an input');

-- The versions are the definer functions' to read: no API role reads or changes them.
select ok(not has_table_privilege('authenticated', 'private.context_versions', 'select, insert, update, delete')
          and not has_table_privilege('anon', 'private.context_versions', 'select, insert, update, delete'),
  'no API role reads or writes the context versions');

-- Only Supabase Auth calls the hook.
select ok(has_function_privilege('supabase_auth_admin', 'private.custom_access_token_hook(jsonb)', 'execute')
          and not has_function_privilege('authenticated', 'private.custom_access_token_hook(jsonb)', 'execute')
          and not has_function_privilege('anon', 'private.custom_access_token_hook(jsonb)', 'execute'),
  'the hook is Supabase Auth''s to call, not the API roles''');
select ok(not has_function_privilege('authenticated', 'private.request_context_values(uuid)', 'execute')
          and not has_function_privilege('anon', 'private.request_context_values(uuid)', 'execute'),
  'nor can an API role compute anyone''s context');

select * from finish();
rollback;
