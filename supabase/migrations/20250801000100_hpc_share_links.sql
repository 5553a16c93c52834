-- Share links: one published card version opened by a guardian without an account.
--
-- A class teacher of the student's section, or the principal, issues a link to one published
-- version of a card (an hpc_reports row) for one guardian of the child (a student_guardians
-- link) in one language, for one card or for every family of a section in a cycle. The link
-- is a random token of 32 bytes (base64url, 43 characters) that the issuing call answers
-- once; the database keeps only its SHA-256 (private.report_share_link_tokens) and finds a
-- link by that hash. A link expires (default 7 days) and can be revoked.
--
-- Opening a link (the hpc-shared-card function, as anon) goes through shared_card.open, the
-- one function anon may call outside the API, that is private.report_share_open(token,
-- client): it counts the request against a per-token and a per-client rate limit, then looks
-- the link up and checks, in one query that does the same work whatever the token: the link exists, is neither revoked nor expired, its school has HPC on, the guardian
-- is still the child's guardian, and its version is published and still the latest
-- published version of that card (a reopened and republished card supersedes it). Every
-- refusal answers the same outcome, so no caller can tell an unknown token from an expired
-- or revoked one. An open records when and which link, nothing else.
--
-- Rate limits live in the database so that they hold across function instances: one row per
-- (bucket, minute) in private.report_share_rate_windows, where a bucket is a keyed hash
-- (HMAC-SHA-256 with a key that never leaves the database) of the client's address, or a
-- hash of the token's hash. A request is refused when its bucket's hits in this minute and
-- the previous one exceed the limit; a pg_cron job drops windows older than that every
-- minute, so an address's hash is kept at most about two minutes.
--
-- Issuing and revoking write public.report_share_links, which the audit trigger logs like
-- every HPC write; its rows and public.report_share_link_opens are read under RLS by the
-- child's teachers and the school's leaders (read receipts). Neither table is written
-- through the API: only the functions below write them. A child's record and erasure cover
-- the audit entries of the child's share links.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- Tables ---------------------------------------------------------------------------------

create table public.report_share_links (
  institution_id uuid not null references public.institutions (id),
  id uuid not null default gen_random_uuid(),
  report_id uuid not null,
  student_id uuid not null,
  guardian_id uuid not null,
  language text not null,
  expires_at timestamptz not null,
  issued_at timestamptz not null default now(),
  issued_by uuid not null,
  revoked_at timestamptz,
  revoked_by uuid,
  constraint report_share_links_pkey primary key (institution_id, id),
  -- The target of the opens' (institution_id, link_id, student_id) key.
  constraint report_share_links_student_key unique (institution_id, id, student_id),
  -- A card erased with its child, or a guardian link removed, takes its share links along.
  constraint report_share_links_report_fkey foreign key (institution_id, report_id)
    references public.hpc_reports (institution_id, id) on delete cascade,
  constraint report_share_links_guardian_fkey foreign key (institution_id, student_id, guardian_id)
    references public.student_guardians (institution_id, student_id, guardian_id) on delete cascade,
  constraint report_share_links_language_format check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  constraint report_share_links_expiry check (expires_at > issued_at),
  constraint report_share_links_revocation check ((revoked_at is null) = (revoked_by is null))
);
comment on table public.report_share_links is
  'Links that open one published card version for one guardian in one language without an account: expiry, revocation, who issued them. The token is never stored; its hash is private.';
create index report_share_links_report_idx on public.report_share_links (institution_id, report_id);
create index report_share_links_guardian_idx on public.report_share_links (institution_id, student_id, guardian_id);

create table public.report_share_link_opens (
  institution_id uuid not null references public.institutions (id),
  id uuid not null default gen_random_uuid(),
  link_id uuid not null,
  -- The link's child, carried so that the read policy compares a column instead of reading
  -- the link (a policy on a distributed table may hold no subquery); the key keeps it equal.
  student_id uuid not null,
  opened_at timestamptz not null default now(),
  constraint report_share_link_opens_pkey primary key (institution_id, id),
  constraint report_share_link_opens_link_fkey foreign key (institution_id, link_id, student_id)
    references public.report_share_links (institution_id, id, student_id) on delete cascade
);
comment on table public.report_share_link_opens is
  'Each time a share link opened its card: when and which link; nothing about who or from where.';
-- Leads with the foreign key's columns; student_id follows from link_id, so opens of one link
-- are still read in opened_at order.
create index report_share_link_opens_link_idx on public.report_share_link_opens (institution_id, link_id, student_id, opened_at);

-- Keyed by school like every tenant table, so that it is distributed with its link on Citus
-- (which keeps a key unique within a shard only). Opening a link finds the token by its hash
-- alone (the index below), without knowing the school: on Citus that asks every shard, on a
-- public, rate-limited path. The SHA-256 of a random 32-byte token does not repeat across
-- schools.
create table private.report_share_link_tokens (
  token_hash bytea not null,
  institution_id uuid not null,
  link_id uuid not null,
  constraint report_share_link_tokens_pkey primary key (institution_id, token_hash),
  constraint report_share_link_tokens_link_fkey foreign key (institution_id, link_id)
    references public.report_share_links (institution_id, id) on delete cascade,
  constraint report_share_link_tokens_hash_length check (octet_length(token_hash) = 32)
);
comment on table private.report_share_link_tokens is
  'SHA-256 of each share link''s token, the only form in which a token is kept; looked up by hash.';
create index report_share_link_tokens_link_idx on private.report_share_link_tokens (institution_id, link_id);
create index report_share_link_tokens_hash_idx on private.report_share_link_tokens (token_hash);

create table private.report_share_rate_windows (
  bucket bytea not null,
  window_start timestamptz not null,
  hits bigint not null,
  constraint report_share_rate_windows_pkey primary key (bucket, window_start)
);
comment on table private.report_share_rate_windows is
  'Requests to open share links per minute and bucket (a keyed hash of a client address, or a hash of a token hash); kept about two minutes.';
create index report_share_rate_windows_start_idx on private.report_share_rate_windows (window_start);

create table private.report_share_secrets (
  singleton boolean primary key default true,
  client_key bytea not null default extensions.gen_random_bytes(32),
  constraint report_share_secrets_singleton check (singleton)
);
comment on table private.report_share_secrets is
  'The key of the HMAC that turns a client address into a rate-limit bucket, so that a stored bucket cannot be reversed by hashing every address.';
insert into private.report_share_secrets default values;

alter table public.report_share_links enable row level security;
alter table public.report_share_link_opens enable row level security;
alter table private.report_share_link_tokens enable row level security;
alter table private.report_share_rate_windows enable row level security;
alter table private.report_share_secrets enable row level security;

revoke all on public.report_share_links, public.report_share_link_opens from public, anon, authenticated;
grant select on public.report_share_links, public.report_share_link_opens to authenticated;
grant select, insert, update, delete on public.report_share_links, public.report_share_link_opens to service_role;
revoke all on private.report_share_link_tokens, private.report_share_rate_windows, private.report_share_secrets
  from public, anon, authenticated, service_role;

create policy "The child's teachers and the school's leaders read share links" on public.report_share_links
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and ((select private.reads_whole_institution())
         or student_id = any ((select private.taught_student_ids())::uuid[])));

-- The same test as the links' own read policy, on the link's child carried by the open.
create policy "Whoever reads a share link reads its opens" on public.report_share_link_opens
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and ((select private.reads_whole_institution())
         or student_id = any ((select private.taught_student_ids())::uuid[])));

-- An open carries its link's child. The opening function gives it; another writer may leave
-- it out and it is read from the link, by the full key, so that on a distributed table the
-- lookup stays on the open's own shard.
create or replace function private.report_share_open_student_default()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.student_id is null then
    select l.student_id into new.student_id
    from public.report_share_links as l
    where l.institution_id = new.institution_id and l.id = new.link_id;
  end if;
  return new;
end
$$;
revoke all on function private.report_share_open_student_default() from public;
create trigger default_open_student
  before insert on public.report_share_link_opens
  for each row execute function private.report_share_open_student_default();

create trigger audit_row_change
  after insert or update or delete on public.report_share_links
  for each row execute function private.audit_row_change('row', 'public.report_share_links', 'institution_id', 'id');

-- Helpers --------------------------------------------------------------------------------

-- May the caller share this student's cards? A class teacher of one of the student's
-- sections, or the principal.
create or replace function private.report_share_may_issue(p_institution_id uuid, p_user_id uuid, p_student_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select private.hpc_holds_duty(p_institution_id, p_user_id, 'principal', null, null)
      or private.hpc_holds_duty(p_institution_id, p_user_id, 'class_teacher',
                                private.hpc_student_section_ids(p_institution_id, p_student_id), null)
$$;
revoke all on function private.report_share_may_issue(uuid, uuid, uuid) from public;

-- Is this version the one a family may be shown: published, and no later version of the
-- same card published since?
create or replace function private.report_share_is_latest_published(p_institution_id uuid, p_report_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.hpc_reports as r
    where r.institution_id = p_institution_id and r.id = p_report_id and r.status = 'published'
      and not exists (select 1 from public.hpc_reports as later
                      where later.institution_id = r.institution_id and later.cycle_id = r.cycle_id
                        and later.student_id = r.student_id and later.version > r.version
                        and later.status = 'published'));
end
$$;
revoke all on function private.report_share_is_latest_published(uuid, uuid) from public;

-- A new link for one version and guardian: its row, the hash of a fresh token, and the
-- token itself, answered this once. The caller has checked who may.
create or replace function private.report_share_create(
  p_institution_id uuid, p_report_id uuid, p_student_id uuid, p_guardian_id uuid, p_language text,
  p_expires_in interval, p_issued_by uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  -- base64url without padding: 43 characters for 32 bytes
  v_token text := pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_');
  v_link public.report_share_links;
begin
  insert into public.report_share_links (institution_id, report_id, student_id, guardian_id, language, expires_at, issued_by)
  values (p_institution_id, p_report_id, p_student_id, p_guardian_id, p_language, now() + p_expires_in, p_issued_by)
  returning * into v_link;
  insert into private.report_share_link_tokens (token_hash, institution_id, link_id)
  values (pg_catalog.sha256(pg_catalog.convert_to(v_token, 'UTF8')), p_institution_id, v_link.id);
  return jsonb_build_object(
    'link_id', v_link.id, 'token', v_token, 'path', '/functions/v1/hpc-shared-card/cards/' || v_token,
    'report_id', v_link.report_id, 'student_id', v_link.student_id, 'guardian_id', v_link.guardian_id,
    'language', v_link.language, 'expires_at', v_link.expires_at);
end
$$;
revoke all on function private.report_share_create(uuid, uuid, uuid, uuid, text, interval, uuid) from public;

-- The arguments every issuing call shares: a language tag or null, a lifetime of one hour
-- to 30 days.
create or replace function private.report_share_check_terms(p_language text, p_expires_in interval)
returns void
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p_language is not null and p_language !~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' then
    perform private.raise_api_error('HP400', format('p_language %L is not a language tag such as ''en'' or ''hi''.', p_language));
  end if;
  if p_expires_in is null or p_expires_in < interval '1 hour' or p_expires_in > interval '30 days' then
    perform private.raise_api_error('HP400', 'p_expires_in is between 1 hour and 30 days (default 7 days).');
  end if;
end
$$;
revoke all on function private.report_share_check_terms(text, interval) from public;

-- The API: issue, revoke, read receipts --------------------------------------------------

create or replace function public.hpc_issue_share_link(
  p_report_id uuid, p_guardian_id uuid, p_language text default null, p_expires_in interval default interval '7 days')
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller record;
  v_report record;
begin
  select * into v_caller from private.hpc_api_caller();
  perform private.report_share_check_terms(p_language, p_expires_in);
  select r.id, r.student_id, r.language into v_report
  from public.hpc_reports as r where r.institution_id = v_caller.institution_id and r.id = p_report_id;
  if not found then
    perform private.raise_api_error('HP404', format('No card %s in your school.', p_report_id));
  end if;
  if not private.report_share_may_issue(v_caller.institution_id, v_caller.user_id, v_report.student_id) then
    perform private.raise_api_error('HP403', 'Only a class teacher of the child''s section or the principal shares a card.');
  end if;
  if not exists (select 1 from public.student_guardians as g
                 where g.institution_id = v_caller.institution_id and g.student_id = v_report.student_id
                   and g.guardian_id = p_guardian_id) then
    perform private.raise_api_error('HP404', format('No guardian %s of this child in your school.', p_guardian_id));
  end if;
  if not private.report_share_is_latest_published(v_caller.institution_id, p_report_id) then
    perform private.raise_api_error('HP422', 'Only the latest published version of a card can be shared.');
  end if;
  return private.report_share_create(v_caller.institution_id, p_report_id, v_report.student_id, p_guardian_id,
                                     coalesce(p_language, v_report.language), p_expires_in, v_caller.user_id);
end
$$;
comment on function public.hpc_issue_share_link(uuid, uuid, text, interval) is
  'A class teacher of the child''s section or the principal issues a link to a published card version for one guardian: {link_id, token, path, report_id, student_id, guardian_id, language, expires_at}. The token is answered only here.';
revoke all on function public.hpc_issue_share_link(uuid, uuid, text, interval) from public, anon, service_role;
grant execute on function public.hpc_issue_share_link(uuid, uuid, text, interval) to authenticated;

create or replace function public.hpc_issue_section_share_links(
  p_cycle_id uuid, p_section_id uuid, p_language text default null, p_expires_in interval default interval '7 days')
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller record;
  v_pair record;
  v_links jsonb := '[]';
  v_without_card jsonb;
begin
  select * into v_caller from private.hpc_api_caller();
  perform private.report_share_check_terms(p_language, p_expires_in);
  if not exists (select 1 from public.hpc_evaluation_cycles as c where c.institution_id = v_caller.institution_id and c.id = p_cycle_id)
     or not exists (select 1 from public.sections as s where s.institution_id = v_caller.institution_id and s.id = p_section_id) then
    perform private.raise_api_error('HP404', 'No such cycle and section in your school.');
  end if;
  if not (private.hpc_holds_duty(v_caller.institution_id, v_caller.user_id, 'principal', null, null)
          or private.hpc_holds_duty(v_caller.institution_id, v_caller.user_id, 'class_teacher', array[p_section_id], null)) then
    perform private.raise_api_error('HP403', 'Only the section''s class teacher or the principal shares its cards.');
  end if;
  -- Each student's latest published version in the cycle, once per guardian. The pairs are
  -- read first and each link is made by its own statement: a function that writes, called
  -- inside a query on distributed tables, would run on the shard, which may not write
  -- through the coordinator's tables.
  for v_pair in
  with cards as (
    select distinct on (r.student_id) r.id, r.student_id, r.language
    from public.section_students as s
    join public.hpc_reports as r
      on r.institution_id = s.institution_id and r.student_id = s.student_id and r.cycle_id = p_cycle_id
     and r.status = 'published'
    where s.institution_id = v_caller.institution_id and s.section_id = p_section_id
    order by r.student_id, r.version desc
  )
  select c.id, c.student_id, c.language, g.guardian_id
  from cards as c
  join public.student_guardians as g on g.institution_id = v_caller.institution_id and g.student_id = c.student_id
  order by c.student_id, g.guardian_id
  loop
    v_links := v_links || pg_catalog.jsonb_build_array(private.report_share_create(
      v_caller.institution_id, v_pair.id, v_pair.student_id, v_pair.guardian_id,
      coalesce(p_language, v_pair.language), p_expires_in, v_caller.user_id));
  end loop;
  select coalesce(jsonb_agg(s.student_id order by s.student_id), '[]') into v_without_card
  from public.section_students as s
  where s.institution_id = v_caller.institution_id and s.section_id = p_section_id
    and not exists (select 1 from public.hpc_reports as r
                    where r.institution_id = s.institution_id and r.student_id = s.student_id
                      and r.cycle_id = p_cycle_id and r.status = 'published');
  return jsonb_build_object('cycle_id', p_cycle_id, 'section_id', p_section_id, 'links', v_links,
                            'students_without_published_card', v_without_card);
end
$$;
comment on function public.hpc_issue_section_share_links(uuid, uuid, text, interval) is
  'The section''s class teacher or the principal issues a link for every guardian of every student with a published card in the cycle: {cycle_id, section_id, links [as hpc_issue_share_link], students_without_published_card [ids]}.';
revoke all on function public.hpc_issue_section_share_links(uuid, uuid, text, interval) from public, anon, service_role;
grant execute on function public.hpc_issue_section_share_links(uuid, uuid, text, interval) to authenticated;

create or replace function public.hpc_revoke_share_link(p_link_id uuid)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller record;
  v_link record;
begin
  select * into v_caller from private.hpc_api_caller();
  select l.student_id, l.revoked_at into v_link
  from public.report_share_links as l where l.institution_id = v_caller.institution_id and l.id = p_link_id;
  if not found then
    perform private.raise_api_error('HP404', format('No share link %s in your school.', p_link_id));
  end if;
  if not private.report_share_may_issue(v_caller.institution_id, v_caller.user_id, v_link.student_id) then
    perform private.raise_api_error('HP403', 'Only a class teacher of the child''s section or the principal revokes a share link.');
  end if;
  if v_link.revoked_at is not null then
    return false;
  end if;
  update public.report_share_links as l set revoked_at = now(), revoked_by = v_caller.user_id
  where l.institution_id = v_caller.institution_id and l.id = p_link_id;
  return true;
end
$$;
comment on function public.hpc_revoke_share_link(uuid) is
  'A class teacher of the child''s section or the principal revokes a share link at once; answers false when it was revoked already.';
revoke all on function public.hpc_revoke_share_link(uuid) from public, anon, service_role;
grant execute on function public.hpc_revoke_share_link(uuid) to authenticated;

-- Read receipts run as the caller: the tables' policies decide which links they count.
create or replace function public.hpc_share_receipts(p_report_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_caller record;
begin
  select * into v_caller from private.hpc_api_caller();
  if not exists (select 1 from public.hpc_reports as r where r.id = p_report_id) then
    perform private.raise_api_error('HP404', format('No card %s among yours.', p_report_id));
  end if;
  -- A family reads its published card, not who the school shared it with.
  if not ((select private.reads_whole_institution())
          or exists (select 1 from public.hpc_reports as r
                     where r.id = p_report_id and r.student_id = any ((select private.taught_student_ids())::uuid[]))) then
    perform private.raise_api_error('HP403', 'The child''s teachers and the school''s leaders read a card''s receipts.');
  end if;
  return jsonb_build_object(
    'report_id', p_report_id,
    'links', coalesce((
      select jsonb_agg(jsonb_build_object(
               'link_id', l.id, 'guardian_id', l.guardian_id, 'guardian', g.full_name, 'language', l.language,
               'issued_at', l.issued_at, 'issued_by', l.issued_by, 'expires_at', l.expires_at, 'revoked_at', l.revoked_at,
               'opens', o.opens, 'first_opened_at', o.first_opened_at, 'last_opened_at', o.last_opened_at)
             order by l.issued_at, l.id)
      from public.report_share_links as l
      left join public.user_profiles as g on g.institution_id = l.institution_id and g.id = l.guardian_id
      cross join lateral (
        select count(*) as opens, min(x.opened_at) as first_opened_at, max(x.opened_at) as last_opened_at
        from public.report_share_link_opens as x where x.institution_id = l.institution_id and x.link_id = l.id) as o
      where l.report_id = p_report_id), '[]'));
end
$$;
comment on function public.hpc_share_receipts(uuid) is
  'A card version''s share links and whether each was opened: {report_id, links [{link_id, guardian_id, guardian, language, issued_at, issued_by, expires_at, revoked_at, opens, first_opened_at, last_opened_at}]}.';
revoke all on function public.hpc_share_receipts(uuid) from public, anon, service_role;
grant execute on function public.hpc_share_receipts(uuid) to authenticated;

create or replace function public.hpc_section_share_receipts(p_cycle_id uuid, p_section_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_caller record;
begin
  select * into v_caller from private.hpc_api_caller();
  if not exists (select 1 from public.hpc_evaluation_cycles as c
                 where c.institution_id = v_caller.institution_id and c.id = p_cycle_id)
     or not exists (select 1 from public.sections as s where s.institution_id = v_caller.institution_id and s.id = p_section_id) then
    perform private.raise_api_error('HP404', 'No such cycle and section among yours.');
  end if;
  if not ((select private.reads_whole_institution()) or p_section_id = any ((select private.taught_section_ids())::uuid[])) then
    perform private.raise_api_error('HP403', 'The section''s teachers and the school''s leaders read its receipts.');
  end if;
  -- A family is a student of the section with at least one guardian.
  return (
    with families as (
      select s.student_id, p.full_name,
             (select count(*) from public.report_share_links as l
              join public.hpc_reports as r on r.institution_id = l.institution_id and r.id = l.report_id
              where l.institution_id = s.institution_id and l.student_id = s.student_id and r.cycle_id = p_cycle_id) as links,
             (select count(*) from public.report_share_link_opens as o
              join public.report_share_links as l on l.institution_id = o.institution_id and l.id = o.link_id
              join public.hpc_reports as r on r.institution_id = l.institution_id and r.id = l.report_id
              where l.institution_id = s.institution_id and l.student_id = s.student_id and r.cycle_id = p_cycle_id) as opens,
             (select max(o.opened_at) from public.report_share_link_opens as o
              join public.report_share_links as l on l.institution_id = o.institution_id and l.id = o.link_id
              join public.hpc_reports as r on r.institution_id = l.institution_id and r.id = l.report_id
              where l.institution_id = s.institution_id and l.student_id = s.student_id
                and r.cycle_id = p_cycle_id) as last_opened_at
      from public.section_students as s
      join public.user_profiles as p on p.institution_id = s.institution_id and p.id = s.student_id
      where s.institution_id = v_caller.institution_id and s.section_id = p_section_id
        and exists (select 1 from public.student_guardians as g where g.institution_id = s.institution_id and g.student_id = s.student_id)
    )
    select jsonb_build_object(
      'cycle_id', p_cycle_id, 'section_id', p_section_id,
      'cycle', (select c.name from public.hpc_evaluation_cycles as c
                where c.institution_id = v_caller.institution_id and c.id = p_cycle_id),
      'families', count(*), 'shared', count(*) filter (where f.links > 0), 'opened', count(*) filter (where f.opens > 0),
      'students', coalesce(jsonb_agg(jsonb_build_object('student_id', f.student_id, 'student', f.full_name, 'links', f.links,
                                                        'opens', f.opens, 'last_opened_at', f.last_opened_at)
                                     order by f.full_name, f.student_id), '[]'))
    from families as f);
end
$$;
comment on function public.hpc_section_share_receipts(uuid, uuid) is
  'How many of a section''s families opened the cycle''s card ("14 of 40"): {cycle_id, section_id, cycle, families, shared, opened, students [{student_id, student, links, opens, last_opened_at}]}.';
revoke all on function public.hpc_section_share_receipts(uuid, uuid) from public, anon, service_role;
grant execute on function public.hpc_section_share_receipts(uuid, uuid) to authenticated;

-- Opening a link -------------------------------------------------------------------------

-- Requests per bucket in this minute and the previous one beyond which a request is refused.
create or replace function private.report_share_rate_limit(p_kind text)
returns integer
language sql
immutable
set search_path = ''
as $$
  select case when p_kind = 'client' then 30 when p_kind = 'token' then 10 end
$$;
revoke all on function private.report_share_rate_limit(text) from public;

-- Counts one request in a bucket; answers the seconds to wait when it is over the limit
-- (0: within it).
create or replace function private.report_share_count_request(p_bucket bytea, p_limit integer)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_window timestamptz := pg_catalog.date_trunc('minute', now());
  v_now_hits bigint;
  v_previous_hits bigint;
begin
  insert into private.report_share_rate_windows as w (bucket, window_start, hits) values (p_bucket, v_window, 1)
  on conflict (bucket, window_start) do update set hits = w.hits + 1
  returning w.hits into v_now_hits;
  select coalesce(sum(w.hits), 0) into v_previous_hits
  from private.report_share_rate_windows as w where w.bucket = p_bucket and w.window_start = v_window - interval '1 minute';
  if v_now_hits + v_previous_hits <= p_limit then
    return 0;
  end if;
  -- Within this minute the previous one stops counting at its end; this minute's own hits
  -- count until the end of the next.
  return ceil(extract(epoch from (v_window + interval '1 minute' - now())))::integer
         + case when v_now_hits > p_limit then 60 else 0 end;
end
$$;
revoke all on function private.report_share_count_request(bytea, integer) from public;

-- What the hpc-shared-card function asks, as anon: {outcome: 'open', link_id, language,
-- report {…}} | {outcome: 'refused'} | {outcome: 'rate_limited', retry_after}. Every token,
-- well-formed or not, takes the same path: hashed, counted, looked up by hash, then a link
-- read in every case with every condition checked in one query, so a refusal costs the same
-- whatever its reason (benchmarks/share-links/RESULTS.md).
create or replace function private.report_share_open(p_token text, p_client text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_token_hash bytea := pg_catalog.sha256(pg_catalog.convert_to(coalesce(p_token, ''), 'UTF8'));
  v_client_bucket bytea := extensions.hmac(pg_catalog.convert_to('client:' || coalesce(p_client, ''), 'UTF8'),
                                           (select s.client_key from private.report_share_secrets as s), 'sha256');
  v_token_bucket bytea := pg_catalog.sha256('token:'::bytea || v_token_hash);
  v_wait integer;
  v_key_hash bytea;
  v_key_institution uuid;
  v_key_link uuid;
  v_found record;
begin
  v_wait := greatest(
    private.report_share_count_request(v_client_bucket, private.report_share_rate_limit('client')),
    private.report_share_count_request(v_token_bucket, private.report_share_rate_limit('token')));
  if v_wait > 0 then
    return jsonb_build_object('outcome', 'rate_limited', 'retry_after', v_wait);
  end if;

  -- The link whose hash is the token's, or else the next one up (the first after the last):
  -- an unknown token then reads a link, its school, guardian and card exactly as a known
  -- one does, and is told apart only by the hash compared below. Looked up on its own: the
  -- school is not known yet (on Citus this asks every shard), and the query after it names
  -- the school in every table it reads, which keeps it on that school's shard.
  select x.token_hash, x.institution_id, x.link_id
  into v_key_hash, v_key_institution, v_key_link
  from ((select k.token_hash, k.institution_id, k.link_id from private.report_share_link_tokens as k
         where k.token_hash >= v_token_hash order by k.token_hash limit 1)
        union all
        (select k.token_hash, k.institution_id, k.link_id from private.report_share_link_tokens as k order by k.token_hash limit 1)
        limit 1) as x;

  select l.institution_id, l.id as link_id, l.student_id as link_student_id, l.language, r.id as report_id,
         r.version, r.status, r.content, r.content_hash, r.published_at, r.student_id,
         (v_key_hash = v_token_hash and l.revoked_at is null and l.expires_at > now()
          and coalesce(f.enabled, false) and g.guardian_id is not null
          and r.status = 'published' and later.id is null) as valid
  into v_found
  from (select 1) as t
  left join public.report_share_links as l on l.institution_id = v_key_institution and l.id = v_key_link
  left join public.institution_feature_flags as f on f.institution_id = v_key_institution and f.feature = 'hpc'
  left join public.student_guardians as g
    on g.institution_id = v_key_institution and g.student_id = l.student_id and g.guardian_id = l.guardian_id
  left join public.hpc_reports as r on r.institution_id = v_key_institution and r.id = l.report_id
  left join lateral (
    select x.id from public.hpc_reports as x
    where x.institution_id = v_key_institution and x.cycle_id = r.cycle_id and x.student_id = r.student_id
      and x.version > r.version and x.status = 'published'
    limit 1) as later on true;

  if not coalesce(v_found.valid, false) then
    return jsonb_build_object('outcome', 'refused');
  end if;
  insert into public.report_share_link_opens (institution_id, link_id, student_id)
  values (v_found.institution_id, v_found.link_id, v_found.link_student_id);
  return jsonb_build_object(
    'outcome', 'open', 'link_id', v_found.link_id, 'language', v_found.language,
    'report', jsonb_build_object('id', v_found.report_id, 'student_id', v_found.student_id, 'version', v_found.version,
                                 'status', v_found.status, 'content', v_found.content, 'content_hash', v_found.content_hash,
                                 'published_at', v_found.published_at));
end
$$;
comment on function private.report_share_open(text, text) is
  'Opens a share link for the hpc-shared-card function: rate limits per client and per token, then one uniform lookup; records the open. Answers {outcome: open | refused | rate_limited, ...}.';
revoke all on function private.report_share_open(text, text) from public;

-- The hpc-shared-card function runs as anon, like any caller without an account. Anon has
-- nothing in `private`; this schema, which the API does not expose either, holds the one
-- function it may call.
create schema shared_card;
comment on schema shared_card is
  'What the hpc-shared-card function calls as anon: opening a share link. Not exposed by the API (not in pgrst.db_schemas).';
revoke all on schema shared_card from public;
grant usage on schema shared_card to anon;

create function shared_card.open(p_token text, p_client text)
returns jsonb
language sql
volatile
security definer
set search_path = ''
as $$
  select private.report_share_open(p_token, p_client)
$$;
comment on function shared_card.open(text, text) is
  'Opens a share link: private.report_share_open for anon, the hpc-shared-card function''s role.';
revoke all on function shared_card.open(text, text) from public;
grant execute on function shared_card.open(text, text) to anon;

-- Rate-limit windows older than the previous minute are of no further use: dropped every minute.
create or replace function private.report_share_forget_old_windows()
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  delete from private.report_share_rate_windows as w where w.window_start < pg_catalog.date_trunc('minute', now()) - interval '1 minute'
$$;
revoke all on function private.report_share_forget_old_windows() from public;
select cron.schedule('hpc-share-forget-rate-windows', '* * * * *', $job$select private.report_share_forget_old_windows()$job$);
