-- What the school holds about a child, and its erasure: the institution admin exports one
-- child's record and erases it on request (a dry run first); the retention job erases every
-- child past the school's period. Nothing of another child or school is touched, nothing of
-- the child is left anywhere but BIG DAY's own records and one audit entry without personal
-- data: only a backup taken before brings it back.
begin;
\ir support/tests-schema.sql
select plan(37);

-- Sunrise (institution 2): Vikram Rao (16) is its institution admin, Harpreet Kaur (11) the
-- principal, Priya Menon (13) a teacher, Ishaan Verma (14) a student, Neha Verma (15) his
-- mother. Rajesh Kumar (1) is Vidya Niketan's admin.
create temporary table t_ctx on commit drop as
select '10000000-0000-4000-8000-000000000002'::uuid as inst,
       '00000000-0000-4000-a000-000000000016'::uuid as admin,
       '00000000-0000-4000-a000-000000000014'::uuid as child;
grant select on t_ctx to authenticated, anon;
-- The ids of the child's HPC rows before anything is erased.
create temporary table t_child_rows on commit drop as
select r.row_id from t_ctx as x, private.hpc_student_rows(x.inst, array[x.child]) as r;

-- Calls an API function as a user (null: anon); its jsonb answer, or {code} of its error.
create function pg_temp.call(p_user uuid, p_sql text) returns jsonb language plpgsql as $$
declare
  v jsonb;
begin
  if p_user is null then
    perform tests.authenticate_as_anon();
  else
    perform tests.authenticate_as(p_user);
  end if;
  execute p_sql into v;
  perform tests.clear_authentication();
  return v;
exception when others then
  return jsonb_build_object('code', tests.api_error(sqlstate, sqlerrm) ->> 'code');
end $$;
-- Rows of the child in each HPC table, counted directly.
create function pg_temp.child_rows() returns jsonb language sql as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'hpc_evaluations', nullif((select count(*) from public.hpc_evaluations as e, t_ctx as x
                               where e.student_id = x.child or e.rater_id = x.child), 0),
    'hpc_reflections', nullif((select count(*) from public.hpc_reflections as r, t_ctx as x
                               where r.student_id = x.child or r.author_id = x.child), 0),
    'hpc_conversations', nullif((select count(*) from public.hpc_conversations as c, t_ctx as x
                                 where c.student_id = x.child or c.author_id = x.child), 0),
    'hpc_achievements', nullif((select count(*) from public.hpc_achievements as a, t_ctx as x where a.student_id = x.child), 0),
    'report_narratives', nullif((select count(*) from public.report_narratives as n, t_ctx as x where n.student_id = x.child), 0),
    'hpc_reports', nullif((select count(*) from public.hpc_reports as r, t_ctx as x where r.student_id = x.child), 0),
    'hpc_approval_workflows', nullif((select count(*) from public.hpc_approval_workflows as w, public.hpc_reports as r, t_ctx as x
                                      where w.institution_id = r.institution_id and w.report_id = r.id
                                        and r.student_id = x.child), 0),
    'hpc_parameter_assignments', nullif((select count(*) from public.hpc_parameter_assignments as a, t_ctx as x
                                         where x.child in (a.student_id, a.peer_reviewer_id)), 0)))
$$;
-- A fingerprint of every HPC row and audit entry that is not about the child.
create function pg_temp.others() returns text language sql as $$
  select md5(string_agg(t, '' order by t)) from (
    select e::text as t from public.hpc_evaluations as e, t_ctx as x where x.child not in (e.student_id, e.rater_id)
    union all select r::text from public.hpc_reflections as r, t_ctx as x where x.child not in (r.student_id, r.author_id)
    union all select r::text from public.hpc_reports as r, t_ctx as x where r.student_id <> x.child
    union all select a::text from public.hpc_achievements as a, t_ctx as x where a.student_id <> x.child
    union all select c::text from public.hpc_conversations as c, t_ctx as x where x.child not in (c.student_id, c.author_id)
    union all select n::text from public.report_narratives as n, t_ctx as x where n.student_id <> x.child
    union all select a::text from public.audit_events as a, t_ctx as x
      where a.occurred_at < now()
        and not (a.record_key::text || coalesce(a.old_values::text, '') || coalesce(a.new_values::text, '')) like '%' || x.child || '%'
        and not (a.record_key ->> 'id')::uuid in (select row_id from t_child_rows)
  ) as all_rows
$$;
-- The tables (outside BIG DAY's own records) in which the child's id still appears.
create function pg_temp.tables_naming_child() returns text[] language plpgsql as $$
declare
  v_table record;
  v_found text[] := '{}';
  v_hit boolean;
begin
  for v_table in
    select c.oid::regclass as rel
    from pg_class as c join pg_namespace as n on n.oid = c.relnamespace
    where n.nspname in ('public', 'private', 'storage', 'partitions') and c.relkind in ('r', 'm') and not c.relispartition
      and c.oid::regclass::text not in ('user_profiles', 'section_students', 'student_guardians', 'audit_logs', 'audit_events')
  loop
    execute format('select exists (select 1 from %s as t where t::text like %L)', v_table.rel,
                   '%' || (select child from t_ctx) || '%') into v_hit;
    if v_hit then
      v_found := v_found || v_table.rel::text;
    end if;
  end loop;
  -- The audit log: only entries of BIG DAY's own records (the profile, enrolment, guardian links) may name the child.
  if exists (select 1 from public.audit_events as a, t_ctx as x
             where a.table_name not in ('user_profiles', 'section_students', 'student_guardians')
               and (a.record_key::text || coalesce(a.old_values::text, '') || coalesce(a.new_values::text, '')) like '%' || x.child || '%') then
    v_found := v_found || 'audit_events'::text;
  end if;
  return v_found;
end $$;

create temporary table t_before on commit drop as
select pg_temp.child_rows() as child_rows, pg_temp.others() as others,
       (select count(*) from public.hpc_evaluations as e, t_ctx as x where e.institution_id <> x.inst) as other_schools_ratings;

select cmp_ok((select count(*) from jsonb_object_keys((select child_rows from t_before))), '>=', 6::bigint,
  'the demo child has HPC rows in at least six tables');

-- Export ----------------------------------------------------------------------------------
create temporary table t_record on commit drop as
select pg_temp.call((select admin from t_ctx), $$select public.hpc_student_record((select child from t_ctx))$$) as r;
select is((select r -> 'student' ->> 'name' from t_record), 'Ishaan Verma', 'the admin''s export names the child');
select is((select jsonb_object_agg(key, jsonb_array_length(value)) from t_record, jsonb_each(r -> 'tables')),
  (select child_rows from t_before), 'it holds every HPC row of the child, table by table');
select is((select jsonb_array_length(r -> 'audit_events') from t_record),
  (select count(*)::int from public.audit_events as a, t_ctx as x
   where (a.record_key::text || coalesce(a.old_values::text, '') || coalesce(a.new_values::text, '')) like '%' || x.child || '%'
      or a.record_key ->> 'id' in (select row ->> 'id' from t_record, jsonb_each(r -> 'tables') as t, jsonb_array_elements(t.value) as row)),
  'it holds every audit entry that names the child or one of the child''s rows');
select is((select r -> 'contents' from t_record),
  (select jsonb_agg(jsonb_build_object('part', k, 'rows', n) order by k) from (
     select key as k, jsonb_array_length(value) as n from t_record, jsonb_each(r -> 'tables')
     union all select 'audit_events', jsonb_array_length(r -> 'audit_events') from t_record) as parts),
  'it lists what it contains');
select is(pg_temp.call('00000000-0000-4000-a000-000000000011', $$select public.hpc_student_record((select child from t_ctx))$$),
  '{"code": "HP403"}', 'the principal (BIG DAY role admin, without the institution admin duty) may not export');
select is(pg_temp.call('00000000-0000-4000-a000-000000000013', $$select public.hpc_student_record((select child from t_ctx))$$),
  '{"code": "HP403"}', 'a teacher may not export');
select is(pg_temp.call('00000000-0000-4000-a000-000000000015', $$select public.hpc_student_record((select child from t_ctx))$$),
  '{"code": "HP403"}', 'a parent may not export');
select is(pg_temp.call('00000000-0000-4000-a000-000000000014', $$select public.hpc_student_record((select child from t_ctx))$$),
  '{"code": "HP403"}', 'the child may not export');
select is(pg_temp.call('00000000-0000-4000-a000-000000000001', $$select public.hpc_student_record((select child from t_ctx))$$),
  '{"code": "HP404"}', 'another school''s admin does not find the child');
select is(pg_temp.call((select admin from t_ctx), $$select public.hpc_student_record('00000000-0000-4000-a000-000000000013')$$),
  '{"code": "HP404"}', 'a teacher is not a student to export');
select is(pg_temp.call(null, $$select public.hpc_student_record((select child from t_ctx))$$),
  '{"code": "42501"}', 'anon may not call it');

-- Erasure on request: a dry run, then the erasure ------------------------------------------
select is(pg_temp.call((select admin from t_ctx), $$select public.hpc_erase_student((select child from t_ctx))$$) -> 'rows',
  (select child_rows from t_before), 'a dry run (the default) lists the rows that would go');
select is(pg_temp.child_rows(), (select child_rows from t_before), 'a dry run changes nothing');
select is(pg_temp.call('00000000-0000-4000-a000-000000000011', $$select public.hpc_erase_student((select child from t_ctx), false)$$),
  '{"code": "HP403"}', 'the principal may not erase');
select is(pg_temp.call('00000000-0000-4000-a000-000000000015', $$select public.hpc_erase_student((select child from t_ctx), false)$$),
  '{"code": "HP403"}', 'a parent may not erase');
select is(pg_temp.call('00000000-0000-4000-a000-000000000001', $$select public.hpc_erase_student((select child from t_ctx), false)$$),
  '{"code": "HP404"}', 'another school''s admin does not find the child to erase');
select is(pg_temp.child_rows(), (select child_rows from t_before), 'refused erasures change nothing');

create temporary table t_erased on commit drop as
select pg_temp.call((select admin from t_ctx), $$select public.hpc_erase_student((select child from t_ctx), false)$$) as r;
select is((select r - 'kept' - 'evidence_files' - 'audit_events' from t_erased),
  jsonb_build_object('student_id', (select child from t_ctx), 'reason', 'request', 'dry_run', false, 'rows', (select child_rows from t_before)),
  'the admin erases the child''s data on request');
select is(pg_temp.child_rows(), '{}'::jsonb, 'no HPC row of the child is left');
select is(pg_temp.tables_naming_child(), '{}'::text[],
  'the child''s id is in no table but BIG DAY''s own records (no copy, no archive, no audit entry of HPC data)');
select is(pg_temp.others(), (select others from t_before), 'no row of another child or school was touched');
select isnt((select count(*) from public.user_profiles as u, t_ctx as x where u.id = x.child), 0::bigint,
  'the child''s BIG DAY profile stays');
select results_eq($$select a.table_schema, a.table_name, a.operation::text, a.new_values - 'rows' - 'audit_events',
                           a.record_key ->> 'subject', a.actor_id
                    from public.audit_events as a, t_ctx as x
                    where a.table_name = 'hpc_erasure'
                      and a.record_key ->> 'subject' = encode(sha256(convert_to(x.inst::text || ':' || x.child::text, 'UTF8')), 'hex')$$,
  $$select 'private'::text, 'hpc_erasure'::text, 'DELETE'::text, '{"reason": "request", "evidence_files": 0}'::jsonb,
           encode(sha256(convert_to(x.inst::text || ':' || x.child::text, 'UTF8')), 'hex'), x.admin from t_ctx as x$$,
  'one audit entry records the erasure: who, why, how much, and a one-way hash of the child instead of the child');
-- Found by its subject, not by txid_current(), which on Citus differs between the nodes.
select is((select a.new_values -> 'rows' from public.audit_events as a, t_ctx as x
           where a.table_name = 'hpc_erasure'
             and a.record_key ->> 'subject' = encode(sha256(convert_to(x.inst::text || ':' || x.child::text, 'UTF8')), 'hex')),
  (select child_rows from t_before), 'the entry counts the rows that went, per table');
select is(pg_temp.call((select admin from t_ctx), $$select public.hpc_erase_student((select child from t_ctx))$$) -> 'rows',
  '{}'::jsonb, 'a second dry run finds nothing left to erase');

-- Guards that only the erasure passes ----------------------------------------------------------
select throws_ok($$delete from public.audit_events where table_name = 'hpc_erasure'$$, '42501',
  'audit_events is append-only: DELETE refused', 'the audit log stays append-only outside an erasure');
select throws_ok($$delete from public.hpc_reports where status = 'published' and institution_id = (select inst from t_ctx)$$, '55000',
  'hpc_reports: a published report cannot be deleted', 'published cards stay undeletable outside an erasure');

-- Retention: the school's period and the daily job -----------------------------------------------
select is(pg_temp.call((select admin from t_ctx), $$select public.hpc_set_retention_period(31)$$),
  '{"code": "HP400"}', 'a period of more than 30 years is refused');
select is(pg_temp.call('00000000-0000-4000-a000-000000000011', $$select public.hpc_set_retention_period(3)$$),
  '{"code": "HP403"}', 'the principal may not set the period');
select is(pg_temp.call((select admin from t_ctx), $$select public.hpc_set_retention_period(3)$$),
  '{"past_retention": [], "years_after_leaving": 3}'::jsonb, 'the admin sets 3 years; no child is past it today');
create temporary table t_left on commit drop as
select l.student_id, l.left_on from t_ctx as x, private.hpc_students_left_on(x.inst) as l;
select is((select count(*) from t_left where left_on is null), 0::bigint, 'every child with HPC data has a known leaving date');
select is((select count(*) from t_ctx as x, t_left as l,
                  private.hpc_students_past_retention(x.inst, (l.left_on + interval '3 years')::date) as p
           where l.student_id = (select student_id from t_left order by student_id limit 1) and p.student_id = l.student_id),
  0::bigint, 'a child is not past retention on the last day of the period');
select is((select count(*) from t_ctx as x, t_left as l,
                  private.hpc_students_past_retention(x.inst, (l.left_on + interval '3 years 1 day')::date) as p
           where l.student_id = (select student_id from t_left order by student_id limit 1) and p.student_id = l.student_id),
  1::bigint, 'and is the day after');
select is(private.hpc_erase_past_retention((select max(left_on) + interval '3 years 1 day' from t_left)::date),
  (select count(*)::int from t_left), 'the daily job erases every child past the period');
select is((select count(*) from public.hpc_evaluations as e, t_ctx as x where e.institution_id = x.inst), 0::bigint,
  'no rating of the school is left');
select is((select count(*) from public.hpc_evaluations as e, t_ctx as x where e.institution_id <> x.inst),
  (select other_schools_ratings from t_before), 'schools without a period keep everything');

select * from finish();
rollback;
