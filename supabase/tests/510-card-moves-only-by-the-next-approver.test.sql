-- The approval state machine along the default chain (class teacher -> coordinator ->
-- principal): each move only by the person whose step it is (HP403 otherwise), only from a
-- status it leaves (HP422), never on a stale version (HP409), never by someone who cannot see
-- the card (HP404); step rows and audit rows for every move.
begin;
\ir support/tests-schema.sql
select plan(38);
\ir reports/fixture.sql
\ir reports/actions.sql

do $$ begin perform pg_temp.generate_card(pg_temp.person(3), pg_temp.person(7)); end $$;
create temp table t_a on commit drop as select pg_temp.current_card(pg_temp.person(7)) as id;
-- People by value where a query on the tables names them: on Citus a pg_temp helper inside
-- a query that reaches a shard is sent there, where it does not exist.
select pg_temp.person(1) as principal, pg_temp.person(3) as class_teacher \gset
-- draft: forbidden moves
select throws_ok($$ select pg_temp.transition(pg_temp.person(4), (select id from t_a), 'submit') $$, 'HP403', null, 'draft: a subject teacher may not submit');
select throws_ok($$ select pg_temp.transition(pg_temp.person(1), (select id from t_a), 'submit') $$, 'HP403', null, 'draft: the principal may not submit (class teacher''s step)');
select throws_ok($$ select pg_temp.transition(pg_temp.person(2), (select id from t_a), 'approve') $$, 'HP422', null, 'draft: approve is not a move');
select throws_ok($$ select pg_temp.transition(pg_temp.person(1), (select id from t_a), 'publish') $$, 'HP422', null, 'draft: publish is not a move');
select throws_ok($$ select pg_temp.transition(pg_temp.person(1), (select id from t_a), 'reopen', 'x') $$, 'HP422', null, 'draft: reopen is not a move');
select throws_ok($$ select pg_temp.transition(pg_temp.person(3), (select id from t_a), 'submit', null, null, 7) $$, 'HP409', null, 'stale expected version: conflict');
select throws_ok($$ select pg_temp.transition(pg_temp.person(3), (select id from t_a), 'archive') $$, '22P02',
  'invalid input value for enum hpc_report_action: "archive"', 'unknown action: invalid request');
select throws_ok($$ select pg_temp.transition(pg_temp.person(11), (select id from t_a), 'submit') $$, 'HP404', null, 'a teacher with no duty for the student: not found');
select throws_ok($$ select pg_temp.transition(pg_temp.person(21), (select id from t_a), 'submit') $$, 'HP404', null, 'another institution: not found');
select throws_ok($$ select pg_temp.transition(pg_temp.person(10), (select id from t_a), 'submit') $$, 'HP404', null, 'a parent: not found');

-- draft → submitted (class teacher)
select is(pg_temp.transition(pg_temp.person(3), (select id from t_a), 'submit', 'Ready for review') ->> 'status', 'submitted', 'class teacher: draft → submitted');
select is((select (round, step_order, approver_duty, name, decision, decided_by = :'class_teacher', comment)::text
           from public.hpc_approval_workflows where report_id = (select id from t_a) and decision <> 'pending'),
  '(1,1,class_teacher,submit,approved,t,"Ready for review")', 'the submit step is written');
select is((select (round, step_order, approver_duty)::text from public.hpc_approval_workflows
           where report_id = (select id from t_a) and decision = 'pending'), '(1,2,coordinator)', 'the coordinator''s step is pending');
select is((select (actor_id = :'class_teacher', old_values ->> 'status', new_values ->> 'status')::text from public.audit_events
           where table_name = 'hpc_reports' and record_key ->> 'id' = (select id from t_a)::text and operation = 'UPDATE'
           order by occurred_at desc, transaction_id desc limit 1), '(t,draft,submitted)', 'audit row with the actor and the status change');
select ok(pg_temp.audit_rows_of('hpc_approval_workflows',
  (select id from public.hpc_approval_workflows where report_id = (select id from t_a) and name = 'submit')) = 1, 'the step row is audited');

-- submitted: forbidden moves
select throws_ok($$ select pg_temp.transition(pg_temp.person(3), (select id from t_a), 'approve') $$, 'HP403', null, 'submitted: the class teacher may not approve');
select throws_ok($$ select pg_temp.transition(pg_temp.person(1), (select id from t_a), 'approve') $$, 'HP403', null, 'submitted: the principal waits for the coordinator');
select throws_ok($$ select pg_temp.transition(pg_temp.person(3), (select id from t_a), 'submit') $$, 'HP422', null, 'submitted: not again');
select throws_ok($$ select pg_temp.transition(pg_temp.person(1), (select id from t_a), 'publish') $$, 'HP422', null, 'submitted: publish is not a move');
select throws_ok($$ select pg_temp.transition(pg_temp.person(2), (select id from t_a), 'request_changes') $$, 'HP400', null, 'request_changes needs a comment');
select is(pg_temp.generate_card(pg_temp.person(3), pg_temp.person(7)) ->> 'outcome', 'unchanged', 'submitted: regenerating unchanged data is a no-op');
insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal, status, submitted_at)
values (pg_temp.school(1), pg_temp.cycle(1), pg_temp.person(7), 'a5a5a5a5-0005-4000-8005-000000000001', 'peer', pg_temp.person(8), 2, 'submitted', now());
select throws_ok($$ select pg_temp.generate_card(pg_temp.person(3), pg_temp.person(7)) $$, 'HP422', null, 'submitted: changed data cannot overwrite the card under review');

-- submitted → changes_requested (coordinator) → draft behaviour → submitted again
select is(pg_temp.transition(pg_temp.person(2), (select id from t_a), 'request_changes', 'Add the peer rating') ->> 'status', 'changes_requested',
  'coordinator: submitted → changes_requested with a comment');
select is((select (decision, decided_role, comment)::text from public.hpc_approval_workflows
           where report_id = (select id from t_a) and round = 1 and step_order = 2), '(changes_requested,coordinator,"Add the peer rating")',
  'the coordinator''s step records the request and the comment');
select is(pg_temp.generate_card(pg_temp.person(3), pg_temp.person(7)) ->> 'outcome', 'updated', 'changes_requested: the class teacher regenerates');
select is(pg_temp.transition(pg_temp.person(3), (select id from t_a), 'submit') ->> 'status', 'submitted', 'class teacher: changes_requested → submitted');
select is((select max(round)::int from public.hpc_approval_workflows where report_id = (select id from t_a)), 2, 'a second round');

-- submitted → in_review (coordinator) → approved (principal)
select is(pg_temp.transition(pg_temp.person(2), (select id from t_a), 'approve') ->> 'status', 'in_review', 'coordinator: submitted → in_review');
select throws_ok($$ select pg_temp.transition(pg_temp.person(2), (select id from t_a), 'approve') $$, 'HP403', null, 'in_review: the coordinator cannot approve twice');
select throws_ok($$ select pg_temp.transition(pg_temp.person(6), (select id from t_a), 'approve') $$, 'HP403', null, 'in_review: the admin is not the principal');
select throws_ok($$ select pg_temp.transition(pg_temp.person(1), (select id from t_a), 'publish') $$, 'HP422', null, 'in_review: publish is not a move');
select is(pg_temp.transition(pg_temp.person(1), (select id from t_a), 'approve', 'Well written') ->> 'status', 'approved', 'principal: in_review → approved');
select is((select count(*)::int from public.hpc_approval_workflows where report_id = (select id from t_a) and decision = 'pending'), 0, 'nothing pending');

-- approved → published (principal)
select throws_ok($$ select pg_temp.transition(pg_temp.person(3), (select id from t_a), 'publish') $$, 'HP403', null, 'approved: the class teacher may not publish');
select throws_ok($$ select pg_temp.transition(pg_temp.person(2), (select id from t_a), 'publish') $$, 'HP403', null, 'approved: the coordinator may not publish');
select throws_ok($$ select pg_temp.transition(pg_temp.person(1), (select id from t_a), 'approve') $$, 'HP422', null, 'approved: approve is not a move');
select is(pg_temp.transition(pg_temp.person(1), (select id from t_a), 'publish') ->> 'status', 'published', 'principal: approved → published now');
select is((select (published_at is not null, published_by = :'principal')::text from public.hpc_reports where id = (select id from t_a)),
  '(t,t)', 'published_at and published_by set');

select * from finish();
rollback;
