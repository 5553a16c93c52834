-- Tenancy, contract: a removed profile's links are cleared by a trigger, not by ON DELETE SET NULL.
--
-- Four of BIG DAY's keys to user_profiles null their link when the profile goes: a course's
-- teacher (section_courses.teacher_id), a timetable's author and publisher
-- (timetables.generated_by, published_by) and a session's teacher (timetable_sessions.teacher_id).
-- The contract made them (institution_id, link) → (institution_id, id) with SET NULL (link), which
-- keeps institution_id; Citus still refuses any SET NULL or SET DEFAULT over a key holding the
-- distribution column (docs/scale-out.md "Keys"). So the trigger below clears those links first,
-- in the profile's own school (on Citus, the shard group the trigger may write), and the files
-- after this one turn the keys into plain NO ACTION ones, which then find nothing left to refuse.
--
-- Security definer, as the referential action it replaces: ON DELETE SET NULL updates the
-- linking rows as their owner, whatever the deleting role may update itself.
-- CREATE TRIGGER takes SHARE ROW EXCLUSIVE on user_profiles until the commit right after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- Arguments: the links as 'table.column' of public tables, each with institution_id.
create or replace function private.clear_links_to_removed_profile()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_link text;
begin
  foreach v_link in array tg_argv loop
    execute format('update public.%I set %I = null where institution_id = $1 and %2$I = $2',
                   split_part(v_link, '.', 1), split_part(v_link, '.', 2))
      using old.institution_id, old.id;
  end loop;
  return old;
end
$$;
comment on function private.clear_links_to_removed_profile() is
  'Before a profile is deleted, nulls the links to it named by the trigger''s arguments (table.column), in its school: BIG DAY''s ON DELETE SET NULL, which Citus refuses over a key with institution_id.';
revoke all on function private.clear_links_to_removed_profile() from public;

-- Only the links this database has: the older BIG DAY shape has no timetables.
do $$
declare
  v_links text[];
begin
  select array_agg(l.link order by l.link) into v_links
  from unnest(array['section_courses.teacher_id', 'timetables.generated_by', 'timetables.published_by',
                    'timetable_sessions.teacher_id']) as l(link)
  where to_regclass('public.' || split_part(l.link, '.', 1)) is not null;
  execute format('create trigger clear_links_to_removed_profile before delete on public.user_profiles
                  for each row execute function private.clear_links_to_removed_profile(%s)',
                 (select string_agg(quote_literal(x), ', ') from unnest(v_links) as x));
end
$$;

-- Used by the next files: a key that nulls its link on delete re-created without that action
-- (NO ACTION, the same name and columns), NOT VALID, in one statement, so that the pair keeps
-- one key at every moment; validated in 20250901000604. It refuses while the trigger above
-- does not clear the link: the key would then refuse to delete a linked profile. Skipped
-- where the table or key is missing or the key no longer nulls.
create or replace function private.drop_set_null_from_link_key(p_table text, p_key text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_table regclass := to_regclass(format('public.%I', p_table));
  v_key record;
begin
  select c.oid, c.confrelid, pg_catalog.pg_get_constraintdef(c.oid) as definition,
         (select a.attname from pg_catalog.pg_attribute as a
          where a.attrelid = c.conrelid and a.attnum = any (c.conkey) and a.attname <> 'institution_id') as link
    into v_key
  from pg_catalog.pg_constraint as c
  where c.conrelid = v_table and c.conname = p_key and c.contype = 'f' and c.confdeltype in ('n', 'd');
  if v_key.oid is null then
    return;
  end if;
  if not exists (select 1 from pg_catalog.pg_trigger as t
                 where t.tgrelid = v_key.confrelid and t.tgname = 'clear_links_to_removed_profile'
                   and position(format('%s.%s', p_table, v_key.link)::bytea in t.tgargs) > 0) then
    raise exception 'contract refused: %.% nulls %, which trigger clear_links_to_removed_profile on % does not clear',
      v_table, p_key, v_key.link, v_key.confrelid::regclass using errcode = '55000';
  end if;
  execute format('alter table %s drop constraint %I, add constraint %I %s not valid', v_table, p_key, p_key,
                 regexp_replace(v_key.definition, ' ON DELETE SET (NULL|DEFAULT)( \([^)]*\))?', ''));
end
$$;
comment on function private.drop_set_null_from_link_key(text, text) is
  'Contract helper: a key that nulls its link on delete re-created as NO ACTION, NOT VALID, once a trigger clears the link.';
revoke all on function private.drop_set_null_from_link_key(text, text) from public;
