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
-- for another table's. (All in one file, a lock-timeout retry on one table held the others
-- meanwhile: up to 62 ms stalls under the benchmark's workload.) This file does the rest:
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
    using (institution_id = (select private.current_institution_id()))$p$,
    format('Members read their institution''s %s', p_label), p_table);
  execute format($p$
    create policy %I on public.%I for insert to authenticated
    with check (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))$p$,
    format('Institution admins add %s', p_label), p_table);
  execute format($p$
    create policy %I on public.%I for update to authenticated
    using (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))
    with check (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))$p$,
    format('Institution admins edit %s', p_label), p_table);
  execute format($p$
    create policy %I on public.%I for delete to authenticated
    using (institution_id = (select private.current_institution_id()) and (select private.is_institution_admin()))$p$,
    format('Institution admins remove %s', p_label), p_table);
  execute format('revoke update on public.%I from authenticated', p_table);
end
$$;
comment on function private.scope_academic_structure_table(text, text) is
  'Migration helper: creates the tenant-scoped policy set (members read, institution admins write) on an academic structure table.';
revoke all on function private.scope_academic_structure_table(text, text) from public;

-- user_groups (no tenant column in BIG DAY): readable by signed-in users, managed by admins.
drop policy "Authenticated users can view groups" on public.user_groups;
drop policy "Admins can manage groups" on public.user_groups;
create policy "Signed-in users read user groups" on public.user_groups
  for select to authenticated using (true);
create policy "Institution admins add user groups" on public.user_groups
  for insert to authenticated with check ((select private.is_institution_admin()));
create policy "Institution admins edit user groups" on public.user_groups
  for update to authenticated
  using ((select private.is_institution_admin())) with check ((select private.is_institution_admin()));
create policy "Institution admins remove user groups" on public.user_groups
  for delete to authenticated using ((select private.is_institution_admin()));

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
