-- The tenant guard and the role check refuse a link outside the row's school on a Citus
-- shard by themselves.
--
-- private.keep_row_in_its_institution and private.check_person_roles look a linked row up in
-- the row's own school first, then by id alone: to tell a link to another school from one to
-- a row the expand phase has not placed yet, and to read the role of a person of another
-- school. On a Citus shard the lookup by id asks every shard, which Citus refuses from a
-- trigger ("cannot execute a distributed query from a query on a shard", XX000): a guardian
-- of another school was refused with that instead of 23503. On a shard every row has its
-- school and every link between tenant tables is a composite foreign key, so a link not found
-- in the row's school is refused there with 23503 directly, as that key would. A trigger
-- knows it runs on a shard when its relation is neither the table it names nor one of that
-- table's partitions. On one node nothing changes.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function private.trigger_runs_on_a_shard(p_relid oid, p_table text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select coalesce(pg_catalog.pg_partition_root(p_relid), p_relid::pg_catalog.regclass)
         is distinct from pg_catalog.to_regclass(pg_catalog.format('public.%I', p_table))
$$;
comment on function private.trigger_runs_on_a_shard(oid, text) is
  'Whether a trigger on table p_table (by name, in public) fires on a Citus shard of it: its relation (tg_relid) is neither the table nor one of its partitions.';
revoke all on function private.trigger_runs_on_a_shard(oid, text) from public;

create or replace function private.refuse_link_outside_school_on_a_shard(p_relid oid, p_table text, p_column text)
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if private.trigger_runs_on_a_shard(p_relid, p_table) then
    raise exception 'This % row links (%) to a row outside its institution.', p_table, p_column
      using errcode = '23503';
  end if;
end
$$;
comment on function private.refuse_link_outside_school_on_a_shard(oid, text, text) is
  'In a trigger on a Citus shard: refuses (23503) a link the trigger did not find in the row''s own school.';
revoke all on function private.refuse_link_outside_school_on_a_shard(oid, text, text) from public;

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
      raise exception 'A row of % cannot move to another institution.', tg_argv[0]
        using errcode = '42501', hint = 'institution_id is fixed once a row has one.';
    end if;
  end if;
  -- A signed-in user writes only their own school's rows: say so plainly. (The API role, as
  -- PostgREST sets it; this function runs as its definer, so current_user would not tell.)
  if tg_op = 'INSERT' and v_given is not null and current_setting('role', true) = 'authenticated' then
    v_mine := private.current_institution_id();
    if v_mine is not null and v_given <> v_mine then
      raise exception 'A new % row names another institution than yours.', tg_argv[0]
        using errcode = '42501',
              detail = format('institution_id %s is not the institution of the signed-in user.', v_given),
              hint = 'Leave institution_id out: it defaults to your institution.';
    end if;
  end if;
  if tg_nargs > 1 then
    v_new := to_jsonb(new);
    v_old := case when tg_op = 'UPDATE' then to_jsonb(old) end;
    for i in 1 .. tg_nargs - 1 loop
      v_link := tg_argv[i];
      v_column := split_part(v_link, '.', 2);
      if split_part(v_link, '.', 1) = 'email_domain' then
        v_email_column := v_column;
        continue;
      end if;
      v_ref := (v_new ->> v_column)::uuid;
      continue when v_ref is null or v_ref is not distinct from (v_old ->> v_column)::uuid;
      -- In the row's own school first: on Citus that is the row's own shard group, which a
      -- trigger running on a shard may read; by id alone it would ask every shard, which Citus
      -- refuses there. Only a link to another school or to nothing goes on to the lookup by id.
      v_school := null;
      if new.institution_id is not null then
        execute format('select t.institution_id from public.%I as t where t.institution_id = $1 and t.id = $2',
                       split_part(v_link, '.', 1))
          into v_school using new.institution_id, v_ref;
      end if;
      -- On a Citus shard the row has its school, every link between tenant tables is a
      -- composite foreign key, and the lookup by id would ask every shard, which Citus refuses
      -- there: a link not found in the row's school is refused as that key would refuse it.
      if v_school is null and new.institution_id is not null
         and private.trigger_runs_on_a_shard(tg_relid, tg_argv[0]) then
        raise exception 'This % row links (%) to a row outside its institution.', tg_argv[0], v_column
          using errcode = '23503';
      end if;
      if v_school is null then
        execute format('select t.institution_id from public.%I as t where t.id = $1', split_part(v_link, '.', 1))
          into v_school using v_ref;
      end if;
      if v_school is null then
        -- A linked row the backfill has not filled yet: so is this one, by the same rules.
        v_pending := true;
      elsif new.institution_id is null then
        new.institution_id := v_school;
      elsif new.institution_id <> v_school then
        raise exception 'This % row links (%) to a row of another institution.', tg_argv[0], v_column
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
      raise exception 'A new % row needs institution_id.', tg_argv[0]
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
revoke all on function private.keep_row_in_its_institution() from public;

create or replace function private.check_person_roles()
returns trigger
language plpgsql
-- security definer: it runs as the writing user, and reads profiles the writer may not see
-- under RLS (it would then misreport a valid row as a role mismatch)
security definer
set search_path = ''
as $$
declare
  v_role text;
begin
  -- Each person is looked up in the row's own school first: on Citus that is the row's own
  -- shard group, which a trigger running on a shard may read; by id alone it would ask every
  -- shard, which Citus refuses there. Only a person of another school, or nobody, goes on to
  -- the lookup by id (and the composite foreign key refuses the row in any case); on a shard,
  -- where that lookup is refused, the row is refused as that key would refuse it.
  if tg_argv[0] = 'student_guardians' then
    select p.role into v_role from public.user_profiles as p where p.institution_id = new.institution_id and p.id = new.student_id;
    if not found then
      perform private.refuse_link_outside_school_on_a_shard(tg_relid, tg_argv[0], 'student_id');
      select p.role into v_role from public.user_profiles as p where p.id = new.student_id;
    end if;
    if v_role is distinct from 'student' then
      raise exception 'student_guardians.student_id % is not a student (role %)', new.student_id, v_role
        using errcode = '23514';
    end if;
    select p.role into v_role from public.user_profiles as p where p.institution_id = new.institution_id and p.id = new.guardian_id;
    if not found then
      perform private.refuse_link_outside_school_on_a_shard(tg_relid, tg_argv[0], 'guardian_id');
      select p.role into v_role from public.user_profiles as p where p.id = new.guardian_id;
    end if;
    if v_role is distinct from 'parent' then
      raise exception 'student_guardians.guardian_id % is not a parent account (role %)', new.guardian_id, v_role
        using errcode = '23514';
    end if;
  elsif tg_argv[0] = 'staff_duties' then
    select p.role into v_role from public.user_profiles as p where p.institution_id = new.institution_id and p.id = new.user_id;
    if not found then
      perform private.refuse_link_outside_school_on_a_shard(tg_relid, tg_argv[0], 'user_id');
      select p.role into v_role from public.user_profiles as p where p.id = new.user_id;
    end if;
    if v_role is null or v_role not in ('teacher', 'admin', 'staff') then
      raise exception 'staff_duties.user_id % is not staff (role %)', new.user_id, v_role
        using errcode = '23514';
    end if;
  else
    raise exception 'check_person_roles has no role rules for table %', coalesce(tg_argv[0], '(none given)')
      using errcode = '39P01', hint = 'Name the table as the trigger''s argument: student_guardians or staff_duties.';
  end if;
  return new;
end
$$;

revoke all on function private.check_person_roles() from public;
