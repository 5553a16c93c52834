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
-- Locks: DROP/CREATE POLICY take ACCESS EXCLUSIVE briefly and touch no rows; lock_timeout
-- makes a queued statement give up fast instead of stalling traffic behind it.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- The baseline's policies and its admin helper.
drop policy "Users can view own profile" on public.user_profiles;
drop policy "Users can update own profile" on public.user_profiles;
drop policy "Admins can manage all profiles" on public.user_profiles;
drop policy "Authenticated users can view groups" on public.user_groups;
drop policy "Admins can manage groups" on public.user_groups;
drop policy "Authenticated users can view terms" on public.academic_terms;
drop policy "Admins can manage terms" on public.academic_terms;
drop policy "Authenticated users can view courses" on public.courses;
drop policy "Admins can manage courses" on public.courses;
drop policy "Authenticated users can view cohorts" on public.cohorts;
drop policy "Admins can manage cohorts" on public.cohorts;
drop policy "Authenticated users can view sections" on public.sections;
drop policy "Admins can manage sections" on public.sections;
drop policy "Authenticated users can view section students" on public.section_students;
drop policy "Admins can manage section students" on public.section_students;
drop policy "Authenticated users can view section courses" on public.section_courses;
drop policy "Admins can manage section courses" on public.section_courses;
drop policy "Admins can view audit logs" on public.audit_logs;
drop policy "Authenticated users can write audit logs" on public.audit_logs;
drop function public.is_admin();

-- anon reads and writes nothing of a school.
revoke all on public.user_profiles, public.user_groups, public.academic_terms, public.courses,
  public.cohorts, public.sections, public.section_students, public.section_courses,
  public.audit_logs, public.institutions, public.institution_feature_flags,
  public.staff_duties, public.student_guardians
  from anon;

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

-- Academic structure: everyone of the institution reads it; its admins write it. ----------
do $$
declare
  v_table text;
  v_label text;
begin
  for v_table, v_label in
    select * from (values
      ('academic_terms', 'academic terms'), ('courses', 'courses'), ('cohorts', 'cohorts'),
      ('sections', 'sections'), ('section_students', 'section enrolments'),
      ('section_courses', 'section courses')
    ) as t(tbl, label)
  loop
    execute format($p$
      create policy %I on public.%I for select to authenticated
      using (institution_id = (select private.current_institution_id()))$p$,
      format('Members read their institution''s %s', v_label), v_table);
    execute format($p$
      create policy %I on public.%I for insert to authenticated
      with check (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))$p$,
      format('Institution admins add %s', v_label), v_table);
    execute format($p$
      create policy %I on public.%I for update to authenticated
      using (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))
      with check (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))$p$,
      format('Institution admins edit %s', v_label), v_table);
    execute format($p$
      create policy %I on public.%I for delete to authenticated
      using (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))$p$,
      format('Institution admins remove %s', v_label), v_table);
    -- The tenant column is set on insert and never moved through the API.
    execute format('revoke update on public.%I from authenticated', v_table);
  end loop;
end
$$;
grant update (name, start_date, end_date, frozen, updated_at) on public.academic_terms to authenticated;
grant update (title, code, description, active, updated_at) on public.courses to authenticated;
grant update (academic_term_id, grade, stream, boarding_type, updated_at) on public.cohorts to authenticated;
grant update (cohort_id, name, updated_at) on public.sections to authenticated;
grant update (section_id, student_id) on public.section_students to authenticated;
grant update (section_id, course_id, teacher_id, weekly_periods, updated_at) on public.section_courses to authenticated;

-- user_groups (no tenant column in BIG DAY): readable by signed-in users, managed by admins.
create policy "Signed-in users read user groups" on public.user_groups
  for select to authenticated using (true);
create policy "Institution admins add user groups" on public.user_groups
  for insert to authenticated with check ((select private.is_institution_admin()));
create policy "Institution admins edit user groups" on public.user_groups
  for update to authenticated
  using ((select private.is_institution_admin())) with check ((select private.is_institution_admin()));
create policy "Institution admins remove user groups" on public.user_groups
  for delete to authenticated using ((select private.is_institution_admin()));

-- audit_logs (BIG DAY's own log, no tenant column): written by the platform's server side,
-- read through the service role. No API role may touch it any more.
revoke all on public.audit_logs from authenticated;
create policy "Nobody reads BIG DAY audit logs through the API" on public.audit_logs
  for select to authenticated using (false);

-- institutions: members read their own; its admins edit name and settings.
create policy "Members read their own institution" on public.institutions
  for select to authenticated using (id = (select private.current_institution_id()));
create policy "Institution admins edit their institution" on public.institutions
  for update to authenticated
  using (id = (select private.current_institution_id()) and (select private.is_institution_admin()))
  with check (id = (select private.current_institution_id()) and (select private.is_institution_admin()));
revoke insert, update, delete, truncate on public.institutions from authenticated;
grant update (name, settings, updated_at) on public.institutions to authenticated;

-- institution_feature_flags: members read their institution's switches; admins flip them.
create policy "Members read their institution's feature flags" on public.institution_feature_flags
  for select to authenticated using (institution_id = (select private.current_institution_id()));
create policy "Institution admins add feature flags" on public.institution_feature_flags
  for insert to authenticated
  with check (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()));
create policy "Institution admins switch feature flags" on public.institution_feature_flags
  for update to authenticated
  using (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))
  with check (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()));
revoke update, delete, truncate on public.institution_feature_flags from authenticated;
grant update (enabled, pilot_cohort, note) on public.institution_feature_flags to authenticated;

-- staff_duties: staff of the institution see who does what; admins assign duties.
create policy "Staff read their institution's duties" on public.staff_duties
  for select to authenticated
  using (
    institution_id = (select private.current_institution_id())
    and (user_id = (select auth.uid()) or (select private.current_role_name()) in ('teacher', 'admin', 'staff'))
  );
create policy "Institution admins assign duties" on public.staff_duties
  for insert to authenticated
  with check (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()));
create policy "Institution admins change duties" on public.staff_duties
  for update to authenticated
  using (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))
  with check (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()));
create policy "Institution admins remove duties" on public.staff_duties
  for delete to authenticated
  using (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()));
revoke update on public.staff_duties from authenticated;
grant update (duty, section_id, course_id, stage, active, updated_at, updated_by) on public.staff_duties to authenticated;

-- student_guardians: the guardian and the student see their links, as do the student's
-- teachers and whole-institution readers; admins maintain them.
create policy "Families, teachers and leaders read guardian links" on public.student_guardians
  for select to authenticated
  using (
    institution_id = (select private.current_institution_id())
    and (
      guardian_id = (select auth.uid())
      or student_id = (select auth.uid())
      or student_id = any ((select private.taught_student_ids())::uuid[])
      or (select private.reads_whole_institution())
    )
  );
create policy "Institution admins link guardians" on public.student_guardians
  for insert to authenticated
  with check (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()));
create policy "Institution admins change guardian links" on public.student_guardians
  for update to authenticated
  using (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))
  with check (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()));
create policy "Institution admins remove guardian links" on public.student_guardians
  for delete to authenticated
  using (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()));
revoke update on public.student_guardians from authenticated;
grant update (relationship, is_primary, updated_at, updated_by) on public.student_guardians to authenticated;

-- From here on, a new table or function in public is closed to anon unless a migration
-- grants it (Supabase's revoke-by-default for newer projects); authenticated keeps the
-- default grants and meets the policies, which every new table must bring (the catalog
-- test fails otherwise).
alter default privileges for role postgres in schema public revoke all on tables from anon;
alter default privileges for role postgres in schema public revoke all on sequences from anon;
alter default privileges for role postgres in schema public revoke execute on functions from anon;
