-- The card in the school's language, on the demo data (Vidya Niketan has Hindi and Tamil
-- translations of its parameters, levels and cycles; Sunrise Hindi ones of its Foundational and
-- Preparatory content): who reads and manages
-- translations, the fallback to the school's default language and its mark, and a
-- published card that keeps the texts it was compiled with.
--
-- Several transactions, for Citus: within one, a shard written as one database user cannot be
-- read or written as another (25001), and tests.authenticate_as reads the caller's profile as
-- the owner. So a user's write ends its transaction (the attempts are undone: each starts from
-- the demo data), the translation "written by the platform" is committed before the user
-- reads it and removed after, and the owner's part runs in a transaction of its own.

-- The plan and the people, for the whole session.
begin;
select plan(25);
create temp table t_ids as select
  '10000000-0000-4000-8000-000000000001'::uuid as vidya_niketan,
  md5('cycle:1:1')::uuid as term1,
  md5('parameter:1:PR-MATH-AWA')::uuid as math_awareness,
  '00000000-0000-4000-a000-000000000003'::uuid as aarav,
  '00000000-0000-4000-a000-000000000009'::uuid as anaya,
  '00000000-0000-4000-a000-000000000001'::uuid as rajesh_admin,
  '00000000-0000-4000-a000-000000000002'::uuid as meera_teacher,
  '00000000-0000-4000-a000-000000000005'::uuid as farhan_coordinator,
  '00000000-0000-4000-a000-000000000006'::uuid as kavita_parent,
  '00000000-0000-4000-a000-000000000007'::uuid as lakshmi_teacher,
  '00000000-0000-4000-a000-000000000016'::uuid as vikram_other_admin;
-- read as the signed-in teacher below
grant select on t_ids to authenticated;
commit;

-- Who reads and manages translations --------------------------------------------------------
begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select meera_teacher from t_ids), 'select 1 from parameter_translations'),
  'rows ' || (select count(*) from public.parameter_translations where institution_id = (select vidya_niketan from t_ids)),
  'a teacher reads the school''s parameter translations');
select is(tests.attempt_as((select meera_teacher from t_ids), 'select 1 from rubric_translations union all select 1 from cycle_translations'),
  'rows ' || (select (select count(*) from public.rubric_translations where institution_id = (select vidya_niketan from t_ids))
                   + (select count(*) from public.cycle_translations where institution_id = (select vidya_niketan from t_ids))),
  'a teacher reads the level and cycle translations');
select is(tests.attempt_as((select aarav from t_ids), 'select 1 from parameter_translations'), 'rows 0', 'a student reads none');
select is(tests.attempt_as((select kavita_parent from t_ids), 'select 1 from rubric_translations'), 'rows 0', 'a parent reads none');
select is(tests.attempt_as_anon('select 1 from cycle_translations'), 'error 42501', 'anon has no privilege');
select is(tests.attempt_as((select meera_teacher from t_ids), $$update parameter_translations set name = name || '.'$$),
  'rows 0', 'a teacher cannot edit them');
rollback;

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select meera_teacher from t_ids),
  format($$insert into rubric_translations (rubric_id, language, label) values (%L, 'en', 'Beginner')$$, md5('rubric:1:preparatory:1'))),
  'error 42501', 'a teacher cannot add one');
rollback;

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select farhan_coordinator from t_ids),
  format($$insert into rubric_translations (rubric_id, language, label) values (%L, 'en', 'Beginner')$$, md5('rubric:1:preparatory:1'))),
  'rows 1', 'a coordinator adds one, without naming the school');
rollback;

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select farhan_coordinator from t_ids), $$update parameter_translations set name = name where language = 'hi'$$),
  'rows 24', 'a coordinator edits them');
rollback;

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select rajesh_admin from t_ids), $$delete from cycle_translations where language = 'ta'$$),
  'rows 2', 'an institution admin removes them');
rollback;

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select vikram_other_admin from t_ids),
  format($$select 1 from parameter_translations where institution_id = %L$$, (select vidya_niketan from t_ids))),
  'rows 0', 'another school''s admin reads none of them');
select is(tests.attempt_as((select vikram_other_admin from t_ids),
  format($$update rubric_translations set label = label where institution_id = %L$$, (select vidya_niketan from t_ids))),
  'rows 0', 'another school''s admin edits none of them');
rollback;

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select vikram_other_admin from t_ids),
  format($$insert into parameter_translations (institution_id, parameter_id, language, name) values (%L, %L, 'en', 'x')$$,
         (select vidya_niketan from t_ids), (select math_awareness from t_ids))),
  'error 42501', 'another school''s admin cannot add one to this school');
rollback;

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as('00000000-0000-4000-a000-000000000025',
  format($$insert into parameter_translations (parameter_id, language, name) values (%L, 'hi', 'गणित')$$, md5('parameter:3:PR-MATH-AWA'))),
  'error 42501', 'an HPC-off school''s admin cannot add one for its own parameter');
rollback;

-- The platform writes one there, committed (after what an earlier run may have left) and
-- removed again below, triggers off (the removal leaves no trace), with its audit entry.
begin;
set local session_replication_role = replica;
delete from public.audit_events
where institution_id = '10000000-0000-4000-8000-000000000003' and table_name = 'parameter_translations'
  and record_key ->> 'parameter_id' = md5('parameter:3:PR-MATH-AWA')::uuid::text and record_key ->> 'language' = 'hi';
delete from public.parameter_translations
where institution_id = '10000000-0000-4000-8000-000000000003' and parameter_id = md5('parameter:3:PR-MATH-AWA')::uuid and language = 'hi';
commit;
begin;
insert into public.parameter_translations (institution_id, parameter_id, language, name)
values ('10000000-0000-4000-8000-000000000003', md5('parameter:3:PR-MATH-AWA')::uuid, 'hi', 'गणित — जागरूकता');
commit;

-- Whatever happens in between, the row is removed.
\set ON_ERROR_STOP 0
begin;
\ir support/tests-schema.sql
select is(tests.attempt_as('00000000-0000-4000-a000-000000000025',
  format($$select 1 from parameter_translations where parameter_id = %L$$, md5('parameter:3:PR-MATH-AWA'))),
  'rows 0', '… nor read one there (written by the platform)');
rollback;
\set ON_ERROR_STOP 1

begin;
set local session_replication_role = replica;
delete from public.audit_events
where institution_id = '10000000-0000-4000-8000-000000000003' and table_name = 'parameter_translations'
  and record_key ->> 'parameter_id' = md5('parameter:3:PR-MATH-AWA')::uuid::text and record_key ->> 'language' = 'hi';
delete from public.parameter_translations
where institution_id = '10000000-0000-4000-8000-000000000003' and parameter_id = md5('parameter:3:PR-MATH-AWA')::uuid and language = 'hi';
commit;

-- The fallback rule --------------------------------------------------------------------------
begin;
\ir support/tests-schema.sql

create function pg_temp.card(p_student uuid) returns jsonb language sql as $$
  select private.hpc_compile_card(i.vidya_niketan, i.term1, p_student) from t_ids as i
$$;

select is((select c -> 'i18n' ->> 'default_language' from (select pg_temp.card((select aarav from t_ids)) as c) as x),
  'en', 'the card names the school''s default language');
select is((select array_agg(l.key || ':' || jsonb_array_length(l.value -> 'fallback') order by l.key)
           from jsonb_each(pg_temp.card((select aarav from t_ids)) -> 'i18n' -> 'languages') as l),
  array['hi:0', 'ta:0'], 'every text of Aarav''s card is translated into Hindi and Tamil (and English is the default)');
select is(pg_temp.card((select aarav from t_ids)) #>> array['i18n', 'languages', 'hi', 'texts', 'parameter:' || (select math_awareness from t_ids) || ':name'],
  'गणित — जागरूकता', 'the Hindi name of a parameter');

delete from public.parameter_translations where parameter_id = (select math_awareness from t_ids) and language = 'hi';
select is(pg_temp.card((select aarav from t_ids)) #>> array['i18n', 'languages', 'hi', 'texts', 'parameter:' || (select math_awareness from t_ids) || ':name'],
  'Mathematics — Awareness', 'without a Hindi translation the parameter falls back to the default language''s name');
select is(pg_temp.card((select aarav from t_ids)) #> array['i18n', 'languages', 'hi', 'fallback'],
  jsonb_build_array('parameter:' || (select math_awareness from t_ids) || ':name'), '… and only that text is marked as fallen back');

-- The school's id read first: Citus refuses an update of a reference table that reads the
-- temporary table ("relation t_ids is not distributed").
select vidya_niketan from t_ids \gset
update public.institutions set default_language = 'hi' where id = :'vidya_niketan';
select is((select array_agg(l.key order by l.key) from jsonb_each(pg_temp.card((select aarav from t_ids)) -> 'i18n' -> 'languages') as l),
  array['en', 'ta'], 'a Hindi school''s card carries English and Tamil texts');
select is((select (x.c #>> '{i18n,languages,en,texts,cycle}', x.c #> '{i18n,languages,en,fallback}' ? 'cycle')::text
           from (select pg_temp.card((select aarav from t_ids)) as c) as x),
  '("Term 1 2026-27",t)', 'with no English translations its English texts fall back, marked');
update public.institutions set default_language = 'en' where id = :'vidya_niketan';

-- A published card keeps the texts it was compiled with ----------------------------------------
create temp table t_published on commit drop as
  select r.id, r.content, r.content_hash from public.hpc_reports as r
  where r.student_id = (select anaya from t_ids) and r.status = 'published';
update public.cycle_translations set name = 'पहला सत्र, 2026-27'
where cycle_id = (select term1 from t_ids) and language = 'hi';
select is((select (r.content = p.content, r.content_hash = p.content_hash, r.content #>> '{i18n,languages,hi,texts,cycle}')::text
           from public.hpc_reports as r join t_published as p on p.id = r.id),
  '(t,t,"सत्र 1, 2026-27")', 'the published card still has the Hindi cycle name it was published with');

select tests.authenticate_as((select lakshmi_teacher from t_ids));
select is((select (g.outcome)::text from public.hpc_generate_report((select term1 from t_ids), (select anaya from t_ids)) as g),
  'updated', 'the class teacher regenerates the reopened draft version');
select tests.clear_authentication();
select is((select content #>> '{i18n,languages,hi,texts,cycle}' from public.hpc_reports
           where student_id = (select anaya from t_ids) and is_current),
  'पहला सत्र, 2026-27', 'the new version has the edited translation, the published one keeps the old');

select * from finish();
rollback;
