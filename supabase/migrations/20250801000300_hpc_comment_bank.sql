-- The comment bank: phrases a teacher picks and edits when writing a child's narrative.
--
-- * public.comment_bank_phrases: per institution, a phrase for a parameter (and so for that
--   parameter's stage) at one level of the parameter's scale, in one language. Read by the
--   school's staff (BIG DAY roles teacher, admin, staff) while HPC is on; never by students or
--   parents. Written with insert / update under RLS by the coordinators of the parameter's
--   stage (or of every stage) and the institution admins. A phrase is retired (retired_at),
--   never deleted: narratives keep a reference to the phrase they came from.
-- * Placeholders, checked on every write (HP400 naming the unknown ones):
--     {name}                     the child's first name (the first word of full_name)
--     {they} {them} {their}      he / him / his or she / her / her from the child's gender;
--     {They} {Them} {Their}      for 'other' or no gender, the child's name (and "Name's"),
--                                which never needs a neutral verb form; English phrases only
--     {masculine|feminine}       a word that agrees with the child's gender (Hindi verbs and
--                                adjectives: {करता|करती}); both forms "करता/करती" for
--                                'other' or no gender, as Indian forms write them
--   Any other {…}, or a { or } without its pair, is refused.
-- * public.hpc_fill_comment_phrases: the phrases for one student, filled in, for the
--   frontend to show and the teacher to edit.
-- * report_narratives.source_phrase_id / source_phrase_text: which phrase a narrative came
--   from and the phrase as it read then (kept when the phrase is later edited or retired),
--   written by public.hpc_save_narrative's p_source_phrase_id (20250301000200).
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create table public.comment_bank_phrases (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null default private.current_institution_id() references public.institutions (id),
  parameter_id uuid not null,
  -- the parameter's stage, copied from it by the validate_phrase trigger and carried along
  -- when the parameter's stage changes (carry_stage_to_phrases): the write policies compare
  -- it with the caller's coordinated stages without reading hpc_parameters (on Citus a policy
  -- may read no other table). Never null (the check below); not declared NOT NULL, which would
  -- make it a field the API's insert type requires of the writer.
  stage public.hpc_stage,
  level_ordinal bigint not null,
  language text not null default 'en',
  phrase text not null,
  retired_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint comment_bank_phrases_pkey primary key (institution_id, id),
  -- each phrase once per parameter, level and language; also the upsert key
  constraint comment_bank_phrases_phrase_key unique (institution_id, parameter_id, level_ordinal, language, phrase),
  constraint comment_bank_phrases_parameter_fkey foreign key (institution_id, parameter_id)
    references public.hpc_parameters (institution_id, id),
  constraint comment_bank_phrases_stage_set check (stage is not null),
  constraint comment_bank_phrases_level_range check (level_ordinal between 1 and 10),
  constraint comment_bank_phrases_language_format check (language ~ '^[a-z]{2,3}$'),
  -- 500 characters: a phrase is a sentence or two; the unique key's index stays within
  -- btree's 2,704 bytes even for 4-byte characters
  constraint comment_bank_phrases_phrase_length check (char_length(phrase) <= 500 and btrim(phrase) <> '')
);
comment on table public.comment_bank_phrases is
  'The comment bank: phrases per parameter, level of its scale and language, with placeholders ({name}, {they}, {them}, {their}, {masculine|feminine}), that teachers pick and edit for narratives. Staff read; coordinators of the stage and institution admins write; retired, never deleted.';
comment on column public.comment_bank_phrases.level_ordinal is 'A level (1…n) of the parameter''s scale.';
comment on column public.comment_bank_phrases.language is 'ISO 639 code of the phrase''s language (en, hi, mr, …).';
comment on column public.comment_bank_phrases.retired_at is 'Set to retire the phrase: no longer offered; narratives made from it keep their reference.';
comment on column public.comment_bank_phrases.stage is 'The parameter''s stage, kept equal to it by triggers (the write policies compare it with the caller''s coordinated stages).';

-- The placeholders of a phrase that are not allowed (see the header), each once, in order of
-- appearance; '{' or '}' for a brace without its pair. Empty: the phrase is fine.
create or replace function private.comment_bank_unknown_placeholders(p_phrase text, p_language text)
returns text[]
language sql
immutable
set search_path = ''
as $$
  with placeholders as (
    select m.found[1] as token, m.n
    from regexp_matches(p_phrase, '\{[^{}]*\}', 'g') with ordinality as m (found, n)
  ),
  lone_braces as (
    select b.found[1] as token, b.n
    from regexp_matches(regexp_replace(p_phrase, '\{[^{}]*\}', '', 'g'), '[{}]', 'g') with ordinality as b (found, n)
  ),
  unknown as (
    select p.token, p.n from placeholders as p
    where p.token <> '{name}'
      and not (p.token ~ '^\{([Tt]hey|[Tt]hem|[Tt]heir)\}$' and p_language = 'en')
      and p.token !~ '^\{[^{}|]+\|[^{}|]+\}$'
    union all
    select l.token, 1000000 + l.n from lone_braces as l
  )
  select coalesce(array_agg(f.token order by f.first_at), '{}')
  from (select u.token, min(u.n) as first_at from unknown as u group by u.token) as f
$$;
revoke all on function private.comment_bank_unknown_placeholders(text, text) from public;
grant execute on function private.comment_bank_unknown_placeholders(text, text) to authenticated, service_role;

-- A phrase with its placeholders filled for one child: p_name their first name, p_gender
-- 'male', 'female', 'other' or null (see the header for what each placeholder becomes).
create or replace function private.comment_bank_fill(p_phrase text, p_name text, p_gender text)
returns text
language sql
immutable
set search_path = ''
as $$
  select regexp_replace(
    replace(replace(replace(replace(replace(replace(replace(p_phrase,
      '{name}', p_name),
      '{they}', case when p_gender = 'male' then 'he' when p_gender = 'female' then 'she' else p_name end),
      '{They}', case when p_gender = 'male' then 'He' when p_gender = 'female' then 'She' else p_name end),
      '{them}', case when p_gender = 'male' then 'him' when p_gender = 'female' then 'her' else p_name end),
      '{Them}', case when p_gender = 'male' then 'Him' when p_gender = 'female' then 'Her' else p_name end),
      '{their}', case when p_gender = 'male' then 'his' when p_gender = 'female' then 'her' else p_name || '''s' end),
      '{Their}', case when p_gender = 'male' then 'His' when p_gender = 'female' then 'Her' else p_name || '''s' end),
    '\{([^{}|]+)\|([^{}|]+)\}',
    case when p_gender = 'male' then '\1' when p_gender = 'female' then '\2' else '\1/\2' end,
    'g')
$$;
revoke all on function private.comment_bank_fill(text, text, text) from public;
grant execute on function private.comment_bank_fill(text, text, text) to authenticated, service_role;

-- Every write of a phrase's text, level or parameter is checked here, with messages that say
-- what to change (HP400; HTTP 400 through PostgREST): placeholders as in the header, and a
-- level on the parameter's scale (a parameter-specific level row or the stage-wide one); the
-- parameter's stage is copied onto the phrase, and an unknown parameter refused (23503) as
-- its foreign key would, before the write policies read the stage.
create or replace function private.comment_bank_check_phrase()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_unknown text[] := private.comment_bank_unknown_placeholders(new.phrase, new.language);
  v_parameter record;
  v_levels bigint[];
begin
  if cardinality(v_unknown) > 0 then
    perform private.raise_api_error('HP400',
      format('The phrase has placeholders that are not known: %s.', array_to_string(v_unknown, ' ')),
      null,
      case when new.language = 'en'
        then 'Placeholders: {name}, {they}, {them}, {their} (or {They}, {Them}, {Their}) and {masculine|feminine}; a brace stands only around one of them.'
        else 'Placeholders: {name} and {masculine|feminine} ({they}, {them}, {their} are for English phrases); a brace stands only around one of them.'
      end);
  end if;

  select p.code, p.scale_code, p.stage into v_parameter
  from public.hpc_parameters as p
  where p.institution_id = new.institution_id and p.id = new.parameter_id;
  if not found then
    raise exception 'Parameter % is not a parameter of this school.', new.parameter_id
      using errcode = '23503', hint = 'A phrase belongs to one of the school''s own parameters (hpc_parameters).';
  end if;
  new.stage := v_parameter.stage;
  select array_agg(distinct r.ordinal order by r.ordinal) into v_levels
  from public.hpc_rubrics as r
  where r.institution_id = new.institution_id
    and r.scale_code = v_parameter.scale_code
    and r.active
    and (r.parameter_id is null or r.parameter_id = new.parameter_id);
  if not (new.level_ordinal = any (coalesce(v_levels, '{}'))) then
    perform private.raise_api_error('HP400',
      format('Level %s is not on the scale "%s" of parameter %s (levels %s).', new.level_ordinal,
             v_parameter.scale_code, v_parameter.code, coalesce(array_to_string(v_levels, ', '), 'none')));
  end if;
  return new;
end
$$;
revoke all on function private.comment_bank_check_phrase() from public;
comment on function private.comment_bank_check_phrase() is
  'Trigger: a phrase''s placeholders are known ones and its level is on its parameter''s scale (HP400 otherwise).';

-- A parameter's new stage goes to its phrases: they belong to the bank of the stage the
-- parameter is in now. Same school, so on Citus the parameter's own shard group; security
-- definer, as the phrases' write policies would judge the change by the old stage.
create or replace function private.comment_bank_carry_stage()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.comment_bank_phrases as f set stage = new.stage
  where f.institution_id = new.institution_id and f.parameter_id = new.id and f.stage is distinct from new.stage;
  return null;
end
$$;
revoke all on function private.comment_bank_carry_stage() from public;
comment on function private.comment_bank_carry_stage() is
  'Trigger: a parameter''s new stage is copied onto its comment-bank phrases.';
create trigger carry_stage_to_phrases
  after update of stage on public.hpc_parameters
  for each row when (old.stage is distinct from new.stage)
  execute function private.comment_bank_carry_stage();

-- BEFORE triggers fire in name order: keep_row_in_its_institution settles the row's school
-- before the phrase is checked against that school's scale.
create trigger keep_row_in_its_institution
  before insert or update of institution_id on public.comment_bank_phrases
  for each row execute function private.keep_row_in_its_institution();
create trigger validate_phrase
  before insert or update of parameter_id, level_ordinal, language, phrase on public.comment_bank_phrases
  for each row execute function private.comment_bank_check_phrase();
create trigger stamp_row_authorship
  before insert or update on public.comment_bank_phrases
  for each row execute function private.stamp_row_authorship();
create trigger audit_row_change
  after insert or update or delete on public.comment_bank_phrases
  for each row execute function private.audit_row_change('row', 'public.comment_bank_phrases', 'institution_id', 'id');

-- Staff read, managers add and edit; nobody deletes through the API (retire instead), so a
-- narrative's source stays. The school and the author columns are not the API's to change.
alter table public.comment_bank_phrases enable row level security;
revoke all on public.comment_bank_phrases from anon, authenticated;
grant select, insert on public.comment_bank_phrases to authenticated;
grant update (parameter_id, level_ordinal, language, phrase, retired_at) on public.comment_bank_phrases to authenticated;

create policy "Staff read their school's comment bank" on public.comment_bank_phrases
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and (select private.current_role_name()) in ('teacher', 'admin', 'staff')
  );
-- Institution admins (the duty, or BIG DAY role admin) manage every stage's phrases;
-- coordinators their stage's, or every stage's when their duty names none.
create policy "Coordinators of the stage and institution admins add phrases" on public.comment_bank_phrases
  for insert to authenticated
  with check (
    institution_id = (select private.hpc_institution_id())
    and ((select private.is_institution_admin()) or private.coordinates_stage(stage::text))
  );
create policy "Coordinators of the stage and institution admins edit phrases" on public.comment_bank_phrases
  for update to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and ((select private.is_institution_admin()) or private.coordinates_stage(stage::text))
  )
  with check (
    institution_id = (select private.hpc_institution_id())
    and ((select private.is_institution_admin()) or private.coordinates_stage(stage::text))
  );

-- Which phrase a narrative came from (null: written from scratch).
alter table public.report_narratives
  add column source_phrase_id uuid,
  add column source_phrase_text text;
comment on column public.report_narratives.source_phrase_id is
  'The comment bank phrase the narrative was written from (null: written from scratch); kept when the phrase is edited or retired.';
comment on column public.report_narratives.source_phrase_text is
  'The phrase (with its placeholders) as it read when the narrative was written from it.';
alter table public.report_narratives
  add constraint report_narratives_source_phrase_fkey foreign key (institution_id, source_phrase_id)
    references public.comment_bank_phrases (institution_id, id) not valid;
-- Validated at once: every row's source_phrase_id is null (the column is new), and the table
-- is one row per child and cycle, so the check is a short scan that references nothing.
-- squawk-ignore constraint-missing-not-valid
alter table public.report_narratives validate constraint report_narratives_source_phrase_fkey;
-- The key's index, built in the migration's transaction: report_narratives holds one row
-- per child and cycle, so the build takes milliseconds, within the lock timeout above.
-- squawk-ignore require-concurrent-index-creation
create index report_narratives_source_phrase_idx on public.report_narratives (institution_id, source_phrase_id);

-- The stage of a student (security definer, 20250301000100), for the invoker function below.
grant execute on function private.hpc_student_stage(uuid, uuid) to authenticated;

-- The comment bank's phrases for one student, filled in for them, for the teacher to pick
-- and edit: the phrases of the student's stage (optionally of one parameter, level and
-- language), retired ones left out. The caller is staff (HP403) who may see the student
-- (HP404: the student's teachers and the school's leaders, under user_profiles' policies).
-- Security invoker: the phrases and the student are read under the caller's policies.
create or replace function public.hpc_fill_comment_phrases(
  p_student_id uuid, p_parameter_id uuid default null, p_level_ordinal bigint default null, p_language text default null)
returns table (
  phrase_id uuid, parameter_id uuid, parameter_code text, level_ordinal bigint, language text, phrase text, filled text)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_caller record;
  v_student record;
  v_stage text;
begin
  select * into v_caller from private.hpc_api_caller();
  if (select private.current_role_name()) not in ('teacher', 'admin', 'staff') then
    perform private.raise_api_error('HP403', 'The comment bank is for the school''s staff.');
  end if;
  select split_part(btrim(s.full_name), ' ', 1) as first_name, s.gender into v_student
  from public.user_profiles as s
  where s.id = p_student_id and s.role = 'student' and s.institution_id = v_caller.institution_id;
  if not found then
    perform private.raise_api_error('HP404', format('No student %s among yours.', p_student_id));
  end if;
  v_stage := private.hpc_student_stage(v_caller.institution_id, p_student_id);
  return query
    select f.id, f.parameter_id, p.code, f.level_ordinal, f.language, f.phrase,
           private.comment_bank_fill(f.phrase, v_student.first_name, v_student.gender)
    from public.comment_bank_phrases as f
    join public.hpc_parameters as p on p.institution_id = f.institution_id and p.id = f.parameter_id
    where f.institution_id = v_caller.institution_id
      and f.retired_at is null
      and (v_stage is null or p.stage::text = v_stage)
      and (p_parameter_id is null or f.parameter_id = p_parameter_id)
      and (p_level_ordinal is null or f.level_ordinal = p_level_ordinal)
      and (p_language is null or f.language = p_language)
    order by p.sort_order, p.code, f.level_ordinal, f.language, f.phrase;
end
$$;
comment on function public.hpc_fill_comment_phrases(uuid, uuid, bigint, text) is
  'The comment bank phrases of a student''s stage (optionally of one parameter, level, language) with {name}, pronouns and gendered words filled in for that student. Staff who may see the student.';
revoke all on function public.hpc_fill_comment_phrases(uuid, uuid, bigint, text) from public, anon;
grant execute on function public.hpc_fill_comment_phrases(uuid, uuid, bigint, text) to authenticated, service_role;
