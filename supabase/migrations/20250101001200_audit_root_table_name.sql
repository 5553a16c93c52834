-- Audit rows of a partitioned table name the table, not the partition: a row trigger on a
-- partitioned table is cloned to every partition, where TG_TABLE_NAME is the partition's
-- name (hpc_evaluations_p5). The audit trigger now records the partition tree's root.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

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
  v_schema text := tg_table_schema;
  v_table text := tg_table_name;
begin
  if tg_op <> 'INSERT' then
    v_old := to_jsonb(old);
  end if;
  if tg_op <> 'DELETE' then
    v_new := to_jsonb(new);
  end if;
  v_src := coalesce(v_new, v_old);
  for i in 1 .. tg_nargs - 1 loop
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

  if tg_argv[0] = 'tenant' then
    if tg_op = 'UPDATE' and not ('institution_id' = any (v_changed)) then
      return null;
    end if;
    v_old := case when v_old is not null then jsonb_build_object('institution_id', v_old -> 'institution_id') end;
    v_new := case when v_new is not null then jsonb_build_object('institution_id', v_new -> 'institution_id') end;
    v_changed := case when tg_op = 'UPDATE' then array['institution_id'] end;
  end if;

  if (select c.relispartition from pg_catalog.pg_class as c where c.oid = tg_relid) then
    select n.nspname, c.relname into v_schema, v_table
    from pg_catalog.pg_class as c
    join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
    where c.oid = pg_catalog.pg_partition_root(tg_relid);
  end if;

  insert into public.audit_events (
    institution_id, actor_id, actor_role, table_schema, table_name, operation,
    record_key, old_values, new_values, changed_columns
  ) values (
    coalesce(v_new ->> 'institution_id', v_old ->> 'institution_id',
      case when v_schema = 'public' and v_table = 'institutions' then v_src ->> 'id' end)::uuid,
    (select auth.uid()),
    coalesce((select auth.role()), session_user::text),
    v_schema, v_table, tg_op,
    v_key, v_old, v_new, v_changed
  );
  return null;
end
$$;
revoke all on function private.audit_row_change() from public;
