-- Row level security, part 2 (see 20250201000200): tenant isolation of public.user_profiles.
--
-- The baseline's tenant-blind policies (an admin of any school saw every school; auth.uid()
-- re-evaluated per row; user_profiles joined to itself) and its admin helper are replaced
-- by policies scoped to the caller's institution. They call only security definer helpers,
-- so they never query user_profiles under its own policies (no recursion). Rows whose
-- institution_id is still null match no policy until the migration runner assigns them.
-- Locks: ACCESS EXCLUSIVE on user_profiles only, until this file commits (milliseconds);
-- old and new policies swap in one transaction, so no request sees neither or both.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

drop policy "Users can view own profile" on public.user_profiles;
drop policy "Users can update own profile" on public.user_profiles;
drop policy "Admins can manage all profiles" on public.user_profiles;
drop function public.is_admin();

-- user_profiles ---------------------------------------------------------------------------
-- Who may see a person: themselves; whole-institution readers; staff (the other staff);
-- teachers (their students and those students' guardians); parents (their children);
-- students and parents (their teachers); students (the classmates they review).
create policy "People see the profiles their duties need" on public.user_profiles
  for select to authenticated
  using (
    id = (select auth.uid())
    or (
      institution_id = (select private.current_institution_id())
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
  with check (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()));

create policy "People edit their own profile and admins their institution's" on public.user_profiles
  for update to authenticated
  using (
    id = (select auth.uid())
    or (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))
  )
  with check (
    id = (select auth.uid())
    or (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))
  );

create policy "Institution admins remove people from their institution" on public.user_profiles
  for delete to authenticated
  using (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()));

-- Nobody moves a person to another institution or changes a role through the API: those
-- two columns are not updatable by authenticated (column privileges), for their own row
-- as for anyone's.
revoke update on public.user_profiles from authenticated;
grant update (
  full_name, email, residential_address, contact_number, admission_number, employee_id,
  date_of_admission, date_of_joining, current_standard, section, parent_guardian_name,
  parent_contact_number, emergency_contact, accommodation_type, peer_group, department,
  designation, blood_group, date_of_birth, gender, nationality, religion, caste_category,
  status, profile_data, group_id, updated_at, updated_by
) on public.user_profiles to authenticated;
