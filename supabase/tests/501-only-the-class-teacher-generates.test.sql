-- Who may generate a card: not a subject teacher, a parent or the class teacher of another
-- section (HP403), not another school (HP404), not anon (42501), and nobody with HPC off.
begin;
\ir support/tests-schema.sql
select plan(6);
\ir reports/fixture.sql
\ir reports/actions.sql

-- who may generate
select throws_ok($$ select pg_temp.generate_card(pg_temp.person(4), pg_temp.person(7)) $$, 'HP403', null, 'a subject teacher may not generate');
select throws_ok($$ select pg_temp.generate_card(pg_temp.person(10), pg_temp.person(7)) $$, 'HP403', null, 'a parent may not generate');
select throws_ok($$ select pg_temp.generate_card(pg_temp.person(5), pg_temp.person(7)) $$, 'HP403', null, 'the class teacher of another section may not generate');
select throws_ok($$ select pg_temp.generate_card(pg_temp.person(21), pg_temp.person(7)) $$, 'HP404', null, 'another institution''s principal: not found');
select throws_ok($$ select pg_temp.generate_card(null, pg_temp.person(7)) $$, '42501', null, 'anon cannot call the function at all');
update public.institution_feature_flags set enabled = false where institution_id = pg_temp.school(1);
select throws_ok($$ select pg_temp.generate_card(pg_temp.person(3), pg_temp.person(7)) $$, 'HPOFF', null, 'HPC off: HPOFF');
update public.institution_feature_flags set enabled = true where institution_id = pg_temp.school(1);

select * from finish();
rollback;
