-- An institution's own chain (class teacher -> principal, no coordinator) replaces the default
-- one; a batch of transitions moves every card of a section the same way.
begin;
\ir support/tests-schema.sql
select plan(6);
\ir reports/fixture.sql
\ir reports/actions.sql

-- a chain without the coordinator (class teacher → principal)
insert into public.hpc_approval_workflows (institution_id, kind, stage, version, step_order, approver_duty, name) values
  (pg_temp.school(1), 'chain', null, 1, 1, 'class_teacher', 'Class teacher submits'),
  (pg_temp.school(1), 'chain', null, 1, 2, 'principal', 'Principal approves');
select pg_temp.generate_card(pg_temp.person(5), pg_temp.person(9));
select is(pg_temp.transition(pg_temp.person(5), pg_temp.current_card(pg_temp.person(9)), 'submit') ->> 'status', 'submitted', 'configured chain: class teacher submits');
select throws_ok($$ select pg_temp.transition(pg_temp.person(2), pg_temp.current_card(pg_temp.person(9)), 'approve') $$, 'HP403', null, 'configured chain: no coordinator step');
select is(pg_temp.transition(pg_temp.person(1), pg_temp.current_card(pg_temp.person(9)), 'approve') ->> 'status', 'approved', 'configured chain: principal approves submitted → approved');
select is(pg_temp.transition(pg_temp.person(1), pg_temp.current_card(pg_temp.person(9)), 'request_changes', 'Check the narrative') ->> 'status', 'changes_requested',
  'principal: approved → changes_requested');

-- a batch of transitions: submit every draft of 7-B
create temp table t_job on commit drop as select pg_temp.batch_start(pg_temp.person(5), 'transition', pg_temp.section(32), 'submit') as j;
select is((select (r ->> 'status', r ->> 'succeeded', r ->> 'failed')::text
           from (select pg_temp.batch_run(pg_temp.person(5), (select (j ->> 'job_id')::uuid from t_job), 50) as r) x),
  '(completed,1,0)', 'transition batch: Diya''s card submitted');
-- The value is read apart from its assertion: a statement that reads one school's rows goes
-- whole to that school's shard on Citus, pgTAP's is() and the pg_temp helpers with it.
select pg_temp.current_card(pg_temp.person(9)) as card \gset
select status as card_status from public.hpc_reports where id = :'card' \gset
select is(:'card_status'::text, 'submitted', 'the batch moved the card');

select * from finish();
rollback;
