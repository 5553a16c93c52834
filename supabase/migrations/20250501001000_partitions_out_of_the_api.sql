-- Partitions live in their own schema, out of the API and out of the generated types.
--
-- hpc_evaluations_p0..p9 and the monthly audit_events_y…m… partitions were tables of
-- `public`, the schema PostgREST exposes: the API refused them (RLS on, no grants for anon
-- and authenticated), but `supabase gen types` listed every one as a table a frontend could
-- query. A partition may live in another schema than its parent, and the parent routes
-- reads and writes to it whatever its schema: they move to the schema `partitions`, which
-- is not in pgrst.db_schemas and where the API roles have no USAGE. Their RLS and grants
-- move with them. Partitions made later go there too: the audit partition maker and its
-- retention below, and the split tool (migration/partitions/split.ts).
-- Locks: SET SCHEMA takes ACCESS EXCLUSIVE on each partition (and none on the parent) for
-- a catalog update; the partitions are the HPC's own tables.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create schema if not exists partitions;
comment on schema partitions is
  'Partitions of partitioned tables (hpc_evaluations, audit_events). Not exposed by the API; read and written through their parents in public.';
revoke all on schema partitions from public;

do $$
declare
  v_part regclass;
begin
  for v_part in
    select i.inhrelid::regclass
    from pg_catalog.pg_inherits as i
    join pg_catalog.pg_class as c on c.oid = i.inhrelid
    where i.inhparent in ('public.hpc_evaluations'::regclass, 'public.audit_events'::regclass)
      and c.relnamespace = 'public'::regnamespace
    order by 1
  loop
    execute format('alter table %s set schema partitions', v_part);
  end loop;
end
$$;

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
