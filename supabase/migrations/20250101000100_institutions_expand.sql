-- Tenancy, expand step (DESIGN.md §4–§5, issue 3 §1).
--
-- * public.institutions, created only if it does not exist yet.
-- * The trigger that registers unknown institution ids written by a newer-shape app.
-- * institution_id itself comes in the next seven files, one existing table per file
--   (20250101000110..116): each file is one transaction, and a table's ACCESS EXCLUSIVE lock
--   lasts until its transaction commits. Seven tables altered in one transaction held the
--   first table's lock while waiting for the last one's (1-2 lock-timeout retries per run
--   under the benchmark's workload); one table per transaction holds each for milliseconds.
--
-- Works on both shapes of existing database (domain/bigday-existing-schema.md):
--   older:  no institution_id on user_profiles / academic_terms / courses;
--   newer:  institution_id present (not null, unchecked) on academic_terms / courses /
--           cohorts and no institutions table. `add column if not exists` is a no-op there;
--           institution rows for the existing values are created by
--           private.register_institutions_from_existing_values() (migration ..0300) before
--           the key is validated, and new legacy writes register their value on the fly.
--
-- Locks: the triggers (newer shape only) take SHARE ROW EXCLUSIVE on the five small
-- tables; lock_timeout keeps a queued statement from stalling traffic behind it (the runner
-- retries the push on timeout).
set local lock_timeout = '50ms';
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

-- Newer BIG DAY shape: its application keeps writing institution_id values that have no
-- institutions row. So that the foreign keys below do not start refusing those writes, a
-- trigger registers an unknown value as an institution first, on exactly the tables that
-- already carried institution_id before this migration (never on a column added here, so
-- HPC-era writes stay strictly checked). The contract step drops these triggers once the
-- application creates institutions itself.
create schema if not exists private;
revoke all on schema private from public;

create or replace function private.register_unknown_institution()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.institution_id is not null
     and not exists (select 1 from public.institutions as i where i.id = new.institution_id) then
    insert into public.institutions (id, name, slug)
    values (new.institution_id, 'Institution ' || new.institution_id, 'institution-' || new.institution_id)
    on conflict do nothing;
  end if;
  return new;
end
$$;
revoke all on function private.register_unknown_institution() from public;

do $$
declare
  v_table text;
begin
  foreach v_table in array array['academic_terms', 'courses', 'cohorts', 'slot_templates', 'allocation_settings'] loop
    if exists (select 1 from pg_catalog.pg_attribute as a
               where a.attrelid = to_regclass(format('public.%I', v_table))
                 and a.attname = 'institution_id' and not a.attisdropped) then
      execute format(
        'create trigger register_unknown_institution before insert or update of institution_id on public.%I
           for each row execute function private.register_unknown_institution()', v_table);
    end if;
  end loop;
end
$$;

-- institution_id on a table BIG DAY has in one of its shapes only (its timetable and
-- allocation tables, its settings, reports, groups and permissions): nullable, no default,
-- a NOT VALID foreign key (no scan), and an index for the policies when none leads with the
-- column. Called by one file per table (20250101000120..132), each its own transaction; a
-- table this database does not have is skipped. The index is built in that transaction
-- (CREATE INDEX CONCURRENTLY cannot run in a function): writes to that one table wait
-- while it builds, about a second per million rows.
create or replace function private.add_institution_column(p_table text)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  v_table regclass := to_regclass(format('public.%I', p_table));
begin
  if v_table is null then
    return false;
  end if;
  execute format('alter table %s add column if not exists institution_id uuid', v_table);
  if not exists (select 1 from pg_catalog.pg_constraint as c
                 where c.conrelid = v_table and c.conname = p_table || '_institution_id_fkey') then
    execute format('alter table %s add constraint %I foreign key (institution_id) references public.institutions (id) not valid',
                   v_table, p_table || '_institution_id_fkey');
  end if;
  if not exists (select 1 from pg_catalog.pg_index as i
                 where i.indrelid = v_table
                   and i.indkey[0] = (select a.attnum from pg_catalog.pg_attribute as a
                                      where a.attrelid = v_table and a.attname = 'institution_id')) then
    execute format('create index %I on %s (institution_id)', p_table || '_institution_id_idx', v_table);
  end if;
  return true;
end
$$;
comment on function private.add_institution_column(text) is
  'Migration helper: institution_id (nullable, NOT VALID key, indexed) on an existing table, if the table exists.';
revoke all on function private.add_institution_column(text) from public;
