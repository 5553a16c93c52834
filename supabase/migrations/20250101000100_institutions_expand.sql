-- Tenancy, expand step (DESIGN.md §4–§5, issue 3 §1).
--
-- * public.institutions, created only if it does not exist yet.
-- * institution_id on the existing BIG DAY tables, nullable for now, with a foreign key to
--   institutions added NOT VALID (no scan of the table; validation is the migration
--   runner's job once the batched backfill is done).
--
-- Works on both shapes of existing database (domain/bigday-existing-schema.md):
--   older:  no institution_id on user_profiles / academic_terms / courses;
--   newer:  institution_id present (not null, unchecked) on academic_terms / courses /
--           cohorts and no institutions table. `add column if not exists` is a no-op there;
--           institution rows for the existing values are created by
--           private.register_institutions_from_existing_values() (migration ..0300) before
--           the key is validated.
--
-- Locks: `add column` without a default and `add constraint ... not valid` take a brief
-- ACCESS EXCLUSIVE / SHARE ROW EXCLUSIVE lock and touch no rows; lock_timeout keeps a
-- queued ALTER from stalling traffic behind it (retry the push on timeout).
set local lock_timeout = '300ms';
set local statement_timeout = '30s';

create table if not exists public.institutions (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null,
  settings jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint institutions_slug_key unique (slug),
  constraint institutions_slug_format check (slug ~ '^[a-z0-9][a-z0-9-]*$'),
  constraint institutions_settings_is_object check (jsonb_typeof(settings) = 'object')
);
comment on table public.institutions is
  'A school (tenant). Every tenant row carries institution_id referencing this table.';

alter table public.institutions enable row level security;

-- Expand: nullable institution_id everywhere a tenant row lives.
alter table public.user_profiles add column if not exists institution_id uuid;
alter table public.academic_terms add column if not exists institution_id uuid;
alter table public.courses add column if not exists institution_id uuid;
alter table public.cohorts add column if not exists institution_id uuid;
alter table public.sections add column if not exists institution_id uuid;
alter table public.section_students add column if not exists institution_id uuid;
alter table public.section_courses add column if not exists institution_id uuid;

-- Foreign keys, NOT VALID: enforced for new and updated rows from now on, existing rows are
-- checked later by `validate constraint` (SHARE UPDATE EXCLUSIVE only).
alter table public.user_profiles
  add constraint user_profiles_institution_id_fkey
  foreign key (institution_id) references public.institutions (id) not valid;
alter table public.academic_terms
  add constraint academic_terms_institution_id_fkey
  foreign key (institution_id) references public.institutions (id) not valid;
alter table public.courses
  add constraint courses_institution_id_fkey
  foreign key (institution_id) references public.institutions (id) not valid;
alter table public.cohorts
  add constraint cohorts_institution_id_fkey
  foreign key (institution_id) references public.institutions (id) not valid;
alter table public.sections
  add constraint sections_institution_id_fkey
  foreign key (institution_id) references public.institutions (id) not valid;
alter table public.section_students
  add constraint section_students_institution_id_fkey
  foreign key (institution_id) references public.institutions (id) not valid;
alter table public.section_courses
  add constraint section_courses_institution_id_fkey
  foreign key (institution_id) references public.institutions (id) not valid;
