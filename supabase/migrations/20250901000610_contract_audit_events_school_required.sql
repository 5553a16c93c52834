-- Audit log, contract: every entry names its school, so that the log's key can include it.
--
-- On a Citus cluster the audit log is distributed by institution_id with every other tenant
-- table, and Citus takes a table only if each of its keys includes the distribution column,
-- which may never be null (docs/scale-out.md "Keys"). Since the contract every audited table
-- has a school on every row, so every new entry names one. Entries written earlier may not:
-- the tenant entries of BIG DAY rows inserted without institution_id during the expand phase
-- (the backfill gave those rows their school later, unaudited). Each takes the school of the
-- row it names; an entry whose row has gone since keeps no school of its own and takes the
-- nil uuid, the platform's entries, which no school's policy reads (the service role does).
-- Then a NOT VALID check, validated in 20250901000611 and made NOT NULL with the key in
-- 20250901000613.
--
-- The append-only guard is set aside for the fill only, in this transaction: DISABLE TRIGGER
-- takes SHARE ROW EXCLUSIVE on audit_events and its partitions (audited writes wait; reads go
-- on) until the commit; the entries without a school are found through
-- audit_events_institution_idx, not by a scan.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

alter table public.audit_events disable trigger refuse_audit_change;
do $$
declare
  v_table record;
begin
  for v_table in
    select distinct e.table_schema, e.table_name
    from public.audit_events as e
    where e.institution_id is null
      and exists (select 1 from pg_catalog.pg_attribute as a
                  where a.attrelid = to_regclass(format('%I.%I', e.table_schema, e.table_name))
                    and a.attname = 'institution_id' and not a.attisdropped)
  loop
    execute format(
      'update public.audit_events as e set institution_id = t.institution_id
       from %I.%I as t
       where e.institution_id is null and e.table_schema = %L and e.table_name = %L
         and t.id::text = e.record_key ->> ''id''',
      v_table.table_schema, v_table.table_name, v_table.table_schema, v_table.table_name);
  end loop;
end
$$;
update public.audit_events set institution_id = '00000000-0000-0000-0000-000000000000' where institution_id is null;
alter table public.audit_events enable trigger refuse_audit_change;

alter table public.audit_events
  add constraint audit_events_school_required check (institution_id is not null) not valid;

-- Used by 20250901000612 and by the migration runner, which builds the same indexes
-- CONCURRENTLY first on a live database: the unique index (institution_id, occurred_at, id)
-- of each partition that lacks a valid one, the key each partition brings to the new primary
-- key. Partitions are made monthly by a job, so their names come from the catalog.
create or replace function private.audit_event_school_key_statements(p_concurrently boolean)
returns setof text
language sql
stable
set search_path = ''
as $$
  select format('create unique index %s %I on %s (institution_id, occurred_at, id)',
                case when p_concurrently then 'concurrently if not exists' else 'if not exists' end,
                c.relname || '_school_key', c.oid::regclass)
  from pg_catalog.pg_inherits as i
  join pg_catalog.pg_class as c on c.oid = i.inhrelid
  where i.inhparent = 'public.audit_events'::regclass
    and not exists (select 1 from pg_catalog.pg_class as x join pg_catalog.pg_index as xi on xi.indexrelid = x.oid
                    where x.relname = c.relname || '_school_key' and x.relnamespace = c.relnamespace and xi.indisvalid)
  order by c.relname
$$;
comment on function private.audit_event_school_key_statements(boolean) is
  'Migration helper: the CREATE UNIQUE INDEX (institution_id, occurred_at, id) of each audit_events partition that lacks a valid one.';
revoke all on function private.audit_event_school_key_statements(boolean) from public;
