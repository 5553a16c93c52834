-- Publishing with a future release date leaves the card approved; the release job publishes
-- it once the date has come.
begin;
\ir support/tests-schema.sql
select plan(3);
\ir reports/fixture.sql
\ir reports/actions.sql

do $$ begin perform pg_temp.card_in_status('approved', pg_temp.person(8)); end $$;
select is(pg_temp.transition(pg_temp.person(1), pg_temp.current_card(pg_temp.person(8)), 'publish', null, now() + interval '1 day') ->> 'status', 'approved',
  'publish with a future release date: still approved, scheduled');
update public.hpc_reports set release_at = now() - interval '1 minute' where id = pg_temp.current_card(pg_temp.person(8));
select is(private.hpc_release_due_reports(), 1::bigint, 'the release job publishes the due card');
-- The value is read apart from its assertion: a statement that reads one school's rows goes
-- whole to that school's shard on Citus, pgTAP's is() and the pg_temp helpers with it.
select pg_temp.current_card(pg_temp.person(8)) as card \gset
select status as card_status from public.hpc_reports where id = :'card' \gset
select is(:'card_status'::text, 'published', 'published at its release date');

select * from finish();
rollback;
