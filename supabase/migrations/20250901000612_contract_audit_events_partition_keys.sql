-- Audit log, contract (see 20250901000610): each partition's unique index (institution_id,
-- occurred_at, id), made its own unique key, which 20250901000613 attaches to the new primary
-- key. On a live database the migration runner has built every index CONCURRENTLY already
-- (migrator/steps/schema.ts) and this file only adds the keys from them (catalog work, a
-- brief ACCESS EXCLUSIVE on each partition); where one is missing (`supabase db push` alone)
-- it is built here under SHARE on that partition, which holds its writers back while it
-- builds.
set local lock_timeout = '50ms';
set local statement_timeout = '15min';

do $$
declare
  v_statement text;
  v_partition record;
begin
  for v_statement in select s from private.audit_event_school_key_statements(false) as s loop
    execute v_statement;
  end loop;
  for v_partition in
    select c.oid::regclass as part, c.relname || '_school_key' as key
    from pg_catalog.pg_inherits as i join pg_catalog.pg_class as c on c.oid = i.inhrelid
    where i.inhparent = 'public.audit_events'::regclass
      and not exists (select 1 from pg_catalog.pg_constraint as k where k.conrelid = c.oid and k.conname = c.relname || '_school_key')
    order by c.relname
  loop
    execute format('alter table %s add constraint %I unique using index %I', v_partition.part, v_partition.key, v_partition.key);
  end loop;
end
$$;
