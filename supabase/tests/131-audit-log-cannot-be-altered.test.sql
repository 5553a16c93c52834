-- The audit log is append-only: no role, not even the owner or service_role, updates,
-- deletes or truncates it; the API roles cannot forge rows or read its partitions.
-- Two transactions: on a Citus cluster, once a transaction's statements have reached the
-- log's shards as one role (the owner's refused writes), it may not reach them as another.
-- The first changes nothing and commits, so that pgTAP's results of it count.
begin;
\ir support/tests-schema.sql
select plan(6);

select throws_ok($$update public.audit_events set actor_id = null$$, '42501', null, 'audit rows cannot be updated, even by the owner');
select throws_ok($$delete from public.audit_events$$, '42501', null, 'audit rows cannot be deleted, even by the owner');
select throws_ok($$truncate public.audit_events$$, '42501', null, 'the audit log cannot be truncated');
drop schema tests cascade;
commit;

begin;
\ir support/tests-schema.sql
select tests.authenticate_as_service_role();
select throws_ok($$delete from public.audit_events$$, '42501', null, 'service_role cannot delete audit rows');
select tests.authenticate_as('00000000-0000-4000-a000-000000000004');
-- With its school, as a forger would send it, so that a cluster plans the insert and the
-- privilege answers.
select throws_ok(
  $$insert into public.audit_events (institution_id, table_schema, table_name, operation, record_key)
    values ('10000000-0000-4000-8000-000000000001', 'public', 'x', 'INSERT', '{}')$$,
  '42501', null, 'authenticated cannot forge audit rows');
select throws_ok($$select count(*) from partitions.audit_events_default$$, '42501', null, 'authenticated cannot read an audit partition directly');
select tests.clear_authentication();

select * from finish();
rollback;
