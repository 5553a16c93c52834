-- A published card refuses edits even from the table's owner: the immutability trigger holds
-- where RLS does not apply.
begin;
\ir support/tests-schema.sql
select plan(1);

select throws_ok(
  $$update public.hpc_reports set language = 'hi' where status = 'published'$$,
  '55000', null, 'a published card refuses edits (even without RLS)');

select * from finish();
rollback;
