-- Share links: only a class teacher of the child's section or the principal issues and
-- revokes them, only for the latest published version and a guardian of the child; the
-- token is kept only as a hash; a link opens for anyone holding it while it is valid, and
-- every other token (unknown, malformed, revoked, expired, superseded, unpublished, HPC off,
-- guardian removed) gets one and the same refusal; the rate limits stop a flood; opens are
-- recorded with when and which link only, and read back as receipts by the school's staff;
-- a child's erasure leaves no audit entry of her share links.
--
-- Several transactions, for Citus: within one, a shard written as one database user cannot be
-- read as another (25001), and every write here but the receipts' reads is the owner's (the
-- functions are security definers). Issuing and opening (with the demo's links of the
-- section set aside) are committed; the receipts are read as the staff in the next
-- transaction, which also holds the rest and is rolled back; then what the first one
-- committed is removed and the demo's links put back, triggers off, so that the data is as
-- it was (the HPC switch, the school's context version and their audit entries are put back
-- before the first commit).

-- What a run stopped after its first commit may have left: its links (not the seed's,
-- whose ids are md5('share_link:' || report_id)) with their opens, tokens and audit
-- entries, the rate windows of the minute it issued them in, the entries of the demo links
-- it set aside, and those links, put back as the seed writes them. Triggers off: nothing of
-- this is audited again.
begin;
set local session_replication_role = replica;
select coalesce(array_agg(l.id), '{}') as stale_links, coalesce(max(date_trunc('minute', l.issued_at))::text, '') as stale_minute
from public.report_share_links as l
where l.institution_id = '10000000-0000-4000-8000-000000000001'
  and l.student_id in ('00000000-0000-4000-a000-000000000009', '00000000-0000-4000-a000-000000000003')
  and l.id <> md5('share_link:' || l.report_id)::uuid \gset
delete from private.report_share_rate_windows where window_start = nullif(:'stale_minute', '')::timestamptz;
delete from private.report_share_link_tokens
where institution_id = '10000000-0000-4000-8000-000000000001' and link_id = any (:'stale_links'::uuid[]);
delete from public.report_share_link_opens
where institution_id = '10000000-0000-4000-8000-000000000001' and link_id = any (:'stale_links'::uuid[]);
delete from public.report_share_links
where institution_id = '10000000-0000-4000-8000-000000000001' and id = any (:'stale_links'::uuid[]);
create temp table t_seed_links on commit drop as
select rep.institution_id, md5('share_link:' || rep.id)::uuid as id, rep.id as report_id, rep.student_id, g.guardian_id,
       case when get_byte(decode(md5('share_language:' || rep.id), 'hex'), 0) % 3 = 0 then 'hi' else 'en' end as language,
       timestamptz '2026-10-23 17:00+05:30' as expires_at, timestamptz '2026-10-16 17:00+05:30' as issued_at,
       d.user_id as issued_by, null::timestamptz as revoked_at, null::uuid as revoked_by
from public.section_students as anaya
join public.section_students as s on s.institution_id = anaya.institution_id and s.section_id = anaya.section_id
join public.staff_duties as d on d.institution_id = s.institution_id and d.section_id = s.section_id and d.duty = 'class_teacher' and d.active
join public.hpc_reports as rep on rep.institution_id = s.institution_id and rep.student_id = s.student_id
join public.student_guardians as g on g.institution_id = rep.institution_id and g.student_id = rep.student_id and g.is_primary
where anaya.institution_id = '10000000-0000-4000-8000-000000000001' and anaya.student_id = '00000000-0000-4000-a000-000000000009'
  and rep.status = 'published' and rep.version = 1;
select coalesce(array_agg(id::text), '{}') as seed_links from t_seed_links \gset
delete from public.audit_events
where institution_id = '10000000-0000-4000-8000-000000000001' and table_name = 'report_share_links'
  and (record_key ->> 'id' = any (:'stale_links'::text[])
       or (operation = 'DELETE' and record_key ->> 'id' = any (:'seed_links'::text[])));
select coalesce(array_agg(l.id::text), '{}') as present_links from public.report_share_links as l
where l.institution_id = '10000000-0000-4000-8000-000000000001' and l.id = any (:'seed_links'::uuid[]) \gset
insert into public.report_share_links (institution_id, id, report_id, student_id, guardian_id, language, expires_at, issued_at,
                                       issued_by, revoked_at, revoked_by)
select * from t_seed_links where id <> all (:'present_links'::uuid[]);
insert into public.report_share_link_opens (institution_id, id, link_id, student_id, opened_at)
select l.institution_id, md5(format('share_open:%s:%s', l.id, n))::uuid, l.id, l.student_id,
       l.issued_at + make_interval(hours => 2 + n * 19 + get_byte(decode(md5('share_open:' || l.id), 'hex'), 1) % 17)
from t_seed_links as l
cross join lateral generate_series(0, get_byte(decode(md5('share_open:' || l.id), 'hex'), 0) % 4 - 1) as n
where l.id <> all (:'present_links'::uuid[]);
commit;

-- Issuing and opening: committed -------------------------------------------------------------

begin;
\ir support/tests-schema.sql
select plan(55);

-- Anaya Sharma (09, 2-A, class teacher Lakshmi Narayanan 07): Term 1 version 1 published,
-- version 2 a draft after a reopen. Kavita Sharma (06) is her mother.
create temp table t_ids as
select (select id from public.hpc_reports where student_id = '00000000-0000-4000-a000-000000000009' and version = 1) as v1,
       (select id from public.hpc_reports where student_id = '00000000-0000-4000-a000-000000000009' and version = 2) as v2,
       (select cycle_id from public.hpc_reports where student_id = '00000000-0000-4000-a000-000000000009' and version = 1) as cycle,
       (select s.section_id from public.section_students as s where s.student_id = '00000000-0000-4000-a000-000000000009') as section;
grant select on t_ids to authenticated, anon;

-- What the cleanup at the end puts back: the demo's links of the section and their opens,
-- this minute's rate windows; and, at the end of this transaction, the HPC switch and the
-- school's context version.
select section from t_ids \gset
select now() as run_started, date_trunc('minute', now()) as run_minute \gset
create temp table t_aside_links as
select l.* from public.report_share_links as l
join public.section_students as s on s.institution_id = l.institution_id and s.student_id = l.student_id
where l.institution_id = '10000000-0000-4000-8000-000000000001' and s.section_id = :'section';
create temp table t_aside_opens as
select o.* from public.report_share_link_opens as o
join public.section_students as s on s.institution_id = o.institution_id and s.student_id = o.student_id
where o.institution_id = '10000000-0000-4000-8000-000000000001' and s.section_id = :'section';
create temp table t_windows as
select * from private.report_share_rate_windows where window_start = :'run_minute';
select f.changed_at as flag_changed_at, coalesce(f.changed_by::text, '') as flag_changed_by,
       coalesce((select v.version::text from private.context_versions as v where v.institution_id = f.institution_id), '') as context_version
from public.institution_feature_flags as f
where f.institution_id = '10000000-0000-4000-8000-000000000001' and f.feature = 'hpc' \gset
-- The demo's share links of this section are set aside, so that the receipts below count
-- this test's links only.
delete from public.report_share_links as l using public.section_students as s
where s.section_id = (select section from t_ids) and l.institution_id = s.institution_id and l.student_id = s.student_id;

-- A refusal as the API answers it: our code and the HTTP status.
create function pg_temp.refusal(p_user uuid, p_sql text) returns jsonb language plpgsql as $$
declare
  v_message text;
  v_detail text;
begin
  perform tests.authenticate_as(p_user);
  execute p_sql;
  perform tests.clear_authentication();
  return null;
exception when sqlstate 'PGRST' then
  get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail;
  perform tests.clear_authentication();
  return jsonb_build_object('code', tests.api_error(sqlstate, v_message) ->> 'code', 'status', (v_detail::jsonb ->> 'status')::int);
end $$;

create function pg_temp.issue(p_user uuid, p_language text default null) returns jsonb language plpgsql as $$
declare
  v_link jsonb;
begin
  perform tests.authenticate_as(p_user);
  v_link := public.hpc_issue_share_link((select v1 from t_ids), '00000000-0000-4000-a000-000000000006', p_language);
  perform tests.clear_authentication();
  return v_link;
end $$;

-- Opening as the hpc-shared-card function does: as anon.
create function pg_temp.open(p_token text, p_client text default '203.0.113.1') returns jsonb language plpgsql as $$
declare
  v_answer jsonb;
begin
  perform tests.authenticate_as_anon();
  v_answer := shared_card.open(p_token, p_client);
  perform tests.clear_authentication();
  return v_answer;
end $$;

-- Issuing ---------------------------------------------------------------------------------

create temp table t_link as select pg_temp.issue('00000000-0000-4000-a000-000000000007', 'hi') as link;
grant select on t_link to authenticated;
select ok((select link ->> 'token' ~ '^[A-Za-z0-9_-]{43}$' from t_link), 'the class teacher gets a token of 43 base64url characters (32 bytes)');
select is((select link ->> 'path' from t_link), (select '/functions/v1/hpc-shared-card/cards/' || (link ->> 'token') from t_link),
  'and the path of the card it opens');
select is((select link ->> 'language' from t_link), 'hi', 'in the language asked for');
select ok((select (link ->> 'expires_at')::timestamptz between now() + interval '7 days' - interval '1 minute' and now() + interval '7 days' + interval '1 minute' from t_link),
  'expiring in 7 days by default');
select is((select k.token_hash from private.report_share_link_tokens as k join t_link as t on k.link_id = (t.link ->> 'link_id')::uuid),
  (select sha256(convert_to(link ->> 'token', 'UTF8')) from t_link), 'the database keeps the token''s SHA-256');
select is((select count(*)::int from public.audit_events as a, t_link as t
           where a.table_name = 'report_share_links' and a.operation = 'INSERT'
             and a.record_key ->> 'id' = t.link ->> 'link_id' and a.actor_id = '00000000-0000-4000-a000-000000000007'
             and position(t.link ->> 'token' in a.new_values::text) = 0),
  1, 'issuing is audited, with its issuer and without the token');
select is((select count(*)::int from pg_catalog.pg_attribute as a
           where a.attrelid in ('public.report_share_links'::regclass, 'public.report_share_link_opens'::regclass)
             and a.attnum > 0 and not a.attisdropped and a.attname like '%token%'),
  0, 'no column of the API''s tables holds a token or its hash');
select ok((select pg_temp.issue('00000000-0000-4000-a000-000000000004') ->> 'language' = 'en'), 'the principal issues one too; the card''s language by default');

select is(pg_temp.refusal('00000000-0000-4000-a000-000000000002',
  $$select public.hpc_issue_share_link((select v1 from t_ids), '00000000-0000-4000-a000-000000000006')$$),
  '{"code": "HP403", "status": 403}'::jsonb, 'the class teacher of another section: HP403');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000005',
  $$select public.hpc_issue_share_link((select v1 from t_ids), '00000000-0000-4000-a000-000000000006')$$),
  '{"code": "HP403", "status": 403}'::jsonb, 'the coordinator: HP403');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000001',
  $$select public.hpc_issue_share_link((select v1 from t_ids), '00000000-0000-4000-a000-000000000006')$$),
  '{"code": "HP403", "status": 403}'::jsonb, 'the institution admin: HP403');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000006',
  $$select public.hpc_issue_share_link((select v1 from t_ids), '00000000-0000-4000-a000-000000000006')$$),
  '{"code": "HP403", "status": 403}'::jsonb, 'the parent herself: HP403');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000011',
  $$select public.hpc_issue_share_link((select v1 from t_ids), '00000000-0000-4000-a000-000000000006')$$),
  '{"code": "HP404", "status": 404}'::jsonb, 'another school''s principal: HP404');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000021',
  $$select public.hpc_issue_share_link((select v1 from t_ids), '00000000-0000-4000-a000-000000000006')$$),
  '{"code": "HPOFF", "status": 403}'::jsonb, 'a principal of a school with the HPC off: HPOFF');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000007',
  $$select public.hpc_issue_share_link((select v1 from t_ids), '00000000-0000-4000-a000-000000000015')$$),
  '{"code": "HP404", "status": 404}'::jsonb, 'someone who is not the child''s guardian: HP404');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000007',
  $$select public.hpc_issue_share_link((select v2 from t_ids), '00000000-0000-4000-a000-000000000006')$$),
  '{"code": "HP422", "status": 422}'::jsonb, 'a draft version: HP422');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000007',
  $$select public.hpc_issue_share_link((select v1 from t_ids), '00000000-0000-4000-a000-000000000006', null, interval '60 days')$$),
  '{"code": "HP400", "status": 400}'::jsonb, 'a lifetime over 30 days: HP400');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000007',
  $$select public.hpc_issue_share_link((select v1 from t_ids), '00000000-0000-4000-a000-000000000006', 'Hindi!')$$),
  '{"code": "HP400", "status": 400}'::jsonb, 'a language that is no language tag: HP400');
select tests.authenticate_as_anon();
select throws_ok($$select public.hpc_issue_share_link((select v1 from t_ids), '00000000-0000-4000-a000-000000000006')$$,
  '42501', null, 'anon cannot issue');
select throws_ok($$select count(*) from public.report_share_links$$, '42501', null, 'anon cannot read links');
select tests.clear_authentication();
select tests.authenticate_as('00000000-0000-4000-a000-000000000007');
select throws_ok($$update public.report_share_links set expires_at = now() + interval '1 year'$$,
  '42501', null, 'not even the class teacher writes a link directly');
select tests.clear_authentication();

-- Opening -----------------------------------------------------------------------------------

create temp table t_open as select pg_temp.open((select link ->> 'token' from t_link)) as answer;
select is((select answer ->> 'outcome' from t_open), 'open', 'the token opens the card, without an account');
select is((select array[answer ->> 'language', answer #>> '{report,id}', answer #>> '{report,status}'] from t_open),
  (select array['hi', v1::text, 'published'] from t_ids), 'that version, in the link''s language');
select is((select count(*)::int from public.report_share_link_opens as o, t_link as t where o.link_id = (t.link ->> 'link_id')::uuid),
  1, 'the open is recorded');
select is((select array_agg(a.attname::text order by a.attnum) from pg_catalog.pg_attribute as a
           where a.attrelid = 'public.report_share_link_opens'::regclass and a.attnum > 0 and not a.attisdropped),
  array['institution_id', 'id', 'link_id', 'student_id', 'opened_at'],
  'an open is when and which link (with the link''s child), nothing about who or from where');
select is((select count(*)::int from private.report_share_rate_windows as w
           where position(convert_to('203.0.113.1', 'UTF8') in w.bucket) > 0),
  0, 'the client''s address is kept only as a keyed hash');

-- Every other token: one answer.
select is(pg_temp.open(encode(gen_random_bytes(32), 'base64')), '{"outcome": "refused"}'::jsonb, 'an unknown token is refused');
select is(pg_temp.open('not a token'), '{"outcome": "refused"}'::jsonb, 'a malformed one: the same answer');
select is(pg_temp.open(''), '{"outcome": "refused"}'::jsonb, 'an empty one: the same answer');

create temp table t_revoked as select pg_temp.issue('00000000-0000-4000-a000-000000000007') as link;
grant select on t_revoked to authenticated;
select tests.authenticate_as('00000000-0000-4000-a000-000000000007');
select is(public.hpc_revoke_share_link((select (link ->> 'link_id')::uuid from t_revoked)), true, 'the class teacher revokes a link');
select is(public.hpc_revoke_share_link((select (link ->> 'link_id')::uuid from t_revoked)), false, 'revoking it again changes nothing');
select tests.clear_authentication();
select is(pg_temp.open((select link ->> 'token' from t_revoked)), '{"outcome": "refused"}'::jsonb, 'a revoked link: the same answer');
select is((select count(*)::int from public.audit_events as a, t_revoked as t
           where a.table_name = 'report_share_links' and a.operation = 'UPDATE' and a.record_key ->> 'id' = t.link ->> 'link_id'
             and 'revoked_at' = any (a.changed_columns)),
  1, 'revoking is audited');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000005',
  $$select public.hpc_revoke_share_link((select (link ->> 'link_id')::uuid from t_link))$$),
  '{"code": "HP403", "status": 403}'::jsonb, 'the coordinator cannot revoke: HP403');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000011',
  $$select public.hpc_revoke_share_link((select (link ->> 'link_id')::uuid from t_link))$$),
  '{"code": "HP404", "status": 404}'::jsonb, 'another school''s principal: HP404');

create temp table t_expired as select pg_temp.issue('00000000-0000-4000-a000-000000000007') as link;
update public.report_share_links set issued_at = now() - interval '8 days', expires_at = now() - interval '1 day'
where id = (select (link ->> 'link_id')::uuid from t_expired);
select is(pg_temp.open((select link ->> 'token' from t_expired)), '{"outcome": "refused"}'::jsonb, 'an expired link: the same answer');

-- A link to an unpublished version (Aarav's card is in review), as if written directly.
create temp table t_unpublished as
with r as materialized (select institution_id, id, student_id from public.hpc_reports
                        where student_id = '00000000-0000-4000-a000-000000000003' and is_current)
select private.report_share_create(r.institution_id, r.id, r.student_id,
  '00000000-0000-4000-a000-000000000006', 'en', interval '7 days', '00000000-0000-4000-a000-000000000004') as link
from r;
select is(pg_temp.open((select link ->> 'token' from t_unpublished)), '{"outcome": "refused"}'::jsonb, 'an unpublished version: the same answer');

-- The HPC switched off for the school.
update public.institution_feature_flags set enabled = false where institution_id = '10000000-0000-4000-8000-000000000001' and feature = 'hpc';
select is(pg_temp.open((select link ->> 'token' from t_link), '203.0.113.2'), '{"outcome": "refused"}'::jsonb, 'HPC off: the same answer');
update public.institution_feature_flags set enabled = true where institution_id = '10000000-0000-4000-8000-000000000001' and feature = 'hpc';

-- Rate limits: per client and per token, over this minute and the last. The shared link's
-- token has been presented 2 times so far (opened once, refused once with the HPC off).
select is((select count(*)::int from generate_series(1, 30) as i
           where pg_temp.open('forged-' || i, '198.51.100.7') ->> 'outcome' = 'refused'),
  30, 'a client trying forged tokens is refused 30 times');
select ok((select (answer ->> 'outcome') = 'rate_limited' and (answer ->> 'retry_after')::int between 1 and 120
           from (select pg_temp.open('forged-31', '198.51.100.7') as answer) as a),
  'the 31st attempt is rate limited, with the seconds to wait');
select is(pg_temp.open((select link ->> 'token' from t_link), '198.51.100.7') ->> 'outcome', 'rate_limited',
  'even with a valid token, from that client (the token''s 3rd request)');
select is((select count(*)::int from generate_series(1, 7) as i
           where pg_temp.open((select link ->> 'token' from t_link), '192.0.2.' || i) ->> 'outcome' = 'open'),
  7, 'from other clients the token opens up to its 10th request');
select is(pg_temp.open((select link ->> 'token' from t_link), '192.0.2.200') ->> 'outcome', 'rate_limited',
  'then the token itself is rate limited, from any client');

-- The HPC switch back as it was, with the school's context version, and without the
-- switch's audit entries; then the tests schema goes, and the rest is committed.
set local session_replication_role = replica;
update public.institution_feature_flags set changed_at = :'flag_changed_at', changed_by = nullif(:'flag_changed_by', '')::uuid
where institution_id = '10000000-0000-4000-8000-000000000001' and feature = 'hpc';
update private.context_versions set version = nullif(:'context_version', '')::bigint
where institution_id = '10000000-0000-4000-8000-000000000001' and :'context_version' <> '';
delete from private.context_versions
where institution_id = '10000000-0000-4000-8000-000000000001' and :'context_version' = '';
delete from public.audit_events
where institution_id = '10000000-0000-4000-8000-000000000001' and table_name = 'institution_feature_flags'
  and occurred_at >= :'run_started';
drop schema tests cascade;
commit;

-- Read as the staff, and the rest: rolled back ----------------------------------------------
-- Whatever happens here, the cleanup below runs.
\set ON_ERROR_STOP 0
begin;
\ir support/tests-schema.sql

-- Receipts ---------------------------------------------------------------------------------

select tests.authenticate_as('00000000-0000-4000-a000-000000000007');
select is((select (l ->> 'opens')::int from jsonb_array_elements(public.hpc_share_receipts((select v1 from t_ids)) -> 'links') as l, t_link as t
           where l ->> 'link_id' = t.link ->> 'link_id'),
  8, 'the class teacher sees the link opened 8 times');
select is((select r - 'students' - 'cycle_id' - 'section_id' from public.hpc_section_share_receipts((select cycle from t_ids), (select section from t_ids)) as r),
  jsonb_build_object('cycle', 'Term 1 2026-27',
    'families', (select count(*) from public.section_students as s where s.section_id = (select section from t_ids)
                   and exists (select 1 from public.student_guardians as g
                                 where g.institution_id = s.institution_id and g.student_id = s.student_id)),
    'shared', 1, 'opened', 1),
  'and the section''s receipts: one family of the section shared with and opened');
select tests.clear_authentication();
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000006', $$select public.hpc_share_receipts((select v1 from t_ids))$$),
  '{"code": "HP403", "status": 403}'::jsonb, 'the parent does not read receipts: HP403');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000006',
  $$select public.hpc_section_share_receipts((select cycle from t_ids), (select section from t_ids))$$),
  '{"code": "HP403", "status": 403}'::jsonb, 'nor a section''s: HP403');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000011',
  $$select public.hpc_section_share_receipts((select cycle from t_ids), (select section from t_ids))$$),
  '{"code": "HP404", "status": 404}'::jsonb, 'another school''s principal: HP404');

-- A whole section at once ------------------------------------------------------------------

select tests.authenticate_as('00000000-0000-4000-a000-000000000007');
create temp table t_batch as select public.hpc_issue_section_share_links((select cycle from t_ids), (select section from t_ids)) as batch;
select tests.clear_authentication();
select is((select jsonb_array_length(batch -> 'links') from t_batch),
  (select count(*)::int from public.student_guardians as g
   join public.section_students as s on s.institution_id = g.institution_id and s.student_id = g.student_id
   where s.section_id = (select section from t_ids)
     and exists (select 1 from public.hpc_reports as r where r.institution_id = g.institution_id and r.student_id = g.student_id
                   and r.cycle_id = (select cycle from t_ids) and r.status = 'published')),
  'the class teacher shares the cycle''s card with every guardian of the section in one call');
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000002',
  $$select public.hpc_issue_section_share_links((select cycle from t_ids), (select section from t_ids))$$),
  '{"code": "HP403", "status": 403}'::jsonb, 'another section''s class teacher cannot: HP403');

-- A later version published supersedes the shared one (published cards cannot be deleted:
-- this stays to the end).
create temp table t_superseded as select pg_temp.issue('00000000-0000-4000-a000-000000000007') as link;
insert into public.hpc_reports (institution_id, cycle_id, student_id, version, status, is_current, content, content_hash,
                                published_at, supersedes_id, reopen_reason)
select institution_id, cycle_id, student_id, 9, 'published', false, content, content_hash, now(), id, 'A later correction.'
from public.hpc_reports where id = (select v1 from t_ids);
select is(pg_temp.open((select link ->> 'token' from t_superseded), '203.0.113.3'), '{"outcome": "refused"}'::jsonb,
  'a version superseded by a later published one: the same answer');

-- A guardian link removed takes its share links along.
delete from public.student_guardians where student_id = '00000000-0000-4000-a000-000000000009' and guardian_id = '00000000-0000-4000-a000-000000000006';
select is((select count(*)::int from public.report_share_links where guardian_id = '00000000-0000-4000-a000-000000000006'
             and student_id = '00000000-0000-4000-a000-000000000009'), 0, 'removing the guardian removes their links');

-- A child's erasure takes the audit entries of her share links with it (they name her and a
-- guardian), those of links removed earlier included; other children's stay.
select is(pg_temp.refusal('00000000-0000-4000-a000-000000000001',
  $$select public.hpc_erase_student('00000000-0000-4000-a000-000000000009', false)$$), null, 'the institution admin erases Anaya''s data');
select is((select count(*)::int from public.audit_events where table_name = 'report_share_links'
           and '00000000-0000-4000-a000-000000000009' in (old_values ->> 'student_id', new_values ->> 'student_id')),
  0, 'no audit entry of her share links is left');
select ok((select count(*) > 0 from public.audit_events where table_name = 'report_share_links'
           and new_values ->> 'student_id' <> '00000000-0000-4000-a000-000000000009'),
  'those of the other children''s links stay');

select * from finish();
rollback;
\set ON_ERROR_STOP 1

-- Cleanup, triggers off: this file's links with their opens, tokens and audit entries (those
-- of the links set aside too), the demo's links and opens back, this minute's rate windows
-- as they were.
begin;
set local session_replication_role = replica;
select coalesce(array_agg(l.id), '{}') as made_links from public.report_share_links as l
where l.institution_id = '10000000-0000-4000-8000-000000000001'
  and l.student_id in ('00000000-0000-4000-a000-000000000009', '00000000-0000-4000-a000-000000000003')
  and l.id <> md5('share_link:' || l.report_id)::uuid \gset
select coalesce(array_agg(id::text), '{}') as aside_links from t_aside_links \gset
delete from private.report_share_link_tokens
where institution_id = '10000000-0000-4000-8000-000000000001' and link_id = any (:'made_links'::uuid[]);
delete from public.report_share_link_opens
where institution_id = '10000000-0000-4000-8000-000000000001' and link_id = any (:'made_links'::uuid[]);
delete from public.report_share_links
where institution_id = '10000000-0000-4000-8000-000000000001' and id = any (:'made_links'::uuid[]);
delete from public.audit_events
where institution_id = '10000000-0000-4000-8000-000000000001' and table_name = 'report_share_links'
  and occurred_at >= :'run_started'
  and (record_key ->> 'id' = any (:'made_links'::text[]) or record_key ->> 'id' = any (:'aside_links'::text[]));
insert into public.report_share_links select * from t_aside_links;
insert into public.report_share_link_opens select * from t_aside_opens;
delete from private.report_share_rate_windows where window_start = :'run_minute';
insert into private.report_share_rate_windows select * from t_windows;
commit;
