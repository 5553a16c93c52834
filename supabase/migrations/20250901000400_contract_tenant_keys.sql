-- Tenancy, contract: every key of BIG DAY's tenant tables includes institution_id, so that the
-- schema can be distributed by institution_id (Citus refuses a primary, unique or foreign key
-- between distributed tables that lacks the distribution column; docs/scale-out.md "Keys").
-- This file holds the helpers; the files after it apply them, each in its own transaction:
--
--   20250901000401        unique (institution_id, id), the per-school unique keys and a plain
--                         index on (id) of the class structure and people, built CONCURRENTLY
--   20250901000410..417   the same (institution_id, id) and (id) indexes on each of BIG DAY's
--                         newer-shape allocation tables, where the database has them, under SHARE
--   20250901000420..438   each foreign key by id between two tenant tables replaced by its
--                         (institution_id, fk) twin, NOT VALID
--   20250901000440..454   the primary key moved from (id) to (institution_id, id)
--   20250901000500..540   the composite keys that pointed at the unique (institution_id, id)
--                         twin re-pointed at the new primary key, one pair of tables a file
--   20250901000560..566   the twins dropped
--   20250901000570..578   per-school unique keys in place of database-wide ones
--   20250901000590        every re-added key validated (SHARE UPDATE EXCLUSIVE: reads and
--                         writes go on)
--
-- Why a new index and not the existing twin: PostgreSQL cannot turn a unique constraint into
-- a primary key, and a foreign key stays bound to the index it was created on. So the primary
-- key is made from a new index, and the keys bound to the twin are re-created bound to it.
-- Why an index on (id) stays beside the key (institution_id, id): a lookup by id alone cannot
-- use an index that leads with institution_id, and the platform looks rows up by id alone
-- everywhere — the request context (private.set_request_context, the caller by auth.uid()),
-- the tenant and role triggers, PostgREST's `id=eq.` filters, rows found from auth.users.
-- Without it each of those scans the table. Not unique: the key (institution_id, id) is the
-- constraint; ids are uuids, so the index is as selective as the old key was.
-- Tables a database lacks (the older BIG DAY shape has no allocation tables) are skipped.
-- Tables whose rows may have no school by decision (user_groups, system_settings,
-- system_reports, user_permissions, timetable_conflicts) keep their primary key by id: a key
-- on a nullable column cannot be primary. Their foreign keys to tenant tables still become
-- composite: the tenant guard fills institution_id from the row's links, so a row that links
-- to a school always carries it.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

-- A tenant table whose institution_id is NOT NULL: its backfill must be complete before its keys
-- change. Tables that keep rows without a school are checked for orphans by their validated
-- institution_id foreign key (20250901000210) instead.
create or replace function private.assert_tenant_keys_may_change(p_table regclass)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if exists (select 1 from pg_catalog.pg_attribute as a
             where a.attrelid = p_table and a.attname = 'institution_id' and a.attnotnull) then
    perform private.assert_tenant_backfill_complete((select c.relname from pg_catalog.pg_class as c where c.oid = p_table));
  end if;
end
$$;
revoke all on function private.assert_tenant_keys_may_change(regclass) from public;

-- The referential action of a foreign key as SQL, SET NULL / SET DEFAULT on the link column
-- only (a composite key must never null institution_id).
create or replace function private.tenant_key_actions(p_delete "char", p_update "char", p_column text)
returns text
language sql
immutable
set search_path = ''
as $$
  select format(' on delete %s on update %s',
    case when p_delete = 'c' then 'cascade' when p_delete = 'n' then format('set null (%I)', p_column)
      when p_delete = 'd' then format('set default (%I)', p_column) when p_delete = 'r' then 'restrict' else 'no action' end,
    case when p_update = 'c' then 'cascade' when p_update = 'r' then 'restrict' else 'no action' end)
$$;
revoke all on function private.tenant_key_actions("char", "char", text) from public;

-- private.swap_to_tenant_key (20250901000100) for BIG DAY's allocation tables: skipped where
-- the database lacks either table, and usable on the tables that keep rows without a school.
-- The pair has exactly one key at every moment (PostgREST embeds through it).
create or replace function private.swap_to_tenant_key_where_present(p_table text, p_column text, p_parent text, p_name text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_table regclass := to_regclass(format('public.%I', p_table));
  v_parent regclass := to_regclass(format('public.%I', p_parent));
  v_original name;
  v_delete "char";
  v_update "char";
begin
  if v_table is null or v_parent is null
     or exists (select 1 from pg_catalog.pg_constraint where conrelid = v_table and conname = p_name) then
    return;
  end if;
  perform private.assert_tenant_keys_may_change(v_table);
  select c.conname, c.confdeltype, c.confupdtype into v_original, v_delete, v_update
  from pg_catalog.pg_constraint as c
  where c.conrelid = v_table and c.confrelid = v_parent and c.contype = 'f'
    and c.conkey = array[(select a.attnum from pg_catalog.pg_attribute as a where a.attrelid = v_table and a.attname = p_column)];
  execute format('alter table %s add constraint %I foreign key (institution_id, %I) references %s (institution_id, id)%s not valid',
                 v_table, p_name, p_column, v_parent, private.tenant_key_actions(coalesce(v_delete, 'a'), coalesce(v_update, 'a'), p_column));
  if v_original is not null then
    execute format('alter table %s drop constraint %I', v_table, v_original);
  end if;
end
$$;
comment on function private.swap_to_tenant_key_where_present(text, text, text, text) is
  'Contract helper: replaces a key by id with its (institution_id, fk) twin, NOT VALID, where both tables exist.';
revoke all on function private.swap_to_tenant_key_where_present(text, text, text, text) from public;

-- An index built inside the file's transaction, for the allocation tables only: a file of
-- CREATE INDEX CONCURRENTLY cannot skip a table the older shape lacks. It holds SHARE on that
-- one table while it builds (reads go on, writers wait); these tables hold a school's
-- timetable and allocation rules, thousands of rows, not millions. p_unique: a unique index
-- (the key (institution_id, id) and the per-school unique keys) or a plain one (the index on
-- id that stays beside the key).
create or replace function private.build_tenant_index(p_table text, p_name text, p_columns text[], p_unique boolean)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if to_regclass(format('public.%I', p_table)) is null or to_regclass(format('public.%I', p_name)) is not null then
    return;
  end if;
  execute format('create %sindex %I on public.%I (%s)', case when p_unique then 'unique ' else '' end, p_name, p_table,
                 (select string_agg(format('%I', c), ', ' order by o) from unnest(p_columns) with ordinality as u(c, o)));
end
$$;
comment on function private.build_tenant_index(text, text, text[], boolean) is
  'Contract helper: builds an index (unique or not) on an allocation table under SHARE, where the database has the table.';
revoke all on function private.build_tenant_index(text, text, text[], boolean) from public;

-- The primary key moved from (id) to (institution_id, id): the old key dropped (no foreign key
-- may still depend on it: the swaps before this run first; and another index must lead with
-- id, or lookups by id would scan), the index <table>_tenant_pkey made the key, catalog only
-- (both columns are NOT NULL already). Named <table>_pkey.
create or replace function private.promote_tenant_primary_key(p_table text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_table regclass := to_regclass(format('public.%I', p_table));
  v_key name;
  v_columns text[];
  v_dependents text;
begin
  if v_table is null then
    return;
  end if;
  select c.conname, array(select a.attname::text from unnest(c.conkey) with ordinality as k(n, o)
                          join pg_catalog.pg_attribute as a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o)
  into v_key, v_columns
  from pg_catalog.pg_constraint as c where c.conrelid = v_table and c.contype = 'p';
  if v_columns = array['institution_id', 'id'] then
    return;
  end if;
  perform private.assert_tenant_keys_may_change(v_table);
  -- A table this contract does not know (one the database has beside BIG DAY's) may still
  -- reference this one by id: it needs institution_id and a composite key first; no guess.
  select string_agg(format('%s (%s)', c.conrelid::regclass, c.conname), ', ' order by c.conrelid::regclass::text, c.conname) into v_dependents
  from pg_catalog.pg_constraint as c
  where c.contype = 'f' and c.confrelid = v_table
    and c.conindid = (select k.conindid from pg_catalog.pg_constraint as k where k.conrelid = v_table and k.contype = 'p');
  if v_dependents is not null then
    raise exception 'contract refused: % still reference % by id alone', v_dependents, v_table
      using errcode = '55000',
            hint = 'Give each of them institution_id and a key (institution_id, fk) → (institution_id, id), then run the contract again.';
  end if;
  -- A key on id is what every lookup by id alone uses (the request context, the triggers,
  -- PostgREST's id=eq. filters): it goes only if another valid, whole-table index leads with
  -- id (<table>_id_idx, 20250901000401 and 410..417); otherwise each of those lookups would scan.
  if v_columns[1] = 'id' and not exists (
       select 1 from pg_catalog.pg_index as i
       join pg_catalog.pg_attribute as a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
       where i.indrelid = v_table and a.attname = 'id' and i.indisvalid and i.indisready and i.indpred is null
         and i.indexrelid <> (select k.conindid from pg_catalog.pg_constraint as k where k.conrelid = v_table and k.contype = 'p')) then
    raise exception 'contract refused: % has no index leading with id besides its primary key %; dropping the key would make every lookup by id scan the table', v_table, v_key
      using errcode = '55000',
            hint = format('Build one first: create index concurrently %I on %s (id); then run the contract again.', p_table || '_id_idx', v_table);
  end if;
  if v_key is not null then
    execute format('alter table %s drop constraint %I', v_table, v_key);
  end if;
  execute format('alter table %s add constraint %I primary key using index %I', v_table, p_table || '_pkey', p_table || '_tenant_pkey');
end
$$;
comment on function private.promote_tenant_primary_key(text) is
  'Contract helper: the primary key of a tenant table becomes (institution_id, id), from the index <table>_tenant_pkey.';
revoke all on function private.promote_tenant_primary_key(text) from public;

-- Every composite key of p_table that points at p_parent's unique (institution_id, id) twin
-- re-created, same name, columns and actions, bound to p_parent's primary key: `references
-- p_parent` without a column list binds to the primary key, where a column list would bind to
-- the oldest matching index (the twin). NOT VALID (validated in 20250901000590), except on a
-- partitioned table, which PostgreSQL 15 does not allow: that one is checked as it is added.
create or replace function private.repoint_to_tenant_primary_key(p_table text, p_parent text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_table regclass := to_regclass(format('public.%I', p_table));
  v_parent regclass := to_regclass(format('public.%I', p_parent));
  v_primary oid;
  v_key record;
  v_definition text;
begin
  if v_table is null or v_parent is null then
    return;
  end if;
  select c.conindid into v_primary from pg_catalog.pg_constraint as c where c.conrelid = v_parent and c.contype = 'p'
    and c.conkey = array[(select a.attnum from pg_catalog.pg_attribute as a where a.attrelid = v_parent and a.attname = 'institution_id'),
                         (select a.attnum from pg_catalog.pg_attribute as a where a.attrelid = v_parent and a.attname = 'id')];
  if v_primary is null then
    raise exception '% has no primary key (institution_id, id) yet', v_parent using errcode = '55000';
  end if;
  for v_key in
    select c.conname, pg_catalog.pg_get_constraintdef(c.oid) as definition, t.relkind
    from pg_catalog.pg_constraint as c join pg_catalog.pg_class as t on t.oid = c.conrelid
    where c.conrelid = v_table and c.confrelid = v_parent and c.contype = 'f' and c.conparentid = 0
      and c.conindid <> v_primary
  loop
    v_definition := replace(regexp_replace(v_key.definition, ' NOT VALID$', ''),
                            format('REFERENCES %s(institution_id, id)', v_parent), format('REFERENCES %s', v_parent));
    if v_definition = regexp_replace(v_key.definition, ' NOT VALID$', '') then
      raise exception 'cannot re-point %.%: it does not reference (institution_id, id)', v_table, v_key.conname using errcode = '55000';
    end if;
    execute format('alter table %s drop constraint %I', v_table, v_key.conname);
    execute format('alter table %s add constraint %I %s%s', v_table, v_key.conname, v_definition,
                   case when v_key.relkind = 'p' then '' else ' not valid' end);
  end loop;
end
$$;
comment on function private.repoint_to_tenant_primary_key(text, text) is
  'Contract helper: composite keys of a table that point at its parent''s unique (institution_id, id) twin re-created on the parent''s primary key.';
revoke all on function private.repoint_to_tenant_primary_key(text, text) from public;

-- The unique (institution_id, id) twin dropped once the primary key is the same columns; it
-- refuses (2BP01) while a foreign key still depends on it.
create or replace function private.drop_tenant_twin_key(p_table text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_table regclass := to_regclass(format('public.%I', p_table));
begin
  if v_table is not null then
    execute format('alter table %s drop constraint if exists %I', v_table, p_table || '_institution_id_id_key');
  end if;
end
$$;
revoke all on function private.drop_tenant_twin_key(text) from public;

-- A unique key over p_columns (for the whole database) replaced by the same key per school,
-- (institution_id, p_columns…), named p_name, from the index of that name (built concurrently
-- before, or here for an allocation table). The old key is found by its columns, whatever its
-- name. ON CONFLICT over the old columns alone no longer finds a key; nothing of the HPC or of
-- BIG DAY's app names one (domain/bigday-real-schema.md §6: its upserts use the primary key).
create or replace function private.swap_to_tenant_unique_key(p_table text, p_columns text[], p_name text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_table regclass := to_regclass(format('public.%I', p_table));
  v_original name;
begin
  if v_table is null or exists (select 1 from pg_catalog.pg_constraint where conrelid = v_table and conname = p_name) then
    return;
  end if;
  perform private.assert_tenant_keys_may_change(v_table);
  select c.conname into v_original from pg_catalog.pg_constraint as c
  where c.conrelid = v_table and c.contype = 'u'
    and c.conkey = array(select a.attnum from unnest(p_columns) with ordinality as u(n, o)
                         join pg_catalog.pg_attribute as a on a.attrelid = v_table and a.attname = u.n order by u.o);
  perform private.build_tenant_index(p_table, p_name, array['institution_id'] || p_columns, true);
  if v_original is not null then
    execute format('alter table %s drop constraint %I', v_table, v_original);
  end if;
  execute format('alter table %s add constraint %I unique using index %I', v_table, p_name, p_name);
end
$$;
comment on function private.swap_to_tenant_unique_key(text, text[], text) is
  'Contract helper: a database-wide unique key replaced by the same key per school, (institution_id, ...).';
revoke all on function private.swap_to_tenant_unique_key(text, text[], text) from public;

-- Every composite key (institution_id, fk) → (institution_id, id) of public left NOT VALID,
-- validated: SHARE UPDATE EXCLUSIVE on the key's table and ROW SHARE on its parent, so reads
-- and writes go on while it scans. Run after each step that re-adds keys NOT VALID.
create or replace function private.validate_tenant_keys()
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_key record;
begin
  for v_key in
    select c.conrelid::regclass as tbl, c.conname
    from pg_catalog.pg_constraint as c
    join pg_catalog.pg_attribute as a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and not c.convalidated and a.attname = 'institution_id'
      and c.connamespace = 'public'::regnamespace
    order by c.conrelid::regclass::text, c.conname
  loop
    execute format('alter table %s validate constraint %I', v_key.tbl, v_key.conname);
  end loop;
end
$$;
comment on function private.validate_tenant_keys() is
  'Contract helper: validates every composite tenant key of public left NOT VALID.';
revoke all on function private.validate_tenant_keys() from public;
