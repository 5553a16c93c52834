-- Tenancy, contract step 1: enforce institution_id on the existing BIG DAY tables, online,
-- once the batched backfill (npm run migrate) has filled it.
--
-- The contract REFUSES to run while the backfill is incomplete, and says why:
-- private.assert_tenant_backfill_complete() raises with the number of rows still null (or
-- naming a missing institution) per table. Every contract file calls it first, so no
-- subset of them can be pushed early. On a fresh database (npm start, npm test) the tables
-- are empty when migrations run, so the contract passes; the seed then writes full rows.
--
-- This file: the guard. 20250901000110..116 add NOT VALID checks `institution_id is not
-- null` (catalog only, no scan), 20250901000200 validates them and the foreign keys under
-- SHARE UPDATE EXCLUSIVE (reads and writes go on), 20250901000310..316 set NOT NULL, which
-- then needs no scan, and drop the checks. Separate files are separate transactions: no
-- ACCESS EXCLUSIVE lock is ever held across a scan, and each of them is held on one table
-- only, for the milliseconds until its file commits (seven tables in one transaction held
-- the first one's lock while waiting for the last one's).
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

create or replace function private.assert_tenant_backfill_complete(p_table text default null)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_table text;
  v_nulls bigint;
  v_orphans bigint;
  v_problems text[] := '{}';
begin
  foreach v_table in array case when p_table is null
                                 then array['user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections',
                                            'section_students', 'section_courses',
                                            -- BIG DAY's newer-shape tables; skipped where absent.
                                            'teacher_subject_eligibility', 'teacher_grade_eligibility', 'teacher_load_rules',
                                            'slot_template_assignments', 'timetables', 'timetable_sessions']
                                 else array[p_table] end loop
    continue when to_regclass(format('public.%I', v_table)) is null;
    execute format(
      'select count(*) filter (where t.institution_id is null),
              count(*) filter (where t.institution_id is not null
                               and not exists (select 1 from public.institutions as i where i.id = t.institution_id))
       from public.%I as t', v_table)
    into v_nulls, v_orphans;
    if v_nulls > 0 then
      v_problems := v_problems || format('%s rows of public.%s still have institution_id null', v_nulls, v_table);
    end if;
    if v_orphans > 0 then
      v_problems := v_problems || format('%s rows of public.%s name an institution that does not exist', v_orphans, v_table);
    end if;
  end loop;
  if cardinality(v_problems) > 0 then
    raise exception 'contract refused: %; run the backfill first (npm run migrate)', array_to_string(v_problems, '; ')
      using errcode = '55000',
            hint = 'The contract enforces institution_id NOT NULL and its foreign keys; it can only run once every row has a valid institution.';
  end if;
end
$$;
comment on function private.assert_tenant_backfill_complete(text) is
  'Raises "contract refused: ..." while any tenant row of the BIG DAY tables (or of the one named) lacks a valid institution_id (backfill incomplete).';
revoke all on function private.assert_tenant_backfill_complete(text) from public;

-- The same three steps for BIG DAY's newer-shape tables, where the database has them, each
-- called by a file of its own (one table per transaction): a NOT VALID check (catalog only;
-- 20250901000120..125), validation of the check and of the foreign key (SHARE UPDATE
-- EXCLUSIVE; 20250901000210), then NOT NULL, which the validated check lets skip its scan,
-- and the check dropped (20250901000320..325).
create or replace function private.contract_allocation_table(p_table text, p_step text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if to_regclass(format('public.%I', p_table)) is null then
    return;
  end if;
  perform private.assert_tenant_backfill_complete(p_table);
  if p_step = 'check' then
    execute format('alter table public.%I add constraint %I check (institution_id is not null) not valid',
                   p_table, p_table || '_institution_id_not_null');
  elsif p_step = 'not null' then
    execute format('alter table public.%I alter column institution_id set not null', p_table);
    execute format('alter table public.%I drop constraint %I', p_table, p_table || '_institution_id_not_null');
  else
    raise exception 'unknown contract step %', p_step using errcode = '22023';
  end if;
end
$$;
revoke all on function private.contract_allocation_table(text, text) from public;

-- BIG DAY's class-structure keys reference by id only, so a row of one school could point at
-- a row of another; the contract replaces each with a composite key (institution_id, fk) →
-- (institution_id, id). Replaced, not doubled: BIG DAY's app embeds through these pairs
-- (sections→cohorts, section_courses→courses …) and PostgREST refuses an embed between two
-- tables joined by two keys (PGRST201, domain/bigday-real-schema.md §6.2). So the pair has
-- exactly one key at every moment: the original until the backfill is complete (the tenant
-- guard refuses cross-school links meanwhile), then the composite, added NOT VALID with the
-- original's ON DELETE / ON UPDATE (SET NULL only on the link column) and validated later.
-- The original is found in the catalog by its column and parent, whatever its name.
create or replace function private.swap_to_tenant_key(p_table text, p_column text, p_parent text, p_name text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_table regclass := format('public.%I', p_table)::regclass;
  v_parent regclass := format('public.%I', p_parent)::regclass;
  v_original name;
  v_delete "char" := 'a';
  v_update "char" := 'a';
  v_action text;
begin
  perform private.assert_tenant_backfill_complete(p_table);
  select c.conname, c.confdeltype, c.confupdtype into v_original, v_delete, v_update
  from pg_catalog.pg_constraint as c
  where c.conrelid = v_table and c.confrelid = v_parent and c.contype = 'f'
    and c.conkey = array[(select a.attnum from pg_catalog.pg_attribute as a where a.attrelid = v_table and a.attname = p_column)];
  if exists (select 1 from pg_catalog.pg_constraint where conrelid = v_table and conname = p_name) then
    return;
  end if;
  v_action := format(' on delete %s on update %s',
    case when v_delete = 'c' then 'cascade' when v_delete = 'n' then format('set null (%I)', p_column)
      when v_delete = 'd' then format('set default (%I)', p_column) when v_delete = 'r' then 'restrict' else 'no action' end,
    case when v_update = 'c' then 'cascade' when v_update = 'r' then 'restrict' else 'no action' end);
  execute format('alter table %s add constraint %I foreign key (institution_id, %I) references %s (institution_id, id)%s not valid',
                 v_table, p_name, p_column, v_parent, v_action);
  if v_original is not null then
    execute format('alter table %s drop constraint %I', v_table, v_original);
  end if;
end
$$;
comment on function private.swap_to_tenant_key(text, text, text, text) is
  'Contract helper: replaces a class-structure key by id with its (institution_id, fk) twin, NOT VALID, in one transaction.';
revoke all on function private.swap_to_tenant_key(text, text, text, text) from public;

select private.assert_tenant_backfill_complete();
