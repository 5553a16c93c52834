-- A guardian's consent to the parent and peer parts of the card, where the school records it:
-- without the school's rule nothing changes; with it, a parent's or classmate's rating of a
-- child is stored only under a standing consent to that part; guardians give and withdraw it,
-- the admin or principal records a signed form, and who may read and change what is checked.
--
-- Three test transactions, all rolled back. On Citus a transaction reaches a school's shards
-- over one connection per database user, and a shard written over one may not be written over
-- another ("modified in this transaction by a different user", 25001): the rule and the
-- ratings here are written by their functions' owner (postgres), the mother's rating through
-- the API as `authenticated`. So the mother's attempt has a transaction of its own, under the
-- school's rule committed just before it (as the admin sets it) and removed just after; the
-- tests before and after it run as they did in one transaction, the admin setting the rule
-- again where they go on. The plan, the values and the helpers live in the session
-- (temporary objects) across the transactions; the `tests` schema is made in each test
-- transaction and rolled back with it.
select plan(29);

-- Sunrise (institution 2): Neha Verma (15) is the mother of Ishaan Verma (14, 7-A); Vikram
-- Rao (16) the institution admin, Harpreet Kaur (11) the principal, Priya Menon (13) his
-- class teacher. Kavita Sharma (6) is a parent at Vidya Niketan. Term 2 is open.
create temporary table t_ctx as
select '10000000-0000-4000-8000-000000000002'::uuid as inst,
       md5('cycle:2:2')::uuid as open_cycle,
       '00000000-0000-4000-a000-000000000014'::uuid as child,
       '00000000-0000-4000-a000-000000000015'::uuid as mother,
       '00000000-0000-4000-a000-000000000016'::uuid as admin,
       '00000000-0000-4000-a000-000000000011'::uuid as principal,
       '00000000-0000-4000-a000-000000000013'::uuid as teacher,
       (select p.id from public.hpc_parameters as p
        where p.institution_id = '10000000-0000-4000-8000-000000000002' and p.code = 'MS-LR1-AWA') as param,
       (select s.student_id from public.section_students as s
        where s.section_id = (select x.section_id from public.section_students as x
                              where x.student_id = '00000000-0000-4000-a000-000000000014' limit 1)
          and s.student_id <> '00000000-0000-4000-a000-000000000014' order by s.student_id limit 1) as classmate;
grant select on t_ctx to authenticated;

\ir support/tap-across-transactions.sql

-- Runs a statement as a user; 'ok' and its jsonb answer, or our error code and message.
create function pg_temp.as_user(p_user uuid, p_sql text) returns text language plpgsql as $$
declare
  v text;
begin
  perform tests.authenticate_as(p_user);
  execute p_sql into v;
  perform tests.clear_authentication();
  return 'ok ' || coalesce(v, '');
exception when others then
  return (select e ->> 'code' || ': ' || (e ->> 'message') from tests.api_error(sqlstate, sqlerrm) as e);
end $$;
-- A rating of the child by the given rater role, written as postgres (the trigger applies to
-- every writer): 'stored', or the error code.
create function pg_temp.rate(p_role text) returns text language plpgsql as $$
begin
  insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
  select x.inst, x.open_cycle, x.child, x.param, p_role::public.hpc_rater_role,
         case p_role when 'parent' then x.mother when 'peer' then x.classmate else x.teacher end, 2
  from t_ctx as x
  on conflict on constraint hpc_evaluations_rating_key do update set level_ordinal = 3 - excluded.level_ordinal;
  return 'stored';
exception when others then
  return tests.api_error(sqlstate, sqlerrm) ->> 'code';
end $$;

-- The school's rule as committed for the mother's attempt: a row of the rules for Sunrise, which
-- has none, set by this file's id (set_by) so that it is told from one its admin sets. Removed
-- after the attempt, and first: the leftover of an earlier run that stopped before its clean-up.
create temporary table t_fixture as
select '10000000-0000-4000-8000-000000000002'::uuid as inst, md5('pgtap:161:consent-rule')::uuid as set_by;
create function pg_temp.remove_rule() returns void language plpgsql as $$
begin
  delete from private.hpc_consent_policies as p
  using t_fixture as f
  where p.institution_id = f.inst and p.set_by = f.set_by;
end $$;
begin;
select pg_temp.remove_rule() \gset
commit;

begin;
\ir support/tests-schema.sql

-- Without the school's rule ----------------------------------------------------------------
select is(pg_temp.rate('parent'), 'stored', 'a school that does not record consent stores parent ratings');
select is(pg_temp.rate('peer'), 'stored', 'and peer ratings');

-- The rule: the institution admin's --------------------------------------------------------
select is(pg_temp.as_user((select principal from t_ctx), $$select public.hpc_set_consent_required(true)::text$$),
  'HP403: Only your school''s institution admin may do this.', 'the principal may not set the rule');
select is(pg_temp.as_user((select admin from t_ctx), $$select public.hpc_set_consent_required(true)::text$$),
  'ok true', 'the admin makes consent required');
select is(private.hpc_compile_card((select inst from t_ctx), (select open_cycle from t_ctx), (select child from t_ctx)) -> 'not_collected',
  '[{"part": "parent", "reason": "no_consent"}, {"part": "peer", "reason": "no_consent"}]'::jsonb,
  'the card says the parent and peer parts are not collected for want of consent');
select is(pg_temp.rate('parent'), 'HP422', 'without consent a parent rating is refused (HP422)');
select is(pg_temp.rate('peer'), 'HP422', 'and a peer rating');
select is(pg_temp.rate('teacher'), 'stored', 'teacher ratings need no consent');
:tap_keep \gset
rollback;
:tap_restore \gset

-- The rule committed, as the admin set it above.
begin;
select inst as fixture_inst, set_by as fixture_set_by from t_fixture \gset
insert into private.hpc_consent_policies (institution_id, required, set_by)
values (:'fixture_inst', true, :'fixture_set_by');
commit;

begin;
\ir support/tests-schema.sql
select is(pg_temp.as_user((select mother from t_ctx), $$
    insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
    select open_cycle, child, param, 'parent', mother, 1 from t_ctx
    on conflict (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id) do update set level_ordinal = 1
    returning 'written'$$),
  'HP422: No guardian''s consent to the parent part of this child''s card is recorded: the rating cannot be stored.',
  'through the API the mother is told which consent is missing');
:tap_keep \gset
rollback;
:tap_restore \gset

-- The rule removed: the school has none again.
begin;
select pg_temp.remove_rule() \gset
commit;

begin;
\ir support/tests-schema.sql
-- Where the tests go on: the admin makes consent required again, as above.
do $$
begin
  if pg_temp.as_user((select admin from t_ctx), 'select public.hpc_set_consent_required(true)::text') <> 'ok true' then
    raise exception 'the admin could not make consent required again';
  end if;
end $$;

-- Giving consent -------------------------------------------------------------------------------
select is(pg_temp.as_user((select teacher from t_ctx), $$select public.hpc_record_consent(child, mother, 'parent')::text from t_ctx$$),
  'HP403: A guardian gives consent for their own child; the school''s admin or principal records a signed form.',
  'a teacher may not record consent');
select is(pg_temp.as_user('00000000-0000-4000-a000-000000000006', $$select public.hpc_record_consent(child, mother, 'parent')::text from t_ctx$$),
  'HP404: No guardian 00000000-0000-4000-a000-000000000015 of student 00000000-0000-4000-a000-000000000014 in your school.',
  'another school''s parent finds no such child');
select is(pg_temp.as_user((select admin from t_ctx), $$select public.hpc_record_consent(child, teacher, 'parent')::text from t_ctx$$),
  'HP404: No guardian 00000000-0000-4000-a000-000000000013 of student 00000000-0000-4000-a000-000000000014 in your school.',
  'consent is given by a guardian of the child, not by anyone');
select is(pg_temp.as_user((select mother from t_ctx), $$select public.hpc_record_consent(child, mother, 'parent', '2026-06-01')::text from t_ctx$$),
  'HP400: p_given_at is the date of a signed form, recorded by staff, and not in the future.',
  'a guardian in the app consents now, not at a date she chooses');
create temporary table t_consent on commit drop as
select pg_temp.as_user((select mother from t_ctx), $$select public.hpc_record_consent(child, mother, 'parent')::text from t_ctx$$) as answer;
select matches((select answer from t_consent), '^ok [0-9a-f-]{36}$', 'the mother consents to the parent part');
select is(pg_temp.as_user((select mother from t_ctx), $$select public.hpc_record_consent(child, mother, 'parent')::text from t_ctx$$),
  (select answer from t_consent), 'consenting again answers the standing consent');
select is(pg_temp.rate('parent'), 'stored', 'with consent the parent rating is stored');
select is(pg_temp.rate('peer'), 'HP422', 'the peer part still needs its own consent');
select is(pg_temp.as_user((select admin from t_ctx), $$select public.hpc_record_consent(child, mother, 'peer', now() + interval '1 day')::text from t_ctx$$),
  'HP400: p_given_at is the date of a signed form, recorded by staff, and not in the future.', 'a signed form is not dated in the future');
select matches(pg_temp.as_user((select admin from t_ctx), $$select public.hpc_record_consent(child, mother, 'peer', '2026-06-01')::text from t_ctx$$),
  '^ok ', 'the admin records the mother''s signed form for the peer part');
select is(pg_temp.rate('peer'), 'stored', 'with it the peer rating is stored');
select results_eq($$select part::text, guardian_id, recorded_by, given_at::date from private.hpc_consents order by part$$,
  $$select * from (values ('parent', '00000000-0000-4000-a000-000000000015'::uuid, '00000000-0000-4000-a000-000000000015'::uuid, current_date),
                          ('peer', '00000000-0000-4000-a000-000000000015'::uuid, '00000000-0000-4000-a000-000000000016'::uuid, date '2026-06-01')) as v$$,
  'each consent says who gave it, who recorded it and when');

-- Withdrawal and reading -----------------------------------------------------------------------
select is(pg_temp.as_user((select teacher from t_ctx), $$select public.hpc_withdraw_consent(child, 'parent')::text from t_ctx$$),
  'HP403: A guardian of the child, or the school''s admin or principal, withdraws consent.', 'a teacher may not withdraw consent');
select is(pg_temp.as_user((select mother from t_ctx), $$select public.hpc_withdraw_consent(child, 'parent')::text from t_ctx$$),
  'ok true', 'the mother withdraws her consent to the parent part');
select is(pg_temp.rate('parent'), 'HP422', 'after withdrawal a parent rating is refused again');
select is(private.hpc_compile_card((select inst from t_ctx), (select open_cycle from t_ctx), (select child from t_ctx)) -> 'not_collected',
  jsonb_build_array(jsonb_build_object('part', 'parent', 'reason', 'consent_withdrawn', 'since', current_date)),
  'the card says the parent part was not collected: consent withdrawn, and since when');
select is(pg_temp.as_user((select teacher from t_ctx), $$select jsonb_path_query_array(public.hpc_consents(child), '$.consents[*].withdrawn_by')::text from t_ctx$$),
  'ok ["00000000-0000-4000-a000-000000000015", null]', 'his teacher reads the consents: the withdrawn one says who withdrew it');
select is(pg_temp.as_user('00000000-0000-4000-a000-000000000006', $$select public.hpc_consents(child)::text from t_ctx$$),
  'HP404: No student 00000000-0000-4000-a000-000000000014 among yours.', 'another school''s parent reads nothing');
select is(pg_temp.as_user((select admin from t_ctx), $$select public.hpc_set_consent_required(false)::text$$) || ' ' || pg_temp.rate('parent'),
  'ok false stored', 'when the school stops requiring consent, parent ratings are stored again');
select ok(not (private.hpc_compile_card((select inst from t_ctx), (select open_cycle from t_ctx), (select child from t_ctx)) ? 'not_collected'),
  'and the card says nothing about consent');

:tap_keep \gset
rollback;
:tap_restore \gset

select * from finish();
