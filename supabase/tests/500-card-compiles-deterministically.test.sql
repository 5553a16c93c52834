-- Compiling a card: stored as the current draft, the same data gives the same card and hash
-- (no new version, no lock_version bump, no audit row), changed data updates the draft in
-- place, and the card holds every part of the HPC without marks or ranks.
begin;
\ir support/tests-schema.sql
select plan(21);
\ir reports/fixture.sql
\ir reports/actions.sql

create temp table t_first on commit drop as select pg_temp.generate_card(pg_temp.person(3), pg_temp.person(7)) as r;
-- The card and the child by value: on Citus a pg_temp helper inside a query that reaches a
-- shard is sent there, where it does not exist.
select pg_temp.current_card(pg_temp.person(7)) as card, pg_temp.person(7) as ananya \gset
select is((select r ->> 'outcome' from t_first), 'created', 'the class teacher compiles a card: a new current draft');
select is((select (status, version, is_current, lock_version)::text from public.hpc_reports where id = :'card'),
  '(draft,1,t,0)', 'stored as version 1, draft, current, lock_version 0');
select is((select content_hash from public.hpc_reports where id = :'card'),
  (select encode(sha256(convert_to(content::text, 'UTF8')), 'hex') from public.hpc_reports where id = :'card'),
  'content_hash is sha256 of the canonical jsonb text');

create temp table t_audit0 on commit drop as
  select count(*) as n from public.audit_events where table_name = 'hpc_reports' and record_key ->> 'id' = :'card';
select is(pg_temp.generate_card(pg_temp.person(3), pg_temp.person(7)) ->> 'outcome', 'unchanged', 'regenerating unchanged data: outcome unchanged');
select is(pg_temp.lock_version(pg_temp.current_card(pg_temp.person(7))), 0::bigint, 'no lock_version bump');
select is(pg_temp.audit_rows_of('hpc_reports', pg_temp.current_card(pg_temp.person(7))), (select n from t_audit0), 'no audit row');
select is((select count(*)::int from public.hpc_reports where student_id = :'ananya'), 1, 'no new row');
select is(pg_temp.generate_card(pg_temp.person(1), pg_temp.person(7)) ->> 'content_hash', (select r ->> 'content_hash' from t_first),
  'the same data compiled by another caller gives the same hash');

-- content
create temp table t_card on commit drop as select content as c from public.hpc_reports where id = :'card';
select is((select c #>> '{areas,0,parameters,0,terms,1,self,label}' from t_card), 'Beginner',
  'self level derived from the Middle-stage grid (1 statement circled = Beginner)');
select is((select c #>> '{areas,0,parameters,0,terms,1,teacher,label}' from t_card), 'Advanced', 'teacher level side by side');
select is((select c #>> '{areas,0,parameters,0,terms,1,teacher,icon}' from t_card), 'sky', 'level icon carried');
select is((select c #>> '{flags,teacher_self_gap,0,code}' from t_card), 'M-LR1-AW', 'teacher/self gap of two flagged');
select is((select c #> '{completion,missing_roles}' from t_card), '["parent", "peer", "self"]'::jsonb, 'completion names the missing rater roles');
select is((select (c #>> '{completion,complete}')::boolean from t_card), false, 'card not complete');
select ok((select c #>> '{narrative,1,summary}' from t_card) like 'Ananya is a curious reader%', 'teacher narrative included');
select is((select jsonb_array_length(c -> 'achievements') from t_card), 1, 'achievements included');
select is((select c #>> '{reflections,ambition_card,0,body}' from t_card), 'Read one book every month', 'Ambition Card included');
select is((select c #>> '{parent_partnership,0,content,homework}' from t_card), 'regular', 'parent partnership included');
select ok((select c::text !~* '"(marks?|total|totals|rank|ranks|percentile|percentiles|score)"' from t_card),
  'no marks, totals, ranks or percentiles');

-- changed data → updated in place
insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal, status, submitted_at)
values (pg_temp.school(1), pg_temp.cycle(1), pg_temp.person(7), 'a5a5a5a5-0005-4000-8005-000000000001', 'peer', pg_temp.person(8), 2, 'submitted', now());
select is(pg_temp.generate_card(pg_temp.person(3), pg_temp.person(7)) ->> 'outcome', 'updated', 'new rating: the draft is updated');
select is((select (count(*), max(lock_version))::text from public.hpc_reports where student_id = :'ananya'), '(1,1)',
  'same row, lock_version bumped once');

select * from finish();
rollback;
