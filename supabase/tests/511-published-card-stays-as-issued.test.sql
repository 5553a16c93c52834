-- A published card cannot change or be deleted; only the principal reopens it, with a reason,
-- as a new draft version that supersedes it while the published version stays as issued.
begin;
\ir support/tests-schema.sql
select plan(12);
\ir reports/fixture.sql
\ir reports/actions.sql

create temp table t_a on commit drop as select pg_temp.card_in_status('published', pg_temp.person(7)) as id;

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
-- The value is read apart from its assertion: a statement that reads one school's rows goes
-- whole to that school's shard on Citus, pgTAP's is() and the pg_temp helpers with it.
select (r ->> 'report_id') as new_version, pg_temp.person(1) as principal from t_re \gset
select count(*)::int as audited from public.audit_events where table_name = 'hpc_reports' and operation = 'INSERT'
  and record_key ->> 'id' = :'new_version' and actor_id = :'principal' \gset
select is(:audited, 1, 'the new version''s insert is audited with the principal');

select * from finish();
rollback;
