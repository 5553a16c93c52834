-- Append-only audit log (docs/architecture.md §4.6).
--
-- public.audit_events is RANGE-partitioned by month on occurred_at, so growth is bounded by
-- dropping whole old partitions (private.drop_audit_event_partitions_before) instead of
-- deleting rows. A pg_cron job keeps three months of partitions ahead; a DEFAULT partition
-- catches anything outside them so an audited write can never fail for want of one. The
-- partitions live in the schema `partitions`, out of the API; an audit row of a partitioned
-- table names the table, not the partition.
--
-- Append-only: no API role (anon, authenticated, service_role) holds UPDATE, DELETE or
-- TRUNCATE, and a trigger refuses UPDATE and DELETE for everyone, the table owner included.
-- Only retention (dropping a whole partition, owner only) removes rows, and the erasure of a
-- child's HPC data (private.hpc_erase_students_data, which marks its own transaction with
-- hpc.erasure = on) removes the entries about that child.
--
-- Rows are written by private.audit_row_change(), attached
--   * to every HPC table and to student_guardians, staff_duties, institution_feature_flags:
--     every insert, update and delete, full old/new rows;
--   * to the existing BIG DAY tables: new rows, and moves of a row from one institution to
--     another (the tenant column only; no personal data copied into the log). Filling a
--     missing institution_id is not audited: only the migration's backfill and its late-row
--     sweep ever do that (the new application writes institution_id on insert, and after
--     the contract the column is NOT NULL), the runner's ledger (hpc_migration.batches)
--     and report record it, and auditing it cost a million audit rows for user_profiles,
--     each built by copying the whole row to jsonb twice and diffing it: most of the
--     backfill's per-row cost apart from the index entries. The WHEN clause is evaluated
--     before the function is called, so a filled row costs the audit nothing.
-- Kept in public with RLS enabled and no policies yet, so principals can later be given a
-- tenant-scoped read policy (20250201000300). institution_id is nullable: legacy rows may have none.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- pg_cron is available on hosted Supabase but not enabled on a new project: the first
-- migration that schedules a job creates it, where Supabase documents it (pg_catalog, its
-- tables in the `cron` schema); later migrations rely on it. The platform lets `postgres`
-- create it and then grants `postgres` the cron schema, its functions and read access to
-- cron.job (supautils' after-create script on hosted, pgextwlist's locally), so no grant is
-- needed here. pg_cron exists in one database per cluster (cron.database_name: `postgres`).
create extension if not exists pg_cron with schema pg_catalog;

-- The operation is an enum type in public, so that the generated TypeScript types give it as
-- a string union. The audit trigger assigns TG_OP, a text value: the assignment cast lets it
-- do so as a literal would.
create type public.audit_operation as enum ('INSERT', 'UPDATE', 'DELETE');
comment on type public.audit_operation is 'The write an audit_events row records.';
create cast (text as public.audit_operation) with inout as assignment;

create table public.audit_events (
  id uuid not null default gen_random_uuid(),
  occurred_at timestamptz not null default now(),
  institution_id uuid,
  actor_id uuid default auth.uid(),
  actor_role text,
  table_schema text not null,
  table_name text not null,
  operation public.audit_operation not null,
  record_key jsonb not null,
  old_values jsonb,
  new_values jsonb,
  changed_columns text[],
  transaction_id bigint not null default txid_current(),
  constraint audit_events_pkey primary key (occurred_at, id)
) partition by range (occurred_at);
comment on table public.audit_events is
  'Append-only audit log of writes to HPC tables and to tenant columns of existing tables; monthly partitions.';

-- A principal reading their institution's log, newest first.
create index audit_events_institution_idx on public.audit_events (institution_id, occurred_at);
-- The history of one record (record_key is e.g. {"institution_id": ..., "id": ...}).
create index audit_events_record_idx on public.audit_events using gin (record_key jsonb_path_ops);
-- What one person did.
create index audit_events_actor_idx on public.audit_events (actor_id, occurred_at);

alter table public.audit_events enable row level security;
revoke all on public.audit_events from anon, authenticated, service_role;
grant select on public.audit_events to service_role;

-- Partitions live in their own schema, out of the API and out of the generated types: the
-- parent routes reads and writes to a partition whatever its schema, and `partitions` is not
-- in pgrst.db_schemas, nor do the API roles have USAGE on it.
create schema if not exists partitions;
comment on schema partitions is
  'Partitions of partitioned tables (hpc_evaluations, audit_events). Not exposed by the API; read and written through their parents in public.';
revoke all on schema partitions from public;

-- Creates the monthly partitions audit_events_yYYYYmMM for p_months months from p_from's
-- month (idempotent). Every partition gets RLS and no grants for the API roles:
-- partitions do not inherit the parent's RLS and would otherwise be readable directly.
create or replace function private.create_audit_event_partitions(p_from date, p_months integer)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_month date := date_trunc('month', p_from)::date;
  v_name text;
  v_created integer := 0;
begin
  for i in 1 .. greatest(p_months, 0) loop
    v_name := format('audit_events_y%sm%s', to_char(v_month, 'YYYY'), to_char(v_month, 'MM'));
    if to_regclass('partitions.' || v_name) is null then
      execute format(
        'create table partitions.%I partition of public.audit_events for values from (%L) to (%L)',
        v_name, v_month::timestamptz, (v_month + interval '1 month')::timestamptz);
      execute format('alter table partitions.%I enable row level security', v_name);
      execute format('revoke all on partitions.%I from anon, authenticated, service_role', v_name);
      v_created := v_created + 1;
    end if;
    v_month := (v_month + interval '1 month')::date;
  end loop;
  return v_created;
end
$$;
revoke all on function private.create_audit_event_partitions(date, integer) from public;

-- Retention: detaches and drops whole monthly partitions that end on or before p_before.
-- Never deletes rows one by one. Returns the number of partitions dropped.
create or replace function private.drop_audit_event_partitions_before(p_before date)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_part record;
  v_dropped integer := 0;
begin
  for v_part in
    select c.oid::regclass as part
    from pg_catalog.pg_inherits as i
    join pg_catalog.pg_class as c on c.oid = i.inhrelid
    where i.inhparent = 'public.audit_events'::regclass
      and c.relname ~ '^audit_events_y[0-9]{4}m[0-9]{2}$'
      and (to_date(substr(c.relname, 15, 4) || substr(c.relname, 20, 2), 'YYYYMM') + interval '1 month')
        <= p_before
  loop
    execute format('alter table public.audit_events detach partition %s', v_part.part);
    execute format('drop table %s', v_part.part);
    v_dropped := v_dropped + 1;
  end loop;
  return v_dropped;
end
$$;
revoke all on function private.drop_audit_event_partitions_before(date) from public;

-- The demo academic year 2026-27 with margin, plus three months from today.
select private.create_audit_event_partitions(date '2026-01-01', 24);
select private.create_audit_event_partitions(current_date, 3);
create table partitions.audit_events_default partition of public.audit_events default;
alter table partitions.audit_events_default enable row level security;
revoke all on partitions.audit_events_default from anon, authenticated, service_role;

-- Keep partitions ahead of time: daily, idempotent.
select cron.schedule(
  'audit-events-partitions',
  '17 3 * * *',
  $job$select private.create_audit_event_partitions(current_date, 3)$job$
);

-- Refuses UPDATE and DELETE on audit rows for everyone (cloned to every partition), but the
-- DELETEs of a child's erasure.
create or replace function private.refuse_audit_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and current_setting('hpc.erasure', true) = 'on' then
    return old;
  end if;
  raise exception 'audit_events is append-only: % refused', tg_op
    using errcode = '42501', hint = 'Old months are removed only by dropping whole partitions.';
end
$$;
comment on function private.refuse_audit_change() is
  'Guard of the append-only audit log: refuses UPDATE, DELETE and TRUNCATE, but the DELETEs of a child''s erasure (hpc.erasure = on in its transaction).';
revoke all on function private.refuse_audit_change() from public;

create trigger refuse_audit_change
  before update or delete on public.audit_events
  for each row execute function private.refuse_audit_change();
create trigger refuse_audit_truncate
  before truncate on public.audit_events
  for each statement execute function private.refuse_audit_change();

-- The generic audit trigger. Arguments: mode ('row' = full old/new rows; 'tenant' = only
-- institution_id, of new rows and of moves; 'person' = every write of a person's row with
-- institution_id and the names of the changed columns, no personal data), the table as
-- schema.name, then the names of the record's key columns.
-- The table is named by its argument, not TG_TABLE_NAME, which names the partition or, on
-- a distributed table, the shard: the audit row names the table the application wrote.
create or replace function private.audit_row_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_old jsonb;
  v_new jsonb;
  v_src jsonb;
  v_key jsonb := '{}'::jsonb;
  v_changed text[];
  v_schema text := split_part(tg_argv[1], '.', 1);
  v_table text := split_part(tg_argv[1], '.', 2);
  v_actor uuid := auth.uid();
  v_actor_role text := coalesce(auth.role(), session_user::text);
begin
  -- A child's erasure (hpc.erasure = on in its transaction) records itself in one entry
  -- without personal data (private.hpc_erase_students_data), not in one per row it deletes.
  if tg_op = 'DELETE' and current_setting('hpc.erasure', true) = 'on' then
    return null;
  end if;
  -- institutions is a reference table on Citus: the coordinator's copy writes the entry.
  if v_schema = 'public' and v_table = 'institutions' and private.fires_on_a_worker_copy(tg_relid, v_table) then
    return null;
  end if;
  if tg_op <> 'INSERT' then
    v_old := to_jsonb(old);
  end if;
  if tg_op <> 'DELETE' then
    v_new := to_jsonb(new);
  end if;
  v_src := coalesce(v_new, v_old);
  for i in 2 .. tg_nargs - 1 loop
    v_key := v_key || jsonb_build_object(tg_argv[i], v_src -> tg_argv[i]);
  end loop;

  if tg_op = 'UPDATE' then
    select array_agg(n.key order by n.key) into v_changed
    from jsonb_each(v_new) as n
    where n.value is distinct from v_old -> n.key;
    if v_changed is null then
      return null; -- an update that changed nothing leaves no trace
    end if;
  end if;

  if tg_argv[0] = 'tenant' and tg_op = 'UPDATE' and not ('institution_id' = any (v_changed)) then
    return null;
  end if;
  if tg_argv[0] in ('tenant', 'person') then
    v_old := case when v_old is not null then jsonb_build_object('institution_id', v_old -> 'institution_id') end;
    v_new := case when v_new is not null then jsonb_build_object('institution_id', v_new -> 'institution_id') end;
  end if;
  if tg_argv[0] = 'tenant' then
    v_changed := case when tg_op = 'UPDATE' then array['institution_id'] end;
  end if;

  insert into public.audit_events (
    institution_id, actor_id, actor_role, table_schema, table_name, operation,
    record_key, old_values, new_values, changed_columns
  ) values (
    coalesce(v_new ->> 'institution_id', v_old ->> 'institution_id',
      case when v_schema = 'public' and v_table = 'institutions' then v_src ->> 'id' end)::uuid,
    v_actor,
    v_actor_role,
    -- tg_op is text: cast it, as Citus sends this INSERT to a shard as text, not as the literal
    -- PostgreSQL would coerce on one node.
    v_schema, v_table, tg_op::public.audit_operation,
    v_key, v_old, v_new, v_changed
  );
  return null;
end
$$;
revoke all on function private.audit_row_change() from public;

-- Existing BIG DAY tables: the tenant column only, of new rows and of moves. CREATE TRIGGER
-- takes SHARE ROW EXCLUSIVE (writers wait, readers do not) on each table until the commit.
do $$
declare
  t text;
begin
  foreach t in array array['user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections',
                           'section_students', 'section_courses'] loop
    execute format(
      'create trigger audit_tenant_of_new_row after insert on public.%I
         for each row execute function private.audit_row_change(%L, %L, %L)', t, 'tenant', 'public.' || t, 'id');
    execute format(
      'create trigger audit_tenant_move after update of institution_id on public.%I
         for each row when (old.institution_id is not null and old.institution_id is distinct from new.institution_id)
         execute function private.audit_row_change(%L, %L, %L)', t, 'tenant', 'public.' || t, 'id');
  end loop;
end
$$;

-- New tenant tables: every write, full rows.
create trigger audit_row_change
  after insert or update or delete on public.institutions
  for each row execute function private.audit_row_change('row', 'public.institutions', 'id');
create trigger audit_row_change
  after insert or update or delete on public.student_guardians
  for each row execute function private.audit_row_change('row', 'public.student_guardians', 'institution_id', 'student_id', 'guardian_id');
create trigger audit_row_change
  after insert or update or delete on public.staff_duties
  for each row execute function private.audit_row_change('row', 'public.staff_duties', 'institution_id', 'id');
create trigger audit_row_change
  after insert or update or delete on public.institution_feature_flags
  for each row execute function private.audit_row_change('row', 'public.institution_feature_flags', 'institution_id', 'feature');
