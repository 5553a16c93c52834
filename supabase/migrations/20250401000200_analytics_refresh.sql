-- Analytics, part 2: refresh on a schedule and right after a cycle closes, every refresh
-- logged, and hpc_analytics snapshots written from the views (level counts summed over
-- the parameters of a section, so two refreshes of the same data agree).
--
-- * analytics.refresh_schedules: one row per materialized view, its cron schedule and an
--   on/off switch. A trigger keeps pg_cron's jobs (named analytics-refresh-<view>) in step
--   with the table: change a row, and the job changes.
-- * Closing a cycle (hpc_evaluation_cycles.status → closed) enqueues a row in
--   analytics.refresh_requests; the job analytics-refresh-requests (every minute) refreshes
--   every view and writes that cycle's hpc_analytics snapshots, so the dashboards show a
--   closed cycle within a minute.
-- * analytics.refresh(): `refresh materialized view concurrently` (plain refresh the first
--   time, when a view is not populated yet), one advisory lock per view so two runs never
--   queue on each other, a row in analytics.refresh_log per view: when, how long, how many
--   rows, how it was triggered, and the error if it failed. Security definer, owned by
--   postgres (the views' owner): pg_cron runs it as postgres.
-- * pg_cron is created by 20250101000800_audit_events; without it sync_schedules() fails
--   rather than leave the views silently unrefreshed.
set local lock_timeout = '50ms';
set local statement_timeout = '120s';

create table analytics.refresh_schedules (
  view_name text not null,
  schedule text not null,
  enabled boolean not null default true,
  note text,
  updated_at timestamptz not null default now(),
  constraint refresh_schedules_pkey primary key (view_name),
  constraint refresh_schedules_view_name_check
    check (view_name in ('level_distribution', 'student_progress', 'completion', 'institution_overview')),
  -- five cron fields (pg_cron 1.4 has minute granularity), or @hourly-style names
  constraint refresh_schedules_schedule_format
    check (schedule ~ '^(@(yearly|annually|monthly|weekly|daily|hourly)|(\S+\s+){4}\S+)$')
);
comment on table analytics.refresh_schedules is
  'How often each analytics view is refreshed (cron syntax, UTC). Edit a row and its pg_cron job analytics-refresh-<view_name> follows.';

insert into analytics.refresh_schedules (view_name, schedule, note) values
  ('completion', '*/5 * * * *', 'coordinators chase missing ratings while a cycle is open'),
  ('institution_overview', '*/10 * * * *', 'principal dashboard'),
  ('level_distribution', '*/15 * * * *', 'section and parameter distributions'),
  ('student_progress', '17 * * * *', 'progress across cycles changes slowly; hourly');

create table analytics.refresh_requests (
  id bigint generated always as identity,
  institution_id uuid not null,
  cycle_id uuid not null,
  reason text not null default 'cycle_closed'
    constraint refresh_requests_reason_check check (reason in ('cycle_closed', 'manual')),
  requested_at timestamptz not null default now(),
  processed_at timestamptz,
  -- Keyed by school: written by a trigger on hpc_evaluation_cycles, so on Citus it is a
  -- tenant table like the cycles (a shard's trigger writes its own school's rows only).
  constraint refresh_requests_pkey primary key (institution_id, id)
);
comment on table analytics.refresh_requests is
  'Refreshes asked for outside the schedule (a cycle closed); processed by the every-minute job analytics-refresh-requests.';
create index refresh_requests_pending_idx on analytics.refresh_requests (requested_at) where processed_at is null;

create table analytics.refresh_log (
  id bigint generated always as identity,
  view_name text not null,
  started_at timestamptz not null,
  finished_at timestamptz not null,
  duration_ms numeric(12, 1) not null,
  row_count bigint,
  mode text not null
    constraint refresh_log_mode_check check (mode in ('concurrently', 'full', 'skipped', 'failed')),
  triggered_by text not null
    constraint refresh_log_triggered_by_check check (triggered_by in ('schedule', 'cycle_closed', 'manual')),
  error text,
  constraint refresh_log_pkey primary key (id)
);
comment on table analytics.refresh_log is
  'One row per view per refresh: when, how long, rows after, mode (concurrently, full = first population, skipped = another refresh held the lock, failed), trigger.';
create index refresh_log_view_idx on analytics.refresh_log (view_name, started_at);

revoke all on analytics.refresh_schedules, analytics.refresh_requests, analytics.refresh_log
  from public, anon, authenticated;
grant select on analytics.refresh_schedules, analytics.refresh_requests, analytics.refresh_log to service_role;

-- Refresh one view (p_view) or all four. Returns the log rows it wrote.
-- The views' aggregations hash ~10 M rows into up to 4.7 M groups on the scale benchmark's
-- large preset: with the server's work_mem (16 MB) they spill to disk, so the refresh gets
-- 512 MB (benchmarks/scale/FINDINGS.md). One refresh runs at a time (advisory lock per view,
-- jobs run one view each), so the memory is bounded. JIT compilation of the diff queries
-- costs more than it saves here.
create or replace function analytics.refresh(p_view text default null, p_triggered_by text default 'manual')
returns setof analytics.refresh_log
language plpgsql
security definer
set search_path = ''
set work_mem = '512MB'
set jit = off
as $$
declare
  v_view text;
  v_started timestamptz;
  v_populated boolean;
  v_rows bigint;
  v_mode text;
  v_error text;
  v_log analytics.refresh_log;
begin
  if p_view is not null and p_view not in ('level_distribution', 'student_progress', 'completion', 'institution_overview') then
    raise exception 'analytics.refresh: unknown view %', p_view using errcode = '22023';
  end if;
  foreach v_view in array array['level_distribution', 'student_progress', 'completion', 'institution_overview'] loop
    continue when p_view is not null and v_view <> p_view;
    v_started := clock_timestamp();
    v_rows := null;
    v_error := null;
    -- Another session refreshing this view: skip rather than queue behind it.
    if not pg_catalog.pg_try_advisory_xact_lock(pg_catalog.hashtext('analytics.refresh'), pg_catalog.hashtext(v_view)) then
      v_mode := 'skipped';
    else
      select c.relispopulated into v_populated
      from pg_catalog.pg_class as c
      where c.oid = pg_catalog.to_regclass('analytics.' || v_view);
      v_mode := case when v_populated then 'concurrently' else 'full' end;
      begin
        if v_populated then
          execute format('refresh materialized view concurrently analytics.%I', v_view);
        else
          execute format('refresh materialized view analytics.%I', v_view);
        end if;
        execute format('select count(*) from analytics.%I', v_view) into v_rows;
      exception when others then
        v_mode := 'failed';
        v_error := sqlstate || ': ' || sqlerrm;
      end;
    end if;
    insert into analytics.refresh_log (view_name, started_at, finished_at, duration_ms, row_count, mode, triggered_by, error)
    values (v_view, v_started, clock_timestamp(),
            round((extract(epoch from clock_timestamp() - v_started) * 1000)::numeric, 1),
            v_rows, v_mode, p_triggered_by, v_error)
    returning * into v_log;
    return next v_log;
  end loop;
end
$$;
comment on function analytics.refresh(text, text) is
  'Refreshes one analytics view (or all when p_view is null) concurrently, logging each in analytics.refresh_log. Run by pg_cron as postgres.';
revoke all on function analytics.refresh(text, text) from public, anon, authenticated;

-- hpc_analytics snapshots from the views, for one institution and cycle (or all): the
-- institution overview, and per section the level distribution and completion. Upserts on
-- (institution_id, cycle_id, scope, scope_key, metric); rows whose value did not change are
-- left alone. Returns the number of rows inserted or changed.
create or replace function analytics.write_snapshots(p_institution_id uuid default null, p_cycle_id uuid default null)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_count bigint;
begin
  with snapshot as (
    select o.institution_id, o.cycle_id, 'institution'::text as scope, ''::text as scope_key, null::uuid as section_id,
           'overview'::text as metric,
           jsonb_build_object(
             'students', o.students, 'sections', o.sections, 'students_rated', o.students_rated,
             'ratings_expected', o.ratings_expected, 'ratings_submitted', o.ratings_submitted,
             'ratings_draft', o.ratings_draft, 'completion_pct', o.completion_pct,
             'teacher_levels', jsonb_build_object('1', o.teacher_level_1, '2', o.teacher_level_2, '3', o.teacher_level_3,
                                                  '4+', o.teacher_level_4_plus),
             'reports', o.reports, 'reports_published', o.reports_published,
             'reports_in_workflow', o.reports_in_workflow) as value,
           o.students as sample_size
    from analytics.institution_overview as o
    where (p_institution_id is null or o.institution_id = p_institution_id)
      and (p_cycle_id is null or o.cycle_id = p_cycle_id)
    union all
    select d.institution_id, d.cycle_id, 'section', d.section_id::text, d.section_id, 'level_distribution',
           jsonb_object_agg(d.rater_role, d.levels), sum(d.total)::bigint
    from (
      select l.institution_id, l.cycle_id, l.section_id, l.rater_role,
             jsonb_object_agg(l.level_ordinal::text, l.ratings order by l.level_ordinal) as levels, sum(l.ratings) as total
      from (
        -- the view has one row per parameter: add them up per level first
        select v.institution_id, v.cycle_id, v.section_id, v.rater_role, v.level_ordinal, sum(v.ratings)::bigint as ratings
        from analytics.level_distribution as v
        where (p_institution_id is null or v.institution_id = p_institution_id)
          and (p_cycle_id is null or v.cycle_id = p_cycle_id)
        group by v.institution_id, v.cycle_id, v.section_id, v.rater_role, v.level_ordinal
      ) as l
      group by l.institution_id, l.cycle_id, l.section_id, l.rater_role
    ) as d
    group by d.institution_id, d.cycle_id, d.section_id
    union all
    select c.institution_id, c.cycle_id, 'section', c.section_id::text, c.section_id, 'rater_completion',
           jsonb_object_agg(c.rater_role, jsonb_build_object('expected', c.expected, 'submitted', c.submitted,
                                                             'drafts', c.drafts, 'missing', c.missing)),
           sum(c.expected)::bigint
    from (
      select m.institution_id, m.cycle_id, m.section_id, m.rater_role, sum(m.expected) as expected,
             sum(m.submitted) as submitted, sum(m.drafts) as drafts, sum(m.missing) as missing
      from analytics.completion as m
      where (p_institution_id is null or m.institution_id = p_institution_id)
        and (p_cycle_id is null or m.cycle_id = p_cycle_id)
      group by m.institution_id, m.cycle_id, m.section_id, m.rater_role
    ) as c
    group by c.institution_id, c.cycle_id, c.section_id
  ), written as (
    insert into public.hpc_analytics as h (institution_id, cycle_id, scope, scope_key, section_id, metric, value, sample_size, computed_at)
    select s.institution_id, s.cycle_id, s.scope, s.scope_key, s.section_id, s.metric, s.value, s.sample_size, now()
    from snapshot as s
    on conflict (institution_id, cycle_id, scope, scope_key, metric) do update
      set value = excluded.value, sample_size = excluded.sample_size, section_id = excluded.section_id,
          computed_at = excluded.computed_at
      where h.value is distinct from excluded.value or h.sample_size is distinct from excluded.sample_size
    returning 1
  )
  select count(*) into v_count from written;
  return v_count;
end
$$;
revoke all on function analytics.write_snapshots(uuid, uuid) from public, anon, authenticated;
comment on function analytics.write_snapshots(uuid, uuid) is
  'Writes hpc_analytics rows (institution overview; per section level_distribution and rater_completion) from the analytics views for one institution/cycle or all. Aggregates only, no ranks.';

-- The every-minute job: if a cycle closed (or someone asked), refresh all views once and
-- write the snapshots of each requested institution and cycle. Returns the requests served.
create or replace function analytics.process_refresh_requests()
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_ids bigint[] := '{}';
  v_school uuid;
  v_school_ids bigint[];
  v_request record;
begin
  -- Locked school by school: Citus locks rows (FOR UPDATE) only in a query on one shard.
  for v_school in
    select distinct q.institution_id from analytics.refresh_requests as q where q.processed_at is null
  loop
    select array_agg(r.id) into v_school_ids
    from (
      select q.id from analytics.refresh_requests as q
      where q.institution_id = v_school and q.processed_at is null
      order by q.id
      for update skip locked
    ) as r;
    v_ids := v_ids || coalesce(v_school_ids, '{}');
  end loop;
  if cardinality(v_ids) = 0 then
    return 0;
  end if;
  perform analytics.refresh(null, 'cycle_closed');
  for v_request in
    select distinct q.institution_id, q.cycle_id from analytics.refresh_requests as q where q.id = any (v_ids)
  loop
    perform analytics.write_snapshots(v_request.institution_id, v_request.cycle_id);
  end loop;
  update analytics.refresh_requests set processed_at = now() where id = any (v_ids);
  return cardinality(v_ids);
end
$$;
comment on function analytics.process_refresh_requests() is
  'Serves pending analytics.refresh_requests: refreshes every view once and writes the hpc_analytics snapshots of the requested cycles. pg_cron job analytics-refresh-requests, every minute.';
revoke all on function analytics.process_refresh_requests() from public, anon, authenticated;

-- Cycle closed → a refresh request (whoever closes it: the workflow function, an admin).
create or replace function analytics.request_refresh_on_cycle_close()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into analytics.refresh_requests (institution_id, cycle_id, reason)
  values (new.institution_id, new.id, 'cycle_closed');
  return null;
end
$$;
revoke all on function analytics.request_refresh_on_cycle_close() from public, anon, authenticated;

create trigger request_analytics_refresh
  after update of status on public.hpc_evaluation_cycles
  for each row
  when (new.status = 'closed' and old.status is distinct from 'closed')
  execute function analytics.request_refresh_on_cycle_close();

-- pg_cron jobs from the schedule table. Security definer owned by postgres, so the jobs run
-- as postgres whoever edits the table. Returns the job names now scheduled.
create or replace function analytics.sync_schedules()
returns text[]
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row record;
  v_jobs text[] := '{}';
begin
  for v_row in select s.view_name, s.schedule, s.enabled from analytics.refresh_schedules as s order by s.view_name loop
    if v_row.enabled then
      execute 'select cron.schedule($1, $2, $3)'
        using 'analytics-refresh-' || v_row.view_name, v_row.schedule,
              format('select count(*) from analytics.refresh(%L, ''schedule'')', v_row.view_name);
      v_jobs := v_jobs || ('analytics-refresh-' || v_row.view_name);
    end if;
  end loop;
  -- jobs whose row was disabled or deleted
  for v_row in
    execute $q$select j.jobname from cron.job as j
               where j.jobname like 'analytics-refresh-%' and j.jobname <> 'analytics-refresh-requests'
                 and j.jobname <> all ($1)$q$ using v_jobs
  loop
    execute 'select cron.unschedule($1)' using v_row.jobname;
  end loop;
  execute 'select cron.schedule($1, $2, $3)'
    using 'analytics-refresh-requests', '* * * * *', 'select analytics.process_refresh_requests()';
  return v_jobs || 'analytics-refresh-requests'::text;
end
$$;
comment on function analytics.sync_schedules() is
  'Makes pg_cron''s analytics-refresh-* jobs match analytics.refresh_schedules (and schedules analytics-refresh-requests every minute).';
revoke all on function analytics.sync_schedules() from public, anon, authenticated;

create or replace function analytics.sync_schedules_trigger()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform analytics.sync_schedules();
  return null;
end
$$;
revoke all on function analytics.sync_schedules_trigger() from public, anon, authenticated;

create trigger sync_cron_jobs
  after insert or update or delete or truncate on analytics.refresh_schedules
  for each statement execute function analytics.sync_schedules_trigger();

create or replace function analytics.stamp_schedule_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;
revoke all on function analytics.stamp_schedule_change() from public, anon, authenticated;
create trigger stamp_schedule_change
  before update on analytics.refresh_schedules
  for each row execute function analytics.stamp_schedule_change();

select analytics.sync_schedules();
