-- The approval state machine. Every allowed transition for its role, the forbidden
-- ones, stale versions, reopen as a new version, immutability of the published card, step
-- rows and audit rows, "what awaits me", scheduled release, a chain without the
-- coordinator, batches of transitions.
begin;
\ir support/tests-schema.sql
select plan(65);
\ir reports/fixture.sql
\ir reports/actions.sql

select pg_temp.generate_card(pg_temp.person(3), pg_temp.person(7));
create temp table t_a on commit drop as select pg_temp.current_card(pg_temp.person(7)) as id;

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
select is((select (round, step_order, approver_duty, name, decision, decided_by = pg_temp.person(3), comment)::text
           from public.hpc_approval_workflows where report_id = (select id from t_a) and decision <> 'pending'),
  '(1,1,class_teacher,submit,approved,t,"Ready for review")', 'the submit step is written');
select is((select (round, step_order, approver_duty)::text from public.hpc_approval_workflows
           where report_id = (select id from t_a) and decision = 'pending'), '(1,2,coordinator)', 'the coordinator''s step is pending');
select is((select (actor_id = pg_temp.person(3), old_values ->> 'status', new_values ->> 'status')::text from public.audit_events
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
select is((select (published_at is not null, published_by = pg_temp.person(1))::text from public.hpc_reports where id = (select id from t_a)),
  '(t,t)', 'published_at and published_by set');

-- immutability
select throws_ok($$ update public.hpc_reports set content = '{}' where id = (select id from t_a) $$, '55000', null, 'published content cannot change');
select throws_ok($$ delete from public.hpc_reports where id = (select id from t_a) $$, '55000', null, 'a published card cannot be deleted');
select throws_ok($$ select pg_temp.transition(pg_temp.person(1), (select id from t_a), 'publish') $$, 'HP422', null, 'published: publish again is not a move');

-- reopen: principal, with a reason, as a new version
select throws_ok($$ select pg_temp.transition(pg_temp.person(1), (select id from t_a), 'reopen') $$, 'HP400', null, 'reopen needs a reason');
select throws_ok($$ select pg_temp.transition(pg_temp.person(3), (select id from t_a), 'reopen', 'typo') $$, 'HP403', null, 'the class teacher may not reopen');
create temp table t_pub on commit drop as select content_hash, content from public.hpc_reports where id = (select id from t_a);
create temp table t_re on commit drop as select pg_temp.transition(pg_temp.person(1), (select id from t_a), 'reopen', 'Wrong attendance figure') as r;
select is((select (r ->> 'version', r ->> 'status', r ->> 'previous_report_id' = (select id from t_a)::text)::text from t_re),
  '(2,draft,t)', 'reopen: version 2 in draft');
select is((select (supersedes_id = (select id from t_a), reopen_reason, is_current)::text from public.hpc_reports
           where id = (select (r ->> 'report_id')::uuid from t_re)), '(t,"Wrong attendance figure",t)', 'the new version supersedes the published one, with the reason');
select is((select (status, is_current, content_hash = (select content_hash from t_pub), content = (select content from t_pub))::text
           from public.hpc_reports where id = (select id from t_a)), '(published,f,t,t)', 'the published version stays as issued');
select is((select count(*)::int from public.hpc_reports where student_id = pg_temp.person(7) and is_current), 1, 'one current version');
select throws_ok($$ select pg_temp.transition(pg_temp.person(1), (select id from t_a), 'reopen', 'again') $$, 'HP422', null, 'the superseded version cannot move');
select is((select (name, decision, comment)::text from public.hpc_approval_workflows
           where report_id = (select id from t_a) and name = 'reopen'), '(reopen,changes_requested,"Wrong attendance figure")', 'the reopen step is written');
select is((select count(*)::int from public.audit_events where table_name = 'hpc_reports' and operation = 'INSERT'
           and record_key ->> 'id' = (select r ->> 'report_id' from t_re) and actor_id = pg_temp.person(1)), 1, 'the new version''s insert is audited with the principal');

-- what awaits me
select ok(pg_temp.cards_awaiting(pg_temp.person(3)) @> jsonb_build_array(jsonb_build_object('report_id', (select r ->> 'report_id' from t_re), 'action', 'submit')),
  'the class teacher: the reopened card awaits submission');
select pg_temp.generate_card(pg_temp.person(3), pg_temp.person(8));
select pg_temp.transition(pg_temp.person(3), pg_temp.current_card(pg_temp.person(8)), 'submit');
select ok(pg_temp.cards_awaiting(pg_temp.person(2)) @> jsonb_build_array(jsonb_build_object('report_id', pg_temp.current_card(pg_temp.person(8)), 'action', 'review')),
  'the coordinator: Kabir''s card awaits review');
select ok(not (pg_temp.cards_awaiting(pg_temp.person(1)) @> jsonb_build_array(jsonb_build_object('report_id', pg_temp.current_card(pg_temp.person(8))))),
  'the principal: not yet');
select is(pg_temp.cards_awaiting(pg_temp.person(10)), '[]'::jsonb, 'a parent: nothing');
insert into public.staff_duties (institution_id, user_id, duty, stage) values (pg_temp.school(1), pg_temp.person(11), 'coordinator', 'preparatory');
select is(pg_temp.cards_awaiting(pg_temp.person(11)), '[]'::jsonb, 'a coordinator of another stage: nothing (grade 7 is Middle)');
update public.staff_duties set stage = null where user_id = pg_temp.person(11);
select ok(pg_temp.cards_awaiting(pg_temp.person(11)) @> jsonb_build_array(jsonb_build_object('report_id', pg_temp.current_card(pg_temp.person(8)), 'action', 'review')),
  'a coordinator of every stage: Kabir''s card awaits review');
delete from public.staff_duties where user_id = pg_temp.person(11);

-- scheduled release
select pg_temp.transition(pg_temp.person(2), pg_temp.current_card(pg_temp.person(8)), 'approve');
select pg_temp.transition(pg_temp.person(1), pg_temp.current_card(pg_temp.person(8)), 'approve');
select is(pg_temp.transition(pg_temp.person(1), pg_temp.current_card(pg_temp.person(8)), 'publish', null, now() + interval '1 day') ->> 'status', 'approved',
  'publish with a future release date: still approved, scheduled');
update public.hpc_reports set release_at = now() - interval '1 minute' where id = pg_temp.current_card(pg_temp.person(8));
select is(private.hpc_release_due_reports(), 1::bigint, 'the release job publishes the due card');
select is((select status from public.hpc_reports where id = pg_temp.current_card(pg_temp.person(8))), 'published', 'published at its release date');

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
select is((select status from public.hpc_reports where id = pg_temp.current_card(pg_temp.person(9))), 'submitted', 'the batch moved the card');

select * from finish();
rollback;
