-- Row level security, part 2 (see 20250201000200): tenant isolation of public.user_profiles.
--
-- Every existing policy (found in the catalog, whatever the deployment named it: tenant-
-- blind, auth.uid() re-evaluated per row, and in BIG DAY's newer shape querying
-- user_profiles from its own policies, which fails every signed-in read with 42P17) is
-- replaced by policies scoped to the caller's institution. They call only security definer
-- helpers, so they never query user_profiles under its own policies (no recursion). Rows
-- whose institution_id is still null match no policy until the migration runner assigns
-- them.
-- Locks: ACCESS EXCLUSIVE on user_profiles only, until this file commits (milliseconds);
-- old and new policies swap in one transaction, so no request sees neither or both.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.drop_existing_policies('public.user_profiles');

-- user_profiles ---------------------------------------------------------------------------
-- Who may see a person: themselves; whole-institution readers; staff (the other staff);
-- teachers (their students and those students' guardians); parents (their children);
-- students and parents (their teachers); students (the classmates they review).
create policy "People see the profiles their duties need" on public.user_profiles
  for select to authenticated
  using (
    id = (select private.caller_id())
    or (
      institution_id = (select private.caller_institution_id())
      and (
        (select private.reads_whole_institution())
        or (role in ('teacher', 'admin', 'staff') and (select private.current_role_name()) in ('teacher', 'admin', 'staff'))
        or id = any ((select private.taught_student_ids())::uuid[])
        or id = any ((select private.taught_guardian_ids())::uuid[])
        or id = any ((select private.child_ids())::uuid[])
        or id = any ((select private.family_teacher_ids())::uuid[])
        or id = any ((select private.peer_reviewee_ids())::uuid[])
      )
    )
  );

create policy "Institution admins add people to their institution" on public.user_profiles
  for insert to authenticated
  with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));

create policy "People edit their own profile and admins their institution's" on public.user_profiles
  for update to authenticated
  using (
    id = (select private.caller_id())
    or (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()))
  )
  with check (
    id = (select private.caller_id())
    or (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()))
  );

create policy "Institution admins remove people from their institution" on public.user_profiles
  for delete to authenticated
  using (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));

-- Nobody moves a person to another institution (the tenant guard trigger) or changes their
-- own role; an institution admin may change the role of a person of their school. Triggers,
-- not column privileges: BIG DAY's user-management screen sends the whole row back, role
-- and institution_id included, unchanged, and must keep working.
create trigger keep_row_in_its_institution
  before insert or update of institution_id on public.user_profiles
  for each row execute function private.keep_row_in_its_institution('user_profiles', 'email_domain.email');

-- Security invoker: current_user is the API role of the request.
create or replace function private.keep_profile_role()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.role is distinct from old.role
     and current_user in ('anon', 'authenticated')
     and not (select private.is_institution_admin()) then
    raise exception 'Only an institution admin may change a person''s role.' using errcode = '42501';
  end if;
  return new;
end
$$;
comment on function private.keep_profile_role() is
  'Trigger: through the API, only an institution admin changes a role (their own school''s people, by RLS).';
revoke all on function private.keep_profile_role() from public;

create trigger keep_profile_role
  before update of role on public.user_profiles
  for each row execute function private.keep_profile_role();
