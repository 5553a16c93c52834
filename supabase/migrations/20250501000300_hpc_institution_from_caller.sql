-- institution_id of every HPC table defaults to the caller's school, as on BIG DAY's tables.
--
-- Before, an insert through the API without institution_id reached the level trigger with a
-- null school and failed with a misleading "no active rubric level of scale <NULL>" (23514).
-- Each tenant HPC table now gets what the BIG DAY tables got in their contract
-- (20250901000310..316): the column default private.current_institution_id(), which also
-- makes institution_id optional in the generated Insert types, and the same tenant guard
-- trigger, private.keep_row_in_its_institution():
--   * institution_id never changes once set (42501);
--   * a service-role insert without a school is refused with a message saying what to send
--     (23502; there is no signed-in user to take it from);
--   * new here, for every table the guard protects: a signed-in user's new row that names
--     another institution is refused with 42501 and a message that says so, instead of the
--     policy's anonymous "new row violates row-level security policy".
-- The guard is named keep_row_in_its_institution on every table; BEFORE triggers fire in
-- name order, so it runs before resolve_level and stamp_row_authorship.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function private.keep_row_in_its_institution()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_link text;
  v_column text;
  v_ref uuid;
  v_school uuid;
  v_new jsonb;
  v_old jsonb;
  v_given uuid := new.institution_id;
  v_mine uuid;
  v_pending boolean := false;
  v_email_column text;
begin
  if tg_op = 'UPDATE' then
    if old.institution_id is null then
      return new;
    end if;
    if new.institution_id is distinct from old.institution_id then
      raise exception 'A row of % cannot move to another institution.', tg_table_name
        using errcode = '42501', hint = 'institution_id is fixed once a row has one.';
    end if;
  end if;
  -- A signed-in user writes only their own school's rows: say so plainly. (The API role, as
  -- PostgREST sets it; this function runs as its definer, so current_user would not tell.)
  if tg_op = 'INSERT' and v_given is not null and current_setting('role', true) = 'authenticated' then
    v_mine := private.current_institution_id();
    if v_mine is not null and v_given <> v_mine then
      raise exception 'A new % row names another institution than yours.', tg_table_name
        using errcode = '42501',
              detail = format('institution_id %s is not the institution of the signed-in user.', v_given),
              hint = 'Leave institution_id out: it defaults to your institution.';
    end if;
  end if;
  if tg_nargs > 0 then
    v_new := to_jsonb(new);
    v_old := case when tg_op = 'UPDATE' then to_jsonb(old) end;
    foreach v_link in array tg_argv loop
      v_column := split_part(v_link, '.', 2);
      if split_part(v_link, '.', 1) = 'email_domain' then
        v_email_column := v_column;
        continue;
      end if;
      v_ref := (v_new ->> v_column)::uuid;
      continue when v_ref is null or v_ref is not distinct from (v_old ->> v_column)::uuid;
      execute format('select t.institution_id from public.%I as t where t.id = $1', split_part(v_link, '.', 1))
        into v_school using v_ref;
      if v_school is null then
        -- A linked row the backfill has not filled yet: so is this one, by the same rules.
        v_pending := true;
      elsif new.institution_id is null then
        new.institution_id := v_school;
      elsif new.institution_id <> v_school then
        raise exception 'This % row links (%) to a row of another institution.', tg_table_name, v_column
          using errcode = '23503';
      end if;
    end loop;
    if v_pending and tg_op = 'INSERT' and v_given is null then
      new.institution_id := null;
      return new;
    end if;
  end if;
  if tg_op = 'INSERT' and new.institution_id is null then
    new.institution_id := private.current_institution_id();
    if new.institution_id is null and v_email_column is not null then
      select d.institution_id into new.institution_id
      from private.institution_email_domains as d
      where d.domain = lower(split_part(v_new ->> v_email_column, '@', 2));
    end if;
    if new.institution_id is null and exists (
      select 1 from pg_catalog.pg_attribute as a
      where a.attrelid = tg_relid and a.attname = 'institution_id' and a.attnotnull) then
      raise exception 'A new % row needs institution_id.', tg_table_name
        using errcode = '23502',
              detail = 'The row links to no school and the request has no signed-in user to take it from (a service-role call).',
              hint = 'Send institution_id with the row.';
    end if;
  end if;
  return new;
end
$$;
comment on function private.keep_row_in_its_institution() is
  'Trigger: institution_id fixed once set, a signed-in user''s new row in their own school, links within the same school, filled from links or the signed-in user on insert.';

-- The 11 HPC tables are new (created in 20250101000900): setting a default and adding a
-- trigger only touch the catalog, each under a brief ACCESS EXCLUSIVE lock of an HPC table.
do $$
declare
  v_table text;
begin
  foreach v_table in array array[
    'hpc_parameters', 'hpc_rubrics', 'hpc_parameter_assignments', 'hpc_evaluation_cycles',
    'hpc_evaluations', 'hpc_reports', 'hpc_approval_workflows', 'hpc_analytics',
    'hpc_achievements', 'hpc_reflections', 'hpc_conversations'
  ] loop
    execute format('alter table public.%I alter column institution_id set default private.current_institution_id()', v_table);
    execute format(
      'create trigger keep_row_in_its_institution before insert or update of institution_id on public.%I
         for each row execute function private.keep_row_in_its_institution()', v_table);
  end loop;
end
$$;
