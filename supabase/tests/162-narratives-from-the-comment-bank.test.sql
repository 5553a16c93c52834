-- The comment bank: the school's staff read it, students, parents and other schools do not;
-- coordinators of the stage and institution admins add and edit phrases, which are retired
-- rather than deleted; placeholders and levels are checked on every write; a teacher gets
-- the phrases filled in for a child and saves a narrative that keeps the phrase it came from.
--
-- Many test transactions, all rolled back. On Citus a transaction reaches a school's shards
-- over one connection per database user, and a shard written over one may not be read or
-- written over another ("modified in this transaction by a different user", 25001). Acting as
-- a user computes the caller's context as the owner (postgres), reading the caller's profile on
-- every shard; the phrases are written through the API as `authenticated`; the narratives and
-- the owner's changes as postgres. So a transaction ends with the first write through the API
-- (a refused one too: it reached the shard), or holds several of one caller signed in once;
-- the owner's changes come before anyone acts on them in their transaction, or are committed
-- before it (a retired phrase read by the teacher, the narrative the coordinator's edit and a
-- server's delete meet) and undone after it, with their audit entries (an erasure's deletion,
-- hpc.erasure, the one way the append-only log lets rows go), leaving the data as it was.
-- The plan, the values and the helpers live in the session (temporary objects) across the
-- transactions; the `tests` schema is made in each test transaction and rolled back with it.
select plan(52);

-- Vidya Niketan (institution 1): Meera Iyer (02) is class teacher of 4-A, where Aarav Sharma
-- (03, male, Preparatory) is; Lakshmi Narayanan (07) teaches 2-A (Foundational); Farhan
-- Qureshi (05) coordinates every stage; Rajesh Kumar (01) is institution admin, Sunita
-- Deshpande (04) principal; Kavita Sharma (06) is Aarav's mother. Sunrise (2): Joseph
-- D'Souza (12) coordinates the Middle stage only; Priya Menon (13) teaches there.
-- Greenfield (3) has HPC off; Suresh Patil (22) teaches there.
create temporary table t_ctx as
select '10000000-0000-4000-8000-000000000001'::uuid as inst,
       '10000000-0000-4000-8000-000000000002'::uuid as sunrise,
       md5('cycle:1:2')::uuid as open_cycle,
       '00000000-0000-4000-a000-000000000001'::uuid as admin,
       '00000000-0000-4000-a000-000000000002'::uuid as teacher,
       '00000000-0000-4000-a000-000000000003'::uuid as child,
       '00000000-0000-4000-a000-000000000004'::uuid as principal,
       '00000000-0000-4000-a000-000000000005'::uuid as coordinator,
       '00000000-0000-4000-a000-000000000006'::uuid as parent,
       '00000000-0000-4000-a000-000000000007'::uuid as other_teacher,
       '00000000-0000-4000-a000-000000000012'::uuid as middle_coordinator,
       '00000000-0000-4000-a000-000000000013'::uuid as sunrise_teacher,
       '00000000-0000-4000-a000-000000000022'::uuid as hpc_off_teacher,
       md5('parameter:1:PR-MATH-AWA')::uuid as param,
       md5('parameter:1:FS-PHY')::uuid as foundational_param,
       md5('parameter:2:MS-SCI-CRE')::uuid as sunrise_middle_param,
       md5('parameter:2:PR-MATH-AWA')::uuid as sunrise_preparatory_param,
       md5('phrase:1:PR-MATH-AWA:2:en')::uuid as phrase,
       md5('phrase:1:FS-PHY:1:en')::uuid as foundational_phrase;
grant select on t_ctx to authenticated, anon, service_role;

\ir support/tap-across-transactions.sql

-- Runs a statement as a user; 'ok' and its single value, or our error code and message.
create function pg_temp.as_user(p_user uuid, p_sql text) returns text language plpgsql as $$
declare
  v text;
begin
  perform tests.authenticate_as(p_user);
  perform set_config('search_path', 'public, extensions', true);
  execute p_sql into v;
  perform tests.clear_authentication();
  return 'ok ' || coalesce(v, '');
exception when others then
  return (select e ->> 'code' || ': ' || (e ->> 'message') from tests.api_error(sqlstate, sqlerrm) as e);
end $$;
-- The same as the caller already signed in (tests.authenticate_as), for several statements of
-- one caller in a transaction.
create function pg_temp.as_caller(p_sql text) returns text language plpgsql as $$
declare
  v text;
begin
  perform set_config('search_path', 'public, extensions', true);
  execute p_sql into v;
  return 'ok ' || coalesce(v, '');
exception when others then
  return (select e ->> 'code' || ': ' || (e ->> 'message') from tests.api_error(sqlstate, sqlerrm) as e);
end $$;
-- A phrase insert for Vidya Niketan's Preparatory Mathematics (awareness) parameter.
create function pg_temp.add_phrase(p_level bigint, p_language text, p_phrase text) returns text language sql as $$
  select format('insert into public.comment_bank_phrases (parameter_id, level_ordinal, language, phrase) values (%L, %s, %L, %L)',
                (select param from t_ctx), p_level, p_language, p_phrase)
$$;
grant execute on function pg_temp.as_caller(text), pg_temp.add_phrase(bigint, text, text) to authenticated;

-- The committed changes undone: the phrase retired for the teacher's read restored as it was
-- before (the old values of the change's audit entry), the narrative written for the
-- coordinator's edit and the server's delete removed, then their audit entries. Those entries
-- name the fixture as their actor role (the role claim of its transactions). Run first too: the
-- leftovers of an earlier run that stopped before its clean-up.
create temporary table t_fixture as
select '10000000-0000-4000-8000-000000000001'::uuid as inst, 'pgtap-162-comment-bank-fixture'::text as actor_role;
create function pg_temp.undo_fixture() returns void language plpgsql as $$
declare
  v_inst uuid := (select inst from t_fixture);
  v_role text := (select actor_role from t_fixture);
  v_phrase jsonb;
begin
  -- An erasure's deletes: not audited themselves, and allowed on the audit log. The phrase's
  -- insert is audited under the fixture's role, and its entry deleted with the others.
  set local hpc.erasure = on;
  execute format('set local request.jwt.claims = %L', jsonb_build_object('role', v_role));
  delete from public.report_narratives as n
  where n.institution_id = v_inst
    and n.id in (select (a.record_key ->> 'id')::uuid from public.audit_events as a
                 where a.institution_id = v_inst and a.actor_role = v_role and a.table_name = 'report_narratives');
  select a.old_values into v_phrase from public.audit_events as a
  where a.institution_id = v_inst and a.actor_role = v_role and a.table_name = 'comment_bank_phrases' and a.operation = 'UPDATE'
  order by a.occurred_at, a.id limit 1;
  if v_phrase is not null then
    -- Deleted and inserted again rather than updated back: an update stamps updated_at.
    delete from public.comment_bank_phrases as f where f.institution_id = v_inst and f.id = (v_phrase ->> 'id')::uuid;
    insert into public.comment_bank_phrases select * from jsonb_populate_record(null::public.comment_bank_phrases, v_phrase);
    if (select to_jsonb(f) from public.comment_bank_phrases as f
        where f.institution_id = v_inst and f.id = (v_phrase ->> 'id')::uuid) is distinct from v_phrase then
      raise exception 'the phrase % was not restored as it was', v_phrase ->> 'id';
    end if;
  end if;
  delete from public.audit_events as a where a.institution_id = v_inst and a.actor_role = v_role;
end $$;
begin;
select pg_temp.undo_fixture() \gset
commit;

-- Who reads the bank -------------------------------------------------------------------------
begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select teacher from t_ctx), 'select 1 from public.comment_bank_phrases'),
  'rows ' || (select count(*) from public.comment_bank_phrases as f, t_ctx as x where f.institution_id = x.inst),
  'a teacher reads the whole bank of their school');
select ok((select count(*) from public.comment_bank_phrases as f, t_ctx as x where f.institution_id = x.inst) = 144,
  'the demo bank has a phrase per parameter, level and language: 24 parameters x 3 levels x 2 languages');
select is(tests.attempt_as((select coordinator from t_ctx), 'select 1 from public.comment_bank_phrases'),
  'rows 144', 'the coordinator reads it');
select is(tests.attempt_as((select principal from t_ctx), 'select 1 from public.comment_bank_phrases'),
  'rows 144', 'the principal reads it');
select is(tests.attempt_as((select child from t_ctx), 'select 1 from public.comment_bank_phrases'),
  'rows 0', 'a student reads none of it');
select is(tests.attempt_as((select parent from t_ctx), 'select 1 from public.comment_bank_phrases'),
  'rows 0', 'a parent reads none of it');
select is(tests.attempt_as((select sunrise_teacher from t_ctx),
    format('select 1 from public.comment_bank_phrases where institution_id = %L', (select inst from t_ctx))),
  'rows 0', 'another school''s teacher reads none of it');
select is(tests.attempt_as((select hpc_off_teacher from t_ctx), 'select 1 from public.comment_bank_phrases'),
  'rows 0', 'a teacher of a school with HPC off reads nothing');
select is(tests.attempt_as_anon('select 1 from public.comment_bank_phrases'),
  'error 42501', 'anon has no privilege');

-- Who manages it -------------------------------------------------------------------------------
select is(tests.attempt_as((select coordinator from t_ctx), pg_temp.add_phrase(2, 'en', '{name} estimates sensibly before measuring.')),
  'rows 1', 'a coordinator of every stage adds a phrase');
:tap_keep \gset
rollback;
:tap_restore \gset

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select admin from t_ctx), pg_temp.add_phrase(2, 'en', '{name} estimates sensibly before measuring.')),
  'rows 1', 'the institution admin adds a phrase');
:tap_keep \gset
rollback;
:tap_restore \gset

-- The Middle-stage coordinator signed in once for his two phrases.
begin;
\ir support/tests-schema.sql
select tests.authenticate_as((select middle_coordinator from t_ctx));
select is(tests.attempt(
    format('insert into public.comment_bank_phrases (parameter_id, level_ordinal, phrase) values (%L, 3, %L)',
           (select sunrise_middle_param from t_ctx), '{name} designs fair tests of {their} own.')),
  'rows 1', 'a Middle-stage coordinator adds a Middle-stage phrase');
select is(tests.attempt(
    format('insert into public.comment_bank_phrases (parameter_id, level_ordinal, phrase) values (%L, 3, %L)',
           (select sunrise_preparatory_param from t_ctx), '{name} counts in hundreds.')),
  'error 42501', 'a Middle-stage coordinator cannot add to the Preparatory bank');
select tests.clear_authentication();
:tap_keep \gset
rollback;
:tap_restore \gset

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select teacher from t_ctx), pg_temp.add_phrase(2, 'en', '{name} estimates well.')),
  'error 42501', 'a teacher cannot add a phrase');
:tap_keep \gset
rollback;
:tap_restore \gset

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select child from t_ctx), pg_temp.add_phrase(2, 'en', '{name} estimates well.')),
  'error 42501', 'a student cannot add a phrase');
:tap_keep \gset
rollback;
:tap_restore \gset

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select parent from t_ctx), pg_temp.add_phrase(2, 'en', '{name} estimates well.')),
  'error 42501', 'a parent cannot add a phrase');
:tap_keep \gset
rollback;
:tap_restore \gset

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select coordinator from t_ctx),
    format('insert into public.comment_bank_phrases (institution_id, parameter_id, level_ordinal, phrase) values (%L, %L, 2, %L)',
           (select sunrise from t_ctx), (select sunrise_preparatory_param from t_ctx), '{name} counts well.')),
  'error 42501', 'nobody adds a phrase to another school''s bank');
:tap_keep \gset
rollback;
:tap_restore \gset

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select teacher from t_ctx),
    format('update public.comment_bank_phrases set phrase = phrase || %L where id = %L', '!', (select phrase from t_ctx))),
  'rows 0', 'a teacher cannot edit a phrase');
:tap_keep \gset
rollback;
:tap_restore \gset

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select coordinator from t_ctx),
    format('update public.comment_bank_phrases set retired_at = now() where id = %L', (select phrase from t_ctx))),
  'rows 1', 'the coordinator retires a phrase');
:tap_keep \gset
rollback;
:tap_restore \gset

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as((select coordinator from t_ctx),
    format('delete from public.comment_bank_phrases where id = %L', (select phrase from t_ctx))),
  'error 42501', 'nobody deletes a phrase through the API: phrases are retired');

-- The write policies compare the phrase's stage, carried on the row, with the caller's
-- coordinated stages in the request context ('*': every stage).
select is((select array[current_setting('hpc.coordinated_stages', true)]
           from (select tests.authenticate_as(x.middle_coordinator) from t_ctx as x) as signed_in),
  array['{middle}'], 'a Middle-stage coordinator''s context names the stage he coordinates');
select tests.clear_authentication();
select is((select array[current_setting('hpc.coordinated_stages', true)]
           from (select tests.authenticate_as(x.coordinator) from t_ctx as x) as signed_in),
  array['{*}'], 'a coordinator whose duty names no stage coordinates every stage');
select tests.clear_authentication();
select is((select count(*)::int from public.comment_bank_phrases as f
           join public.hpc_parameters as p on p.institution_id = f.institution_id and p.id = f.parameter_id
           where f.stage is distinct from p.stage), 0,
  'every phrase carries its parameter''s stage');
select is(tests.attempt_as((select middle_coordinator from t_ctx),
    format('update public.comment_bank_phrases set parameter_id = %L where institution_id = %L and parameter_id = %L',
           (select sunrise_preparatory_param from t_ctx), (select sunrise from t_ctx), md5('parameter:2:MS-SCI-CRE')::uuid)),
  'error 42501', 'a Middle-stage coordinator cannot move a phrase to a Preparatory parameter');
:tap_keep \gset
rollback;
:tap_restore \gset

begin;
\ir support/tests-schema.sql
select is(pg_temp.as_user((select admin from t_ctx),
    format('insert into public.comment_bank_phrases (parameter_id, level_ordinal, phrase) values (%L, 2, %L)',
           (select sunrise_preparatory_param from t_ctx), '{name} counts well.')),
  format('23503: Parameter %s is not a parameter of this school.', (select sunrise_preparatory_param from t_ctx)),
  'a phrase for a parameter of another school is refused as an unknown parameter');
:tap_keep \gset
rollback;
:tap_restore \gset

-- The owner's change of a parameter's stage, with no one acting after it in its transaction.
begin;
\ir support/tests-schema.sql
update public.hpc_parameters set stage = 'middle' where id = (select foundational_param from t_ctx);
select is((select f.stage::text from public.comment_bank_phrases as f where f.id = (select foundational_phrase from t_ctx)),
  'middle', 'a parameter''s new stage carries to its phrases');
update public.hpc_parameters set stage = 'foundational' where id = (select foundational_param from t_ctx);
:tap_keep \gset
rollback;
:tap_restore \gset

-- What a phrase may say -------------------------------------------------------------------------
-- The coordinator signed in once for all of them.
begin;
\ir support/tests-schema.sql
select tests.authenticate_as((select coordinator from t_ctx));
select is(pg_temp.as_caller(pg_temp.add_phrase(2, 'en', 'Well done, {naam}; {they} {tries|tries}.')),
  'HP400: The phrase has placeholders that are not known: {naam}.', 'an unknown placeholder is refused, named');
select is(pg_temp.as_caller(pg_temp.add_phrase(2, 'en', 'Well done, {name}} and {name.')),
  'HP400: The phrase has placeholders that are not known: } {.', 'a brace without its pair is refused');
select is(pg_temp.as_caller(pg_temp.add_phrase(2, 'hi', '{name} ने {their} काम पूरा किया।')),
  'HP400: The phrase has placeholders that are not known: {their}.', 'English pronouns are refused in a Hindi phrase');
select is(pg_temp.as_caller(pg_temp.add_phrase(4, 'en', '{name} is ready for the next level.')),
  'HP400: Level 4 is not on the scale "preparatory" of parameter PR-MATH-AWA (levels 1, 2, 3).',
  'a level off the parameter''s scale is refused, with the scale''s levels');
select is(tests.attempt(pg_temp.add_phrase(2, 'en', '{name} ' || repeat('counts ', 72))),
  'error 23514', 'a phrase over 500 characters is refused');
select is(pg_temp.as_caller(
    format('update public.comment_bank_phrases set phrase = %L where id = %L', 'Hello {Name}', (select foundational_phrase from t_ctx))),
  'HP400: The phrase has placeholders that are not known: {Name}.', 'an edit is checked as an insert is');
select is(tests.attempt(pg_temp.add_phrase(3, 'hi', '{name} स्थानीय मान {समझाता|समझाती} है।')),
  'rows 1', 'a Hindi phrase with a gendered word is accepted');
select tests.clear_authentication();
:tap_keep \gset
rollback;
:tap_restore \gset

-- Filled in for a child ------------------------------------------------------------------------
-- The phrase is offered: not retired (the committed data; the retirements above were rolled back).
begin;
\ir support/tests-schema.sql
select is(pg_temp.as_user((select teacher from t_ctx),
    format('select filled from public.hpc_fill_comment_phrases(%L, %L, 2, %L)', (select child from t_ctx), (select param from t_ctx), 'en')),
  'ok In Mathematics, Aarav understands the key ideas and handles place value, patterns and measurement independently most of the time.',
  'the class teacher gets the phrase with the child''s first name');
select is(pg_temp.as_user((select teacher from t_ctx),
    format('select count(*) from public.hpc_fill_comment_phrases(%L)', (select child from t_ctx))),
  'ok 108', 'without filters: every phrase of the child''s stage (18 Preparatory parameters x 3 levels x 2 languages), none of another stage');
select is(
  array[private.comment_bank_fill('{They} shares {their} toys; we thank {them}. {name} {करता|करती} है।', 'Aarav', 'male'),
        private.comment_bank_fill('{They} shares {their} toys; we thank {them}. {name} {करता|करती} है।', 'Anaya', 'female'),
        private.comment_bank_fill('{They} shares {their} toys; we thank {them}. {name} {करता|करती} है।', 'Kiran', 'other'),
        private.comment_bank_fill('{They} shares {their} toys; we thank {them}. {name} {करता|करती} है।', 'Kiran', null)],
  array['He shares his toys; we thank him. Aarav करता है।',
        'She shares her toys; we thank her. Anaya करती है।',
        'Kiran shares Kiran''s toys; we thank Kiran. Kiran करता/करती है।',
        'Kiran shares Kiran''s toys; we thank Kiran. Kiran करता/करती है।'],
  'pronouns and gendered words follow the child''s gender; without one, the name and both forms');
:tap_keep \gset
rollback;
:tap_restore \gset

-- The phrase retired by the owner, committed for the teacher's read, then restored.
begin;
set local request.jwt.claims = '{"role": "pgtap-162-comment-bank-fixture"}';
update public.comment_bank_phrases set retired_at = now() where id = (select phrase from t_ctx);
commit;
begin;
\ir support/tests-schema.sql
select is(pg_temp.as_user((select teacher from t_ctx),
    format('select count(*) from public.hpc_fill_comment_phrases(%L, %L, 2, %L)', (select child from t_ctx), (select param from t_ctx), 'en')),
  'ok 0', 'a retired phrase is no longer offered');
:tap_keep \gset
rollback;
:tap_restore \gset
begin;
select pg_temp.undo_fixture() \gset
commit;

begin;
\ir support/tests-schema.sql
select is(pg_temp.as_user((select parent from t_ctx),
    format('select count(*) from public.hpc_fill_comment_phrases(%L)', (select child from t_ctx))),
  'HP403: The comment bank is for the school''s staff.', 'a parent is refused');
select is(pg_temp.as_user((select child from t_ctx),
    format('select count(*) from public.hpc_fill_comment_phrases(%L)', (select child from t_ctx))),
  'HP403: The comment bank is for the school''s staff.', 'a student is refused');
select is(pg_temp.as_user((select other_teacher from t_ctx),
    format('select count(*) from public.hpc_fill_comment_phrases(%L)', (select child from t_ctx))),
  'HP404: No student 00000000-0000-4000-a000-000000000003 among yours.', 'a teacher who cannot see the child is answered 404');
select is(pg_temp.as_user((select sunrise_teacher from t_ctx),
    format('select count(*) from public.hpc_fill_comment_phrases(%L)', (select child from t_ctx))),
  'HP404: No student 00000000-0000-4000-a000-000000000003 among yours.', 'another school''s teacher is answered 404');
select is(pg_temp.as_user((select hpc_off_teacher from t_ctx),
    format('select count(*) from public.hpc_fill_comment_phrases(%L)', (select child from t_ctx))),
  'HPOFF: the Holistic Progress Card is not enabled for this institution', 'HPC off: refused');

-- A narrative from a phrase: the source is kept -------------------------------------------------
select alike(pg_temp.as_user((select teacher from t_ctx),
    format('select public.hpc_save_narrative(%L, %L, %L, p_source_phrase_id => %L)', (select open_cycle from t_ctx),
           (select child from t_ctx), 'In Mathematics, Aarav understands the key ideas and now explains them to his group.',
           (select phrase from t_ctx))),
  'ok %', 'the class teacher saves a narrative written from a phrase');
select is((select (n.source_phrase_id, n.source_phrase_text)::text from public.report_narratives as n, t_ctx as x
           where n.cycle_id = x.open_cycle and n.student_id = x.child),
  (select (f.id, f.phrase)::text from public.comment_bank_phrases as f, t_ctx as x where f.id = x.phrase),
  'the narrative keeps the phrase and its text as used');
:tap_keep \gset
rollback;
:tap_restore \gset

-- The narrative written from the phrase, as above, by the same function under the teacher's id
-- (claims whose role names the fixture), committed for the coordinator's edit and the server's
-- delete below; removed at the end.
begin;
set local request.jwt.claims = '{"sub": "00000000-0000-4000-a000-000000000002", "role": "pgtap-162-comment-bank-fixture"}';
do $$
begin
  perform private.hpc_save_narrative(x.open_cycle, x.child,
    'In Mathematics, Aarav understands the key ideas and now explains them to his group.', null, null, x.phrase)
  from t_ctx as x;
end $$;
commit;
-- The coordinator signed in once: her edit, then the narrative as she reads it.
begin;
\ir support/tests-schema.sql
select tests.authenticate_as((select coordinator from t_ctx));
select is(pg_temp.as_caller(
    format('update public.comment_bank_phrases set phrase = %L, retired_at = now() where id = %L returning 1',
           'In Mathematics, {name} understands place value and measures carefully.', (select phrase from t_ctx))),
  'ok 1', 'the coordinator later edits and retires the phrase');
select is((select (n.source_phrase_id, n.source_phrase_text)::text from public.report_narratives as n, t_ctx as x
           where n.cycle_id = x.open_cycle and n.student_id = x.child),
  (select (x.phrase, 'In Mathematics, {name} understands the key ideas and handles place value, patterns and measurement independently most of the time.')::text
   from t_ctx as x),
  'the narrative still names the phrase, with the text it was written from');
select tests.clear_authentication();
:tap_keep \gset
rollback;
:tap_restore \gset

-- The phrase as the coordinator left it, changed by the owner before the teacher's saves.
begin;
\ir support/tests-schema.sql
update public.comment_bank_phrases set phrase = 'In Mathematics, {name} understands place value and measures carefully.', retired_at = now()
where id = (select phrase from t_ctx);
select alike(pg_temp.as_user((select teacher from t_ctx),
    format('select public.hpc_save_narrative(%L, %L, %L)', (select open_cycle from t_ctx), (select child from t_ctx),
           'Aarav understands place value and explains it to his group.')),
  'ok %', 'saving the narrative again without a phrase');
select is((select n.source_phrase_id from public.report_narratives as n, t_ctx as x
           where n.cycle_id = x.open_cycle and n.student_id = x.child),
  (select phrase from t_ctx), 'keeps the phrase it came from');
select is(pg_temp.as_user((select teacher from t_ctx),
    format('select public.hpc_save_narrative(%L, %L, %L, p_source_phrase_id => %L)', (select open_cycle from t_ctx),
           (select child from t_ctx), 'Text.', (select phrase from t_ctx))),
  'HP422: the phrase was retired from the comment bank; pick another', 'a retired phrase cannot start a new narrative');
select is(pg_temp.as_user((select teacher from t_ctx),
    format('select public.hpc_save_narrative(%L, %L, %L, p_source_phrase_id => %L)', (select open_cycle from t_ctx),
           (select child from t_ctx), 'Text.', (select foundational_phrase from t_ctx))),
  'HP422: the phrase is of the foundational stage bank and the student is in the preparatory stage',
  'a phrase of another stage''s bank is refused');
select is(pg_temp.as_user((select teacher from t_ctx),
    format('select public.hpc_save_narrative(%L, %L, %L, p_source_phrase_id => %L)', (select open_cycle from t_ctx),
           (select child from t_ctx), 'Text.', md5('phrase:2:PR-MATH-AWA:2:en')::uuid)),
  'HP404: no such phrase in your school''s comment bank', 'another school''s phrase is unknown');
:tap_keep \gset
rollback;
:tap_restore \gset

begin;
\ir support/tests-schema.sql
select is(tests.attempt_as_service_role(format('delete from public.comment_bank_phrases where id = %L', (select phrase from t_ctx))),
  'error 23503', 'even a server cannot delete a phrase a narrative came from');
:tap_keep \gset
rollback;
:tap_restore \gset

-- The committed narrative removed: the data is as it was before the file ran.
begin;
select pg_temp.undo_fixture() \gset
commit;

select * from finish();
