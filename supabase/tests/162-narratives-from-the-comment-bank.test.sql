-- The comment bank: the school's staff read it, students, parents and other schools do not;
-- coordinators of the stage and institution admins add and edit phrases, which are retired
-- rather than deleted; placeholders and levels are checked on every write; a teacher gets
-- the phrases filled in for a child and saves a narrative that keeps the phrase it came from.
begin;
\ir support/tests-schema.sql
select plan(52);

-- Vidya Niketan (institution 1): Meera Iyer (02) is class teacher of 4-A, where Aarav Sharma
-- (03, male, Preparatory) is; Lakshmi Narayanan (07) teaches 2-A (Foundational); Farhan
-- Qureshi (05) coordinates every stage; Rajesh Kumar (01) is institution admin, Sunita
-- Deshpande (04) principal; Kavita Sharma (06) is Aarav's mother. Sunrise (2): Joseph
-- D'Souza (12) coordinates the Middle stage only; Priya Menon (13) teaches there.
-- Greenfield (3) has HPC off; Suresh Patil (22) teaches there.
create temporary table t_ctx on commit drop as
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
-- A phrase insert for Vidya Niketan's Preparatory Mathematics (awareness) parameter.
create function pg_temp.add_phrase(p_level bigint, p_language text, p_phrase text) returns text language sql as $$
  select format('insert into public.comment_bank_phrases (parameter_id, level_ordinal, language, phrase) values (%L, %s, %L, %L)',
                (select param from t_ctx), p_level, p_language, p_phrase)
$$;

-- Who reads the bank -------------------------------------------------------------------------
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
select is(tests.attempt_as((select admin from t_ctx), pg_temp.add_phrase(2, 'en', '{name} estimates sensibly before measuring.')),
  'rows 1', 'the institution admin adds a phrase');
select is(tests.attempt_as((select middle_coordinator from t_ctx),
    format('insert into public.comment_bank_phrases (parameter_id, level_ordinal, phrase) values (%L, 3, %L)',
           (select sunrise_middle_param from t_ctx), '{name} designs fair tests of {their} own.')),
  'rows 1', 'a Middle-stage coordinator adds a Middle-stage phrase');
select is(tests.attempt_as((select middle_coordinator from t_ctx),
    format('insert into public.comment_bank_phrases (parameter_id, level_ordinal, phrase) values (%L, 3, %L)',
           (select sunrise_preparatory_param from t_ctx), '{name} counts in hundreds.')),
  'error 42501', 'a Middle-stage coordinator cannot add to the Preparatory bank');
select is(tests.attempt_as((select teacher from t_ctx), pg_temp.add_phrase(2, 'en', '{name} estimates well.')),
  'error 42501', 'a teacher cannot add a phrase');
select is(tests.attempt_as((select child from t_ctx), pg_temp.add_phrase(2, 'en', '{name} estimates well.')),
  'error 42501', 'a student cannot add a phrase');
select is(tests.attempt_as((select parent from t_ctx), pg_temp.add_phrase(2, 'en', '{name} estimates well.')),
  'error 42501', 'a parent cannot add a phrase');
select is(tests.attempt_as((select coordinator from t_ctx),
    format('insert into public.comment_bank_phrases (institution_id, parameter_id, level_ordinal, phrase) values (%L, %L, 2, %L)',
           (select sunrise from t_ctx), (select sunrise_preparatory_param from t_ctx), '{name} counts well.')),
  'error 42501', 'nobody adds a phrase to another school''s bank');
select is(tests.attempt_as((select teacher from t_ctx),
    format('update public.comment_bank_phrases set phrase = phrase || %L where id = %L', '!', (select phrase from t_ctx))),
  'rows 0', 'a teacher cannot edit a phrase');
select is(tests.attempt_as((select coordinator from t_ctx),
    format('update public.comment_bank_phrases set retired_at = now() where id = %L', (select phrase from t_ctx))),
  'rows 1', 'the coordinator retires a phrase');
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
select is(pg_temp.as_user((select admin from t_ctx),
    format('insert into public.comment_bank_phrases (parameter_id, level_ordinal, phrase) values (%L, 2, %L)',
           (select sunrise_preparatory_param from t_ctx), '{name} counts well.')),
  format('23503: Parameter %s is not a parameter of this school.', (select sunrise_preparatory_param from t_ctx)),
  'a phrase for a parameter of another school is refused as an unknown parameter');
update public.hpc_parameters set stage = 'middle' where id = (select foundational_param from t_ctx);
select is((select f.stage::text from public.comment_bank_phrases as f where f.id = (select foundational_phrase from t_ctx)),
  'middle', 'a parameter''s new stage carries to its phrases');
update public.hpc_parameters set stage = 'foundational' where id = (select foundational_param from t_ctx);

-- What a phrase may say -------------------------------------------------------------------------
select is(pg_temp.as_user((select coordinator from t_ctx), pg_temp.add_phrase(2, 'en', 'Well done, {naam}; {they} {tries|tries}.')),
  'HP400: The phrase has placeholders that are not known: {naam}.', 'an unknown placeholder is refused, named');
select is(pg_temp.as_user((select coordinator from t_ctx), pg_temp.add_phrase(2, 'en', 'Well done, {name}} and {name.')),
  'HP400: The phrase has placeholders that are not known: } {.', 'a brace without its pair is refused');
select is(pg_temp.as_user((select coordinator from t_ctx), pg_temp.add_phrase(2, 'hi', '{name} ने {their} काम पूरा किया।')),
  'HP400: The phrase has placeholders that are not known: {their}.', 'English pronouns are refused in a Hindi phrase');
select is(pg_temp.as_user((select coordinator from t_ctx), pg_temp.add_phrase(4, 'en', '{name} is ready for the next level.')),
  'HP400: Level 4 is not on the scale "preparatory" of parameter PR-MATH-AWA (levels 1, 2, 3).',
  'a level off the parameter''s scale is refused, with the scale''s levels');
select is(tests.attempt_as((select coordinator from t_ctx), pg_temp.add_phrase(2, 'en', '{name} ' || repeat('counts ', 72))),
  'error 23514', 'a phrase over 500 characters is refused');
select is(pg_temp.as_user((select coordinator from t_ctx),
    format('update public.comment_bank_phrases set phrase = %L where id = %L', 'Hello {Name}', (select foundational_phrase from t_ctx))),
  'HP400: The phrase has placeholders that are not known: {Name}.', 'an edit is checked as an insert is');
select is(tests.attempt_as((select coordinator from t_ctx), pg_temp.add_phrase(3, 'hi', '{name} स्थानीय मान {समझाता|समझाती} है।')),
  'rows 1', 'a Hindi phrase with a gendered word is accepted');

-- Filled in for a child ------------------------------------------------------------------------
update public.comment_bank_phrases set retired_at = null where id = (select phrase from t_ctx);
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
update public.comment_bank_phrases set retired_at = now() where id = (select phrase from t_ctx);
select is(pg_temp.as_user((select teacher from t_ctx),
    format('select count(*) from public.hpc_fill_comment_phrases(%L, %L, 2, %L)', (select child from t_ctx), (select param from t_ctx), 'en')),
  'ok 0', 'a retired phrase is no longer offered');
update public.comment_bank_phrases set retired_at = null where id = (select phrase from t_ctx);
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
select is(pg_temp.as_user((select coordinator from t_ctx),
    format('update public.comment_bank_phrases set phrase = %L, retired_at = now() where id = %L returning 1',
           'In Mathematics, {name} understands place value and measures carefully.', (select phrase from t_ctx))),
  'ok 1', 'the coordinator later edits and retires the phrase');
select is((select (n.source_phrase_id, n.source_phrase_text)::text from public.report_narratives as n, t_ctx as x
           where n.cycle_id = x.open_cycle and n.student_id = x.child),
  (select (x.phrase, 'In Mathematics, {name} understands the key ideas and handles place value, patterns and measurement independently most of the time.')::text
   from t_ctx as x),
  'the narrative still names the phrase, with the text it was written from');
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
select is(tests.attempt_as_service_role(format('delete from public.comment_bank_phrases where id = %L', (select phrase from t_ctx))),
  'error 23503', 'even a server cannot delete a phrase a narrative came from');

select * from finish();
rollback;
