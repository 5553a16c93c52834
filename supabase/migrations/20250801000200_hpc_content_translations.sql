-- The card in the school's language: translations of the content a school writes.
--
-- * public.hpc_language: the languages a card prints in (English, Hindi, Tamil), a checked
--   list like every fixed list of words here.
-- * institutions.default_language: the language the school writes its content in. A text
--   without a translation into the language asked for falls back to it, and the compiled
--   card records that it did (private.hpc_compile_card, content.i18n).
-- * One table per kind of content, each keyed by (institution_id, the translated row,
--   language) with a real foreign key to that row: parameter names, descriptions, areas and
--   activities (parameter_translations), rubric level labels and descriptors
--   (rubric_translations), cycle names (cycle_translations). Parameters and rubrics are
--   versioned by a new row per version, so a translation belongs to one version of its
--   content. The card compiler copies the translated texts it uses into the card's content,
--   so that a published card never changes when a translation is edited later.
--
-- The tables are named without the hpc_ prefix, as report_narratives is: the data model
-- keeps exactly 11 hpc_* tables. Staff of the school read them (the translation screens,
-- the card compiler runs as definer); coordinators and institution admins write them;
-- other schools reach nothing, and an HPC-off school's users nothing either.
set local lock_timeout = '50ms';
set local statement_timeout = '60s';

create type public.hpc_language as enum ('en', 'hi', 'ta');
comment on type public.hpc_language is 'A language a card prints in: English, Hindi, Tamil.';
create cast (text as public.hpc_language) with inout as assignment;

-- A constant default: PostgreSQL 11+ stores it in the catalog, no table rewrite.
alter table public.institutions add column default_language public.hpc_language not null default 'en';
comment on column public.institutions.default_language is
  'The language the school writes its HPC content in; a card in another language falls back to it where a text has no translation.';
grant update (default_language) on public.institutions to authenticated;

create table public.parameter_translations (
  institution_id uuid not null default private.current_institution_id() references public.institutions (id),
  parameter_id uuid not null,
  language public.hpc_language not null,
  name text not null,
  description text,
  area text,
  activity text,
  curricular_goal text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint parameter_translations_pkey primary key (institution_id, parameter_id, language),
  constraint parameter_translations_parameter_fkey foreign key (institution_id, parameter_id)
    references public.hpc_parameters (institution_id, id) on delete cascade,
  constraint parameter_translations_name_length check (char_length(name) between 1 and 300),
  constraint parameter_translations_description_length check (description is null or char_length(description) <= 2000),
  constraint parameter_translations_area_length check (area is null or char_length(area) between 1 and 300),
  constraint parameter_translations_activity_length check (activity is null or char_length(activity) <= 1000),
  constraint parameter_translations_curricular_goal_length check (curricular_goal is null or char_length(curricular_goal) <= 1000)
);
comment on table public.parameter_translations is
  'A parameter''s name, description, area, activity and curricular goal in one language (one row per parameter version and language).';

create table public.rubric_translations (
  institution_id uuid not null default private.current_institution_id() references public.institutions (id),
  rubric_id uuid not null,
  language public.hpc_language not null,
  label text not null,
  descriptor text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint rubric_translations_pkey primary key (institution_id, rubric_id, language),
  constraint rubric_translations_rubric_fkey foreign key (institution_id, rubric_id)
    references public.hpc_rubrics (institution_id, id) on delete cascade,
  constraint rubric_translations_label_length check (char_length(label) between 1 and 100),
  constraint rubric_translations_descriptor_length check (descriptor is null or char_length(descriptor) <= 2000)
);
comment on table public.rubric_translations is
  'A rubric level''s label and descriptor in one language (one row per level row and language).';

create table public.cycle_translations (
  institution_id uuid not null default private.current_institution_id() references public.institutions (id),
  cycle_id uuid not null,
  language public.hpc_language not null,
  name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint cycle_translations_pkey primary key (institution_id, cycle_id, language),
  constraint cycle_translations_cycle_fkey foreign key (institution_id, cycle_id)
    references public.hpc_evaluation_cycles (institution_id, id) on delete cascade,
  constraint cycle_translations_name_length check (char_length(name) between 1 and 200)
);
comment on table public.cycle_translations is 'An evaluation cycle''s name in one language.';

-- Who manages translations: coordinators and institution admins of the caller's school.
-- Inlined into the policies like the request context's readers (20250201000100).
create or replace function private.manages_translations()
returns boolean
language sql
stable
as $$
  select (select private.is_institution_admin()) or (select private.current_duties()) && array['coordinator']
$$;
comment on function private.manages_translations() is
  'True when the signed-in user is a coordinator or an institution admin (they manage the school''s translations).';
revoke all on function private.manages_translations() from public;
grant execute on function private.manages_translations() to authenticated, service_role;

-- Triggers, grants and one policy per command on each table.
do $$
declare
  v_table text;
  v_key text;
  v_label text;
begin
  for v_table, v_key, v_label in
    select * from (values
      ('parameter_translations', 'parameter_id', 'parameter translations'),
      ('rubric_translations', 'rubric_id', 'rubric translations'),
      ('cycle_translations', 'cycle_id', 'cycle translations')
    ) as t (tbl, key, label)
  loop
    execute format(
      'create trigger stamp_row_authorship before insert or update on public.%I
         for each row execute function private.stamp_row_authorship()', v_table);
    execute format(
      'create trigger keep_row_in_its_institution before insert or update of institution_id on public.%I
         for each row execute function private.keep_row_in_its_institution()', v_table);
    execute format(
      'create trigger audit_row_change after insert or update or delete on public.%I
         for each row execute function private.audit_row_change(''row'', %L, ''institution_id'', %L, ''language'')', v_table, 'public.' || v_table, v_key);
    execute format('alter table public.%I enable row level security', v_table);
    execute format('revoke all on public.%I from anon, authenticated', v_table);
    -- whole-row UPDATE: supabase-js upserts write every column of the row they send
    execute format('grant select, insert, update, delete on public.%I to authenticated', v_table);

    execute format($p$
      create policy %I on public.%I for select to authenticated
      using (institution_id = (select private.hpc_institution_id())
             and (select private.current_role_name()) in ('teacher', 'admin', 'staff'))$p$,
      format('Staff read their school''s %s', v_label), v_table);
    execute format($p$
      create policy %I on public.%I for insert to authenticated
      with check (institution_id = (select private.hpc_institution_id())
                  and (select private.manages_translations()))$p$,
      format('Coordinators and admins add %s', v_label), v_table);
    execute format($p$
      create policy %I on public.%I for update to authenticated
      using (institution_id = (select private.hpc_institution_id())
             and (select private.manages_translations()))
      with check (institution_id = (select private.hpc_institution_id())
                  and (select private.manages_translations()))$p$,
      format('Coordinators and admins edit %s', v_label), v_table);
    execute format($p$
      create policy %I on public.%I for delete to authenticated
      using (institution_id = (select private.hpc_institution_id())
             and (select private.manages_translations()))$p$,
      format('Coordinators and admins remove %s', v_label), v_table);
  end loop;
end
$$;
