-- "What awaits me" lists a card for exactly the person who has the next move on it: the class
-- teacher a reopened card, the coordinator of its stage (or of every stage) a submitted one,
-- not yet the principal, never a parent.
begin;
\ir support/tests-schema.sql
select plan(6);
\ir reports/fixture.sql
\ir reports/actions.sql

-- Ananya's card published and reopened; Kabir's submitted.
create temp table t_re on commit drop as
select pg_temp.transition(pg_temp.person(1), pg_temp.card_in_status('published', pg_temp.person(7)), 'reopen', 'Wrong attendance figure') as r;
do $$ begin perform pg_temp.card_in_status('submitted', pg_temp.person(8)); end $$;

select ok(pg_temp.cards_awaiting(pg_temp.person(3)) @> jsonb_build_array(jsonb_build_object('report_id', (select r ->> 'report_id' from t_re), 'action', 'submit')),
  'the class teacher: the reopened card awaits submission');
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

select * from finish();
rollback;
