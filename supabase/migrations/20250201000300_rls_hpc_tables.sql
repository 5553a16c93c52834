-- Row level security, part 3: the 11 HPC tables, following docs/role-matrix.md.
--
-- Every policy starts with the same condition, institution_id = (select
-- (select private.hpc_institution_id())): the row belongs to the caller's institution and that
-- institution has HPC switched on. Then one policy per table and
-- command says, role by role, which rows the caller reaches. One policy per command (not
-- one per role) keeps Postgres from evaluating several permissive policies per row.
-- Status columns are not in any API role's UPDATE grant (see part 4): the workflow
-- functions are the only way to move a status.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- anon has no business with the HPC; authenticated keeps its grants and meets the policies.
revoke all on public.hpc_parameters, public.hpc_rubrics, public.hpc_parameter_assignments,
  public.hpc_evaluation_cycles, public.hpc_evaluations, public.hpc_reports,
  public.hpc_approval_workflows, public.hpc_analytics, public.hpc_achievements,
  public.hpc_reflections, public.hpc_conversations, public.audit_events
  from anon;

-- Configuration: parameters, rubrics, cycles — every member of the institution reads them
-- (a card cannot be shown without them); institution admins write them. ------------------
do $$
declare
  v_table text;
  v_label text;
begin
  for v_table, v_label in
    select * from (values
      ('hpc_parameters', 'HPC parameters'), ('hpc_rubrics', 'HPC rubrics'),
      ('hpc_evaluation_cycles', 'evaluation cycles')
    ) as t(tbl, label)
  loop
    execute format($p$
      create policy %I on public.%I for select to authenticated
      using (institution_id = (select private.hpc_institution_id()))$p$,
      format('Members read their institution''s %s', v_label), v_table);
    execute format($p$
      create policy %I on public.%I for insert to authenticated
      with check (institution_id = (select private.hpc_institution_id())
                  and (select private.is_institution_admin()))$p$,
      format('Institution admins add %s', v_label), v_table);
    execute format($p$
      create policy %I on public.%I for update to authenticated
      using (institution_id = (select private.hpc_institution_id())
             and (select private.is_institution_admin()))
      with check (institution_id = (select private.hpc_institution_id())
                  and (select private.is_institution_admin()))$p$,
      format('Institution admins edit %s', v_label), v_table);
    execute format($p$
      create policy %I on public.%I for delete to authenticated
      using (institution_id = (select private.hpc_institution_id())
             and (select private.is_institution_admin()))$p$,
      format('Institution admins remove %s', v_label), v_table);
  end loop;
end
$$;

-- Assignments: leaders and teachers of the section read them, as do the students of the
-- section and their parents (to know what is assessed and whom to review); admins write.
create policy "Members read the assignments of their sections" on public.hpc_parameter_assignments
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and (
      (select private.reads_whole_institution())
      or section_id = any ((select private.taught_section_ids())::uuid[])
      or section_id = any ((select private.family_section_ids())::uuid[])
      or peer_reviewer_id = (select private.caller_id())
    )
  );
create policy "Institution admins add assignments" on public.hpc_parameter_assignments
  for insert to authenticated
  with check (institution_id = (select private.hpc_institution_id())
              and (select private.is_institution_admin()));
create policy "Institution admins edit assignments" on public.hpc_parameter_assignments
  for update to authenticated
  using (institution_id = (select private.hpc_institution_id())
         and (select private.is_institution_admin()))
  with check (institution_id = (select private.hpc_institution_id())
              and (select private.is_institution_admin()));
create policy "Institution admins remove assignments" on public.hpc_parameter_assignments
  for delete to authenticated
  using (institution_id = (select private.hpc_institution_id())
         and (select private.is_institution_admin()));

-- Evaluations -------------------------------------------------------------------------------
-- Read: leaders everything; teachers their students' ratings; every rater their own;
-- students their own ratings once the cycle is released.
create policy "Raters, teachers and leaders read evaluations" on public.hpc_evaluations
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and (
      (select private.reads_whole_institution())
      or student_id = any ((select private.taught_student_ids())::uuid[])
      or rater_id = (select private.caller_id())
      or (student_id = (select private.caller_id()) and cycle_id = any ((select private.released_cycle_ids())::uuid[]))
    )
  );
-- Write: only one's own ratings, only while the cycle is open (the insert policy here; changes
-- by the trigger only_while_cycle_open, 20250101000900, with HP422), only where one may rate
-- (teacher: own student; self; peer reviewer; parent of the child). The parameter a teacher
-- or peer is assigned is checked by the trigger rater_is_assigned (20250101000900).
create policy "Raters enter their ratings while the cycle is open" on public.hpc_evaluations
  for insert to authenticated
  with check (
    institution_id = (select private.hpc_institution_id())
    and rater_id = (select private.caller_id())
    and private.may_rate(cycle_id, student_id, rater_role)
  );
create policy "Raters change their own ratings" on public.hpc_evaluations
  for update to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and rater_id = (select private.caller_id())
  )
  with check (
    institution_id = (select private.hpc_institution_id())
    and rater_id = (select private.caller_id())
    and private.may_rate(cycle_id, student_id, rater_role)
  );
create policy "Raters withdraw their own draft ratings" on public.hpc_evaluations
  for delete to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and rater_id = (select private.caller_id())
    and status = 'draft'
  );

-- Reports -------------------------------------------------------------------------------
-- Read: leaders every version; teachers their students' cards; students and parents the
-- published (and released) versions of their own / their children's cards. Written only by
-- the report and workflow functions (part 4 revokes direct writes).
create policy "Families read published cards, teachers and leaders all" on public.hpc_reports
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and (
      (select private.reads_whole_institution())
      or student_id = any ((select private.taught_student_ids())::uuid[])
      or (
        status = 'published' and (release_at is null or release_at <= now())
        and (student_id = (select private.caller_id()) or student_id = any ((select private.child_ids())::uuid[]))
      )
    )
  );

-- Approval workflows -----------------------------------------------------------------------
-- Read: leaders everything; teachers the chain and their students' report steps.
-- Write: admins configure the chain (kind = 'chain'); report steps come only from the
-- workflow functions.
create policy "Staff read approval chains and steps" on public.hpc_approval_workflows
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and (
      (select private.reads_whole_institution())
      or (
        (select private.current_role_name()) = 'teacher'
        and (kind = 'chain' or student_id = any ((select private.taught_student_ids())::uuid[]))
      )
    )
  );
create policy "Institution admins configure the approval chain" on public.hpc_approval_workflows
  for insert to authenticated
  with check (institution_id = (select private.hpc_institution_id())
              and kind = 'chain' and (select private.is_institution_admin()));
create policy "Institution admins edit the approval chain" on public.hpc_approval_workflows
  for update to authenticated
  using (institution_id = (select private.hpc_institution_id())
         and kind = 'chain' and (select private.is_institution_admin()))
  with check (institution_id = (select private.hpc_institution_id())
              and kind = 'chain' and (select private.is_institution_admin()));
create policy "Institution admins remove approval chain steps" on public.hpc_approval_workflows
  for delete to authenticated
  using (institution_id = (select private.hpc_institution_id())
         and kind = 'chain' and (select private.is_institution_admin()));

-- Analytics: leaders the institution, teachers their sections. Written by server jobs. -----
create policy "Leaders and teachers read analytics" on public.hpc_analytics
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and ((select private.reads_whole_institution()) or section_id = any ((select private.taught_section_ids())::uuid[]))
  );

-- Achievements: leaders, the student's teachers, the student and their parents read them;
-- teachers record and verify them for their students. -----------------------------------
create policy "Families, teachers and leaders read achievements" on public.hpc_achievements
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and (
      (select private.reads_whole_institution())
      or student_id = any ((select private.taught_student_ids())::uuid[])
      or student_id = (select private.caller_id())
      or student_id = any ((select private.child_ids())::uuid[])
    )
  );
create policy "Teachers record achievements of their students" on public.hpc_achievements
  for insert to authenticated
  with check (institution_id = (select private.hpc_institution_id())
              and student_id = any ((select private.taught_student_ids())::uuid[]));
create policy "Teachers edit achievements of their students" on public.hpc_achievements
  for update to authenticated
  using (institution_id = (select private.hpc_institution_id())
         and student_id = any ((select private.taught_student_ids())::uuid[]))
  with check (institution_id = (select private.hpc_institution_id())
              and student_id = any ((select private.taught_student_ids())::uuid[]));
create policy "Teachers remove unverified achievements of their students" on public.hpc_achievements
  for delete to authenticated
  using (institution_id = (select private.hpc_institution_id())
         and student_id = any ((select private.taught_student_ids())::uuid[]) and verified_at is null);

-- Reflections: the author writes while the cycle is open (students: self-reflection,
-- All About Me, Ambition Card; parents: Partnership card, All About Me); leaders and the
-- student's teachers read them; students read their own, parents what they wrote. ---------
create policy "Authors, teachers and leaders read reflections" on public.hpc_reflections
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and (
      (select private.reads_whole_institution())
      or student_id = any ((select private.taught_student_ids())::uuid[])
      or student_id = (select private.caller_id())
      or author_id = (select private.caller_id())
    )
  );
create policy "Students and parents write reflections while the cycle is open" on public.hpc_reflections
  for insert to authenticated
  with check (
    institution_id = (select private.hpc_institution_id())
    and author_id = (select private.caller_id())
    and cycle_id = any ((select private.open_cycle_ids())::uuid[])
    and (
      (author_role = 'self' and student_id = (select private.caller_id()))
      or (author_role = 'parent' and student_id = any ((select private.child_ids())::uuid[]))
    )
  );
create policy "Authors edit their own reflections" on public.hpc_reflections
  for update to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and author_id = (select private.caller_id())
  )
  with check (
    institution_id = (select private.hpc_institution_id())
    and author_id = (select private.caller_id())
    and cycle_id = any ((select private.open_cycle_ids())::uuid[])
    and (
      (author_role = 'self' and student_id = (select private.caller_id()))
      or (author_role = 'parent' and student_id = any ((select private.child_ids())::uuid[]))
    )
  );
create policy "Authors remove their own draft reflections" on public.hpc_reflections
  for delete to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and author_id = (select private.caller_id())
    and status = 'draft'
  );

-- Conversations: the student, their parents, their teachers and the leaders take part. ----
create policy "The circle around a student reads its conversations" on public.hpc_conversations
  for select to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and (
      (select private.reads_whole_institution())
      or student_id = (select private.caller_id())
      or student_id = any ((select private.child_ids())::uuid[])
      or student_id = any ((select private.taught_student_ids())::uuid[])
    )
  );
create policy "The circle around a student writes in its conversations" on public.hpc_conversations
  for insert to authenticated
  with check (
    institution_id = (select private.hpc_institution_id())
    and author_id = (select private.caller_id())
    and private.in_conversation_circle(student_id)
    and case author_role
      when 'student' then student_id = (select private.caller_id())
      when 'parent' then student_id = any ((select private.child_ids())::uuid[])
      when 'teacher' then student_id = any ((select private.taught_student_ids())::uuid[])
      when 'coordinator' then (select private.current_duties()) && array['coordinator']
      when 'principal' then (select private.is_principal())
      else false
    end
  );
create policy "Authors edit their own messages" on public.hpc_conversations
  for update to authenticated
  using (institution_id = (select private.hpc_institution_id())
         and author_id = (select private.caller_id()))
  with check (institution_id = (select private.hpc_institution_id())
              and author_id = (select private.caller_id()));

-- The audit log: principals and admins of the institution read it; nobody writes it
-- through the API (the audit trigger writes as its definer). -----------------------------
grant select on public.audit_events to authenticated;
create policy "Principals and admins read their institution's audit log" on public.audit_events
  for select to authenticated
  using (institution_id = (select private.caller_institution_id()) and (select private.reads_audit_log()));

-- The tenant guard, as on BIG DAY's tables after their contract: institution_id defaults to
-- the caller's school (so it is optional in the generated Insert types), and
-- private.keep_row_in_its_institution() (20250201000200) keeps it:
--   * institution_id never changes once set (42501);
--   * a service-role insert without a school is refused with a message saying what to send
--     (23502; there is no signed-in user to take it from);
--   * a signed-in user's new row that names another institution is refused with 42501 and a
--     message that says so, instead of the policy's anonymous "new row violates row-level
--     security policy".
-- BEFORE triggers fire in name order: keep_row_in_its_institution runs before resolve_level
-- and stamp_row_authorship, which need the row's institution.
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
         for each row execute function private.keep_row_in_its_institution(%L)', v_table, v_table);
  end loop;
end
$$;
