-- Row level security, part 2: tenant isolation for the BIG DAY tables the HPC touches.
--
-- Replaces the baseline's tenant-blind policies (an admin of any school saw every school;
-- auth.uid() re-evaluated per row; user_profiles joined to itself) with policies scoped to
-- the caller's institution. One policy per table and command, `to authenticated`, helpers
-- wrapped in (select ...). user_profiles policies call only security definer helpers, so
-- they never query user_profiles under its own policies (no recursion).
--
-- Rows whose institution_id is still null (legacy rows before the backfill) match no
-- policy: they are visible to service_role only until the migration runner assigns them.
--
-- Locks: DROP/CREATE POLICY take ACCESS EXCLUSIVE on their table (readers wait too) until
-- the file's transaction commits. So each busy table has its policies swapped in a file of
-- its own (20250201000210..217): one table per transaction, its old policies dropped and
-- the new ones created atomically, the lock held for milliseconds and never while waiting
-- for another table's (benchmarks/migration/FINDINGS.md). This file does the rest:
-- anon's grants, user_groups and the HPC-era tables, and the policy-set helper the
-- per-table files call. lock_timeout makes a queued statement give up fast instead of
-- stalling traffic behind it.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- anon reads and writes nothing of a school.
revoke all on public.user_profiles, public.user_groups, public.academic_terms, public.courses,
  public.cohorts, public.sections, public.section_students, public.section_courses,
  public.audit_logs, public.institutions, public.institution_feature_flags,
  public.staff_duties, public.student_guardians
  from anon;

-- The policy set of the academic structure tables: members of the institution read its
-- rows; its admins add, edit and remove them; the tenant column is never updated through the
-- API (each table's per-column update grants come with its own file). Called by the
-- per-table files 20250201000211..216, one table per transaction.
create or replace function private.scope_academic_structure_table(p_table text, p_label text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  execute format($p$
    create policy %I on public.%I for select to authenticated
    using (institution_id = (select private.caller_institution_id()))$p$,
    format('Members read their institution''s %s', p_label), p_table);
  execute format($p$
    create policy %I on public.%I for insert to authenticated
    with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()))$p$,
    format('Institution admins add %s', p_label), p_table);
  execute format($p$
    create policy %I on public.%I for update to authenticated
    using (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()))
    with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()))$p$,
    format('Institution admins edit %s', p_label), p_table);
  execute format($p$
    create policy %I on public.%I for delete to authenticated
    using (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()))$p$,
    format('Institution admins remove %s', p_label), p_table);
end
$$;
comment on function private.scope_academic_structure_table(text, text) is
  'Migration helper: creates the tenant-scoped policy set (members read, institution admins write) on an academic structure table.';
revoke all on function private.scope_academic_structure_table(text, text) from public;

-- Every policy a table has, whatever its name: the existing database's own (BIG DAY's names
-- differ between its deployments, and a school may have added some) are read from the
-- catalog, never assumed. The runner's snapshot holds them for a rollback.
create or replace function private.drop_existing_policies(p_table regclass)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_policy name;
  v_dropped integer := 0;
begin
  for v_policy in select p.polname from pg_catalog.pg_policy as p where p.polrelid = p_table loop
    execute format('drop policy %I on %s', v_policy, p_table);
    v_dropped := v_dropped + 1;
  end loop;
  return v_dropped;
end
$$;
comment on function private.drop_existing_policies(regclass) is
  'Migration helper: drops every policy of a table (found in pg_policy), returns how many.';
revoke all on function private.drop_existing_policies(regclass) from public;

-- The e-mail domains that belong to one school each: BIG DAY's user_profiles has no school
-- column, and its server-side functions (the service role, no signed-in user) create people
-- with only their e-mail. The migration runner records the domains it placed people by
-- (given by the operator, or inferred where every class-linked person of a domain is in
-- one school); an institution admin's domain list can be kept here later. Not exposed.
create table if not exists private.institution_email_domains (
  domain text primary key check (domain = lower(domain) and domain <> ''),
  institution_id uuid not null references public.institutions (id) on delete cascade
);
comment on table private.institution_email_domains is
  'E-mail domain -> the one school it belongs to: places a person created without institution_id and without a signed-in user.';
create index if not exists institution_email_domains_institution_id_idx on private.institution_email_domains (institution_id);

-- Keeps each row of an existing BIG DAY table in one school, whoever writes it and whatever
-- columns the application sends (its user-management screen sends the whole row back):
--   * institution_id never changes once set (42501); a legacy row without one is being
--     filled by the backfill, which derives it from the same links;
--   * a signed-in user's new row that names another school is refused (42501) with a
--     message that says so, not only the policy's anonymous refusal;
--   * a row that links to rows of another school is refused (23503), like the composite keys
--     of the class structure; the trigger's first argument is the table's name, for the
--     messages (TG_TABLE_NAME would be a shard's on a distributed table), and each further
--     argument names one link, 'parent_table.column';
--   * a new row without institution_id takes it from its links, else from the signed-in
--     user, else (a person: argument 'email_domain.<column>') from the school whose e-mail
--     domain it has (private.institution_email_domains). A service-role write has no user:
--     where nothing places the row and the column is already NOT NULL, it is refused with a
--     message that says what to send.
--     While the backfill runs, a new row linking to a row it has not filled yet stays
--     without one too (the backfill's sweep fills both, by the same links): filled alone,
--     its composite keys would refuse the old application's write.
-- Security definer: it reads the linked rows whatever the caller may see, and tells the
-- caller nothing about them but that they belong elsewhere.
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
  -- PostgREST sets it; this function runs as its definer, so current_user would not tell. On
  -- a Citus shard the role setting stays on the coordinator, and the worker's session is the
  -- role itself.)
  if tg_op = 'INSERT' and v_given is not null
     and (current_setting('role', true) = 'authenticated' or session_user = 'authenticated') then
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

-- The policy set and tenant guard of a BIG DAY table that one of its shapes lacks (called
-- by 20250201000230..240, one table per transaction; a table this database does not have is
-- skipped). Readers: 'members' (everyone of the school), 'staff' (teachers, admins, office
-- staff) or 'admins', and the row's owner where p_owner_column names the person it is
-- about; institution admins write. p_links name the row's links to a school for the tenant
-- guard ('parent_table.column').
create or replace function private.scope_school_table(p_table text, p_label text, p_readers text, p_links text[] default '{}',
                                                        p_owner_column text default null)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  v_table regclass := to_regclass(format('public.%I', p_table));
  v_readers text := case
    when p_readers = 'members' then 'true'
    when p_readers = 'staff' then $r$(select private.current_role_name()) in ('teacher', 'admin', 'staff')$r$
    when p_readers = 'admins' then '(select private.is_institution_admin())'
  end;
  v_admin text := 'institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin())';
begin
  if v_readers is null then
    raise exception 'unknown readers %', p_readers using errcode = '22023';
  end if;
  if v_table is null then
    return false;
  end if;
  perform private.drop_existing_policies(v_table);
  -- A row's owner (p_owner_column = the signed-in user) reads it too: one read policy, as
  -- several permissive ones for one action are each evaluated for every row.
  execute format('create policy %I on %s for select to authenticated using (institution_id = (select private.caller_institution_id()) and (%s%s))',
                 format('%s%s read their institution''s %s', case when p_readers = 'members' then 'Members' when p_readers = 'staff' then 'Staff' else 'Institution admins' end,
                        case when p_owner_column is null then '' else ' and the person' end, p_label),
                 v_table, v_readers, case when p_owner_column is null then '' else format(' or %I = (select private.caller_id())', p_owner_column) end);
  execute format('create policy %I on %s for insert to authenticated with check (%s)', format('Institution admins add %s', p_label), v_table, v_admin);
  execute format('create policy %I on %s for update to authenticated using (%s) with check (%s)', format('Institution admins edit %s', p_label), v_table, v_admin, v_admin);
  execute format('create policy %I on %s for delete to authenticated using (%s)', format('Institution admins remove %s', p_label), v_table, v_admin);
  execute format('revoke all on %s from anon', v_table);
  execute format('create trigger keep_row_in_its_institution before insert or update of %s on %s
                    for each row execute function private.keep_row_in_its_institution(%s)',
                 array_to_string(array['institution_id'] || array(select split_part(l, '.', 2) from unnest(p_links) as l), ', '),
                 v_table, array_to_string(array(select quote_literal(l) from unnest(p_table || p_links) as l), ', '));
  return true;
end
$$;
comment on function private.scope_school_table(text, text, text, text[], text) is
  'Migration helper: tenant-scoped policies (given readers, admins write) and the tenant guard on a table, if it exists.';
revoke all on function private.scope_school_table(text, text, text, text[], text) from public;

-- user_groups: BIG DAY seeds groups for every school (institution_id null: shared, read by
-- every signed-in user, changed by nobody through the API); a school's own groups carry its
-- institution_id, read by its members and managed by its admins.
select private.drop_existing_policies('public.user_groups');
create policy "Signed-in users read shared groups and their institution's" on public.user_groups
  for select to authenticated
  using (institution_id is null or institution_id = (select private.caller_institution_id()));
create policy "Institution admins add user groups" on public.user_groups
  for insert to authenticated
  with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
create policy "Institution admins edit user groups" on public.user_groups
  for update to authenticated
  using (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()))
  with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
create policy "Institution admins remove user groups" on public.user_groups
  for delete to authenticated
  using (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
create trigger keep_row_in_its_institution
  before insert or update of institution_id on public.user_groups
  for each row execute function private.keep_row_in_its_institution('user_groups');

-- institutions: members read their own; its admins edit name and settings.
create policy "Members read their own institution" on public.institutions
  for select to authenticated using (id = (select private.caller_institution_id()));
create policy "Institution admins edit their institution" on public.institutions
  for update to authenticated
  using (id = (select private.caller_institution_id()) and (select private.is_institution_admin()))
  with check (id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
revoke insert, update, delete, truncate on public.institutions from authenticated;
grant update (name, settings, updated_at) on public.institutions to authenticated;

-- institution_feature_flags: members read their institution's switches; admins flip them.
create policy "Members read their institution's feature flags" on public.institution_feature_flags
  for select to authenticated using (institution_id = (select private.caller_institution_id()));
create policy "Institution admins add feature flags" on public.institution_feature_flags
  for insert to authenticated
  with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
create policy "Institution admins switch feature flags" on public.institution_feature_flags
  for update to authenticated
  using (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()))
  with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
revoke update, delete, truncate on public.institution_feature_flags from authenticated;
grant update (enabled, pilot_cohort, note) on public.institution_feature_flags to authenticated;

-- staff_duties: staff of the institution see who does what; admins assign duties.
create policy "Staff read their institution's duties" on public.staff_duties
  for select to authenticated
  using (
    institution_id = (select private.caller_institution_id())
    and (user_id = (select private.caller_id()) or (select private.current_role_name()) in ('teacher', 'admin', 'staff'))
  );
create policy "Institution admins assign duties" on public.staff_duties
  for insert to authenticated
  with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
create policy "Institution admins change duties" on public.staff_duties
  for update to authenticated
  using (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()))
  with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
create policy "Institution admins remove duties" on public.staff_duties
  for delete to authenticated
  using (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
revoke update on public.staff_duties from authenticated;
grant update (duty, section_id, course_id, stage, active, updated_at, updated_by) on public.staff_duties to authenticated;

-- student_guardians: the guardian and the student see their links, as do the student's
-- teachers and whole-institution readers; admins maintain them.
create policy "Families, teachers and leaders read guardian links" on public.student_guardians
  for select to authenticated
  using (
    institution_id = (select private.caller_institution_id())
    and (
      guardian_id = (select private.caller_id())
      or student_id = (select private.caller_id())
      or student_id = any ((select private.taught_student_ids())::uuid[])
      or (select private.reads_whole_institution())
    )
  );
create policy "Institution admins link guardians" on public.student_guardians
  for insert to authenticated
  with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
create policy "Institution admins change guardian links" on public.student_guardians
  for update to authenticated
  using (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()))
  with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
create policy "Institution admins remove guardian links" on public.student_guardians
  for delete to authenticated
  using (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
revoke update on public.student_guardians from authenticated;
grant update (relationship, is_primary, updated_at, updated_by) on public.student_guardians to authenticated;

-- From here on, a new table or function in public is closed to anon unless a migration
-- grants it (Supabase's revoke-by-default for newer projects); authenticated keeps the
-- default grants and meets the policies, which every new table must bring (the catalog
-- test fails otherwise).
alter default privileges for role postgres in schema public revoke all on tables from anon;
alter default privileges for role postgres in schema public revoke all on sequences from anon;
alter default privileges for role postgres in schema public revoke execute on functions from anon;
