-- The audit log's monthly partitions are created ahead of time (with RLS and no grants for
-- the API roles, and the log's key with the school) and old months are dropped whole.
begin;
\ir support/tests-schema.sql
select plan(7);

select is(private.create_audit_event_partitions(date '2031-01-01', 2), 2, 'future monthly partitions are created');
select is(private.create_audit_event_partitions(date '2031-01-01', 2), 0, 'creating them again is a no-op');
select ok(
  (select c.relrowsecurity and not has_table_privilege('authenticated', c.oid, 'select') and not has_table_privilege('anon', c.oid, 'select')
   from pg_class as c where c.oid = 'partitions.audit_events_y2031m02'::regclass),
  'a new audit partition has RLS and no grants for the API roles');
select is(
  (select pg_get_indexdef(i.indexrelid) from pg_inherits as h join pg_index as i on i.indexrelid = h.inhrelid
   where h.inhparent = 'public.audit_events_pkey'::regclass and i.indrelid = 'partitions.audit_events_y2031m02'::regclass),
  'CREATE UNIQUE INDEX audit_events_y2031m02_pkey ON partitions.audit_events_y2031m02 USING btree (institution_id, occurred_at, id)',
  'and the log''s primary key, school first');
select is(
  (select count(*)::int from pg_inherits as h where h.inhparent = 'public.audit_events'::regclass)
    - (select count(*)::int from pg_inherits as h where h.inhparent = 'public.audit_events_pkey'::regclass),
  0, 'every partition, older ones included, holds its part of that key');
select is(private.drop_audit_event_partitions_before(date '2026-02-01'), 1, 'retention drops whole months that ended before the cut-off');
select ok(to_regclass('partitions.audit_events_y2026m01') is null and to_regclass('partitions.audit_events_y2026m02') is not null,
  'only the months before the cut-off are gone');

select * from finish();
rollback;
