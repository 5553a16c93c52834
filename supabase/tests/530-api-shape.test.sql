-- The API functions as the generated types and PostgREST see them: typed results (composite
-- types and enums, not json and text) and refusals with the HTTP status of our code.
begin;
\ir support/tests-schema.sql
select plan(13);

select is(pg_catalog.format_type(p.prorettype, null), t.want, 'public.' || p.proname || ' returns ' || t.want)
from (values ('hpc_generate_report', 'hpc_generated_report'), ('hpc_transition_report', 'hpc_report_transition'),
             ('hpc_batch_start', 'hpc_batch_progress'), ('hpc_batch_run', 'hpc_batch_progress')) as t (fn, want)
join pg_catalog.pg_proc as p on p.proname = t.fn and p.pronamespace = 'public'::regnamespace
order by t.fn;

select is(
  (select array_agg(a.attname::text || ':' || pg_catalog.format_type(a.atttypid, null) order by a.attnum)
   from pg_catalog.pg_attribute as a where a.attrelid = 'public.hpc_report_transition'::regclass and a.attname in ('status', 'action')),
  array['status:hpc_report_status', 'action:hpc_report_action'], 'a transition''s status and action are enums');
select is(
  (select array_agg(p.name || ':' || pg_catalog.format_type(p.type, null) order by p.name)
   from pg_catalog.pg_proc as f,
        unnest(f.proargnames, f.proallargtypes, f.proargmodes) as p (name, type, mode)
   where f.oid = 'public.hpc_reports_awaiting_me(bigint)'::regprocedure and p.mode = 't' and p.name in ('status', 'action')),
  array['action:hpc_awaited_move', 'status:hpc_report_status'], 'hpc_reports_awaiting_me returns status and action as enums');
select is(
  (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_catalog.pg_enum as e
   where e.enumtypid = 'public.hpc_report_status'::regtype),
  (select array['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'published']),
  'the report status enum has exactly the six workflow statuses');

-- Refusals: SQLSTATE PGRST, our code in the body, the status in the detail.
create function pg_temp.refusal(p_user uuid, p_sql text) returns jsonb language plpgsql as $$
declare
  v_message text;
  v_detail text;
begin
  perform tests.authenticate_as(p_user);
  execute p_sql;
  perform tests.clear_authentication();
  return null;
exception when sqlstate 'PGRST' then
  get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail;
  return jsonb_build_object('code', tests.api_error(sqlstate, v_message) ->> 'code', 'status', (v_detail::jsonb ->> 'status')::int);
end $$;
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000006',
  $$select public.hpc_generate_report(md5('cycle:1:1')::uuid, '00000000-0000-4000-a000-000000000003')$$),
  '{"code": "HP403", "status": 403}'::jsonb, 'a parent generating a card: HP403, HTTP 403');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000002',
  $$select public.hpc_generate_report(md5('cycle:1:1')::uuid, gen_random_uuid())$$),
  '{"code": "HP404", "status": 404}'::jsonb, 'an unknown student: HP404, HTTP 404');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000004',
  $$select public.hpc_transition_report(md5('report:1:00000000-0000-4000-a000-000000000003')::uuid, 'approve', 999)$$),
  '{"code": "HP409", "status": 409}'::jsonb, 'a stale expected_version: HP409, HTTP 409');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000022',
  $$select public.hpc_set_cycle_status(md5('cycle:3:1')::uuid, 'open')$$),
  '{"code": "HPOFF", "status": 403}'::jsonb, 'HPC off: HPOFF, HTTP 403');

-- The superseded version as a computed relationship (PostgREST 12.0.2 does not offer the
-- composite self-reference hpc_reports_supersedes_fkey).
select is(
  (select p.version from public.hpc_reports as r cross join lateral public.previous_version(r) as p
   where r.student_id = '00000000-0000-4000-a000-000000000009' and r.version = 2),
  1::bigint, 'previous_version(hpc_reports) gives the version a reopen superseded');
-- Its overload for Citus shards reads only a shard of hpc_reports: on one node, or given a
-- row that is not a shard's, it gives nothing.
select is(
  (select count(*)::int from public.hpc_reports as r cross join lateral public.previous_version(row(r.*)) as p
   where r.student_id = '00000000-0000-4000-a000-000000000009' and r.version = 2),
  0, 'previous_version(record) reads nothing but a shard of hpc_reports');

select * from finish();
rollback;
