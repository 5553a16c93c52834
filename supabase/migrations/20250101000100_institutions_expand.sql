-- Tenancy, expand step 1: public.institutions, and the helpers that give the existing BIG DAY
-- tables institution_id one table at a time (docs/architecture.md §4.1, §10).
--
-- * public.institutions, created only if it does not exist yet.
-- * The trigger that registers unknown institution ids written by a newer-shape app.
-- * institution_id itself comes in the next seven files, one existing table per file
--   (20250101000110..116): each file is one transaction, and a table's ACCESS EXCLUSIVE lock
--   lasts until its transaction commits, so one table per transaction holds each lock for
--   milliseconds and never while waiting for another table's (benchmarks/migration/FINDINGS.md).
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
-- a NOT VALID foreign key (no scan). Catalog work only: the ACCESS EXCLUSIVE lock it takes
-- lasts milliseconds. Called by one file per table (20250101000120..132), each its own
-- transaction; a table this database does not have is skipped.
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
  return true;
end
$$;
comment on function private.add_institution_column(text) is
  'Migration helper: institution_id (nullable, NOT VALID key) on an existing table, if the table exists.';
revoke all on function private.add_institution_column(text) from public;

-- The policies' index on that column, where none leads with it. Built by one file per
-- table (20250101000140..152), AFTER the column's own file committed: the build reads the
-- whole table, and under the column's ACCESS EXCLUSIVE lock even reads would wait for it
-- (benchmarks/migration/FINDINGS.md). Alone it holds SHARE: reads go on, but
-- the table's writers wait for the build, and an application whose write transactions touch
-- the table stalls with them. On a live database the runner therefore builds the same index
-- CONCURRENTLY before it pushes those files, which then find it and do nothing (GitLab's
-- "prepare async index"); a file cannot do that itself, because CREATE INDEX CONCURRENTLY
-- runs neither in a function nor, as plain SQL, where the table does not exist.
-- Partial (`where institution_id is not null`): while the column is still empty the build
-- only reads the heap, with nothing to sort or write, and every lookup by school (an
-- equality, which implies not null) can use it.
create or replace function private.institution_column_index_statement(p_table text, p_concurrently boolean)
returns text
language sql
stable
set search_path = ''
as $$
  select format('create index %s %I on %s (institution_id) where institution_id is not null',
                case when p_concurrently then 'concurrently if not exists' else 'if not exists' end,
                p_table || '_institution_id_idx', t.oid::regclass)
  from (select to_regclass(format('public.%I', p_table)) as oid) as t
  where t.oid is not null
    and exists (select 1 from pg_catalog.pg_attribute as a
                where a.attrelid = t.oid and a.attname = 'institution_id' and not a.attisdropped)
    and not exists (select 1 from pg_catalog.pg_index as i
                    join pg_catalog.pg_attribute as a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                    where i.indrelid = t.oid and a.attname = 'institution_id' and i.indisvalid)
$$;
comment on function private.institution_column_index_statement(text, boolean) is
  'Migration helper: the CREATE INDEX for institution_id on an existing table, or null when the table is absent or already has a valid index leading with it.';
revoke all on function private.institution_column_index_statement(text, boolean) from public;

create or replace function private.index_institution_column(p_table text)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  v_statement text := private.institution_column_index_statement(p_table, false);
begin
  if v_statement is not null then
    execute v_statement;
  end if;
  return v_statement is not null;
end
$$;
comment on function private.index_institution_column(text) is
  'Migration helper: builds the index private.institution_column_index_statement names, if any.';
revoke all on function private.index_institution_column(text) from public;
