-- Row level security, part 1: the helpers every policy calls (docs/architecture.md §4.2).
--
-- Each helper answers one question about the signed-in user (auth.uid()) inside their own
-- institution. All are `security definer` (they read user_profiles, staff_duties, ... without
-- going through those tables' policies — which is also what keeps the user_profiles
-- policies free of the recursion BIG DAY once hit), `stable`, `set search_path = ''`, and
-- live in the unexposed `private` schema. Policies call them wrapped as
-- `(select private.fn())` so each runs once per statement as an initPlan; the set-valued
-- ones return arrays so that the per-row test is a cheap `= any (...)`, written
-- `= any ((select private.fn())::uuid[])`: the cast makes Postgres read the parenthesised
-- subquery as one array value (an initPlan), not as a row source of arrays.
--
-- Vocabulary (docs/role-matrix.md):
--   whole-institution reader = coordinator, principal or institution admin;
--   institution admin       = staff duty institution_admin, or BIG DAY role 'admin';
--   teacher of a student     = active class_teacher / subject_teacher duty for a section the
--                              student is in;
--   released cycle           = status locked or archived (evaluations final, moderated).
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- Each statement-level helper below is ONE flat query from the caller's profile (`me`),
-- in plpgsql: none calls another, and plpgsql keeps its query plan for the session, where a
-- `language sql` security definer function is planned again on every call
-- (benchmarks/scale/FINDINGS.md).

-- True when the caller's institution has HPC switched on. Every HPC policy requires it, so
-- switching the flag off hides all HPC rows on the next request (the immediate rollback).
create or replace function private.hpc_active()
returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select exists (
      select 1
      from public.user_profiles as me
      join public.institution_feature_flags as f
        on f.institution_id = me.institution_id and f.feature = 'hpc' and f.enabled
      where me.id = (select auth.uid()))
  );
end
$$;

-- The caller's institution if it has HPC on, else null. Every HPC policy compares
-- institution_id with it: one scalar initPlan that both scopes the tenant and honours the
-- flag, and lets the planner prune hpc_evaluations to one partition at run time.
create or replace function private.hpc_institution_id()
returns uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select me.institution_id
    from public.user_profiles as me
    join public.institution_feature_flags as f
      on f.institution_id = me.institution_id and f.feature = 'hpc' and f.enabled
    where me.id = (select auth.uid())
  );
end
$$;

-- The caller's active HPC duties in their institution.
create or replace function private.current_duties()
returns text[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(distinct d.duty), '{}')
    from public.user_profiles as me
    join public.staff_duties as d on d.institution_id = me.institution_id and d.user_id = me.id and d.active
    where me.id = (select auth.uid())
  );
end
$$;

-- The caller's BIG DAY role (student, teacher, admin, staff, parent).
create or replace function private.current_role_name()
returns text
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select me.role from public.user_profiles as me where me.id = (select auth.uid())
  );
end
$$;

create or replace function private.is_institution_admin()
returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(bool_or(
      me.role = 'admin'
      or exists (
        select 1 from public.staff_duties as d
        where d.institution_id = me.institution_id and d.user_id = me.id and d.active and d.duty = any (array['institution_admin']))), false)
    from public.user_profiles as me
    where me.id = (select auth.uid())
  );
end
$$;

create or replace function private.is_principal()
returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(bool_or(
      exists (
        select 1 from public.staff_duties as d
        where d.institution_id = me.institution_id and d.user_id = me.id and d.active and d.duty = any (array['principal']))), false)
    from public.user_profiles as me
    where me.id = (select auth.uid())
  );
end
$$;

create or replace function private.reads_whole_institution()
returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(bool_or(
      me.role = 'admin'
      or exists (
        select 1 from public.staff_duties as d
        where d.institution_id = me.institution_id and d.user_id = me.id and d.active and d.duty = any (array['coordinator', 'principal', 'institution_admin']))), false)
    from public.user_profiles as me
    where me.id = (select auth.uid())
  );
end
$$;

-- Principal or institution admin: the audit log's readers.
create or replace function private.reads_audit_log()
returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(bool_or(
      me.role = 'admin'
      or exists (
        select 1 from public.staff_duties as d
        where d.institution_id = me.institution_id and d.user_id = me.id and d.active and d.duty = any (array['principal', 'institution_admin']))), false)
    from public.user_profiles as me
    where me.id = (select auth.uid())
  );
end
$$;

-- Sections the caller teaches: a class or subject teacher duty, or a subject BIG DAY's
-- allocation gives them (section_courses.teacher_id), so that teachers BIG DAY allocated
-- before the HPC see their classes without a duty being recorded first.
create or replace function private.taught_section_ids()
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(distinct t.section_id), '{}')
    from public.user_profiles as me
    cross join lateral (
      select d.section_id from public.staff_duties as d
      where d.institution_id = me.institution_id and d.user_id = me.id and d.active
        and d.duty in ('class_teacher', 'subject_teacher') and d.section_id is not null
      union all
      select sc.section_id from public.section_courses as sc
      where sc.institution_id = me.institution_id and sc.teacher_id = me.id
    ) as t
    where me.id = (select auth.uid())
  );
end
$$;

-- Students in the sections the caller teaches (duty or allocation, as above).
create or replace function private.taught_student_ids()
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(distinct s.student_id), '{}')
    from public.user_profiles as me
    cross join lateral (
      select d.section_id from public.staff_duties as d
      where d.institution_id = me.institution_id and d.user_id = me.id and d.active
        and d.duty in ('class_teacher', 'subject_teacher') and d.section_id is not null
      union
      select sc.section_id from public.section_courses as sc
      where sc.institution_id = me.institution_id and sc.teacher_id = me.id
    ) as t
    join public.section_students as s on s.institution_id = me.institution_id and s.section_id = t.section_id
    where me.id = (select auth.uid())
  );
end
$$;

-- Students whose guardian the caller is.
create or replace function private.child_ids()
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(g.student_id), '{}')
    from public.user_profiles as me
    join public.student_guardians as g on g.institution_id = me.institution_id and g.guardian_id = me.id
    where me.id = (select auth.uid())
  );
end
$$;

-- Guardians of the students the caller teaches.
create or replace function private.taught_guardian_ids()
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(distinct g.guardian_id), '{}')
    from public.user_profiles as me
    join public.staff_duties as d
      on d.institution_id = me.institution_id and d.user_id = me.id and d.active
     and d.duty in ('class_teacher', 'subject_teacher')
    join public.section_students as s on s.institution_id = me.institution_id and s.section_id = d.section_id
    join public.student_guardians as g on g.institution_id = me.institution_id and g.student_id = s.student_id
    where me.id = (select auth.uid())
  );
end
$$;

-- Sections of the caller (a student) and of the caller's children (a parent).
create or replace function private.family_section_ids()
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(distinct s.section_id), '{}')
    from public.user_profiles as me
    join public.section_students as s on s.institution_id = me.institution_id
    where me.id = (select auth.uid())
      and (s.student_id = me.id
           or s.student_id in (select g.student_id from public.student_guardians as g
                               where g.institution_id = me.institution_id and g.guardian_id = me.id))
  );
end
$$;

-- Teachers of those sections (duty or allocation): the staff a student or parent deals with.
create or replace function private.family_teacher_ids()
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(distinct t.user_id), '{}')
    from public.user_profiles as me
    join public.section_students as s on s.institution_id = me.institution_id
    cross join lateral (
      select d.user_id from public.staff_duties as d
      where d.institution_id = me.institution_id and d.section_id = s.section_id and d.active
        and d.duty in ('class_teacher', 'subject_teacher')
      union
      select sc.teacher_id from public.section_courses as sc
      where sc.institution_id = me.institution_id and sc.section_id = s.section_id and sc.teacher_id is not null
    ) as t
    where me.id = (select auth.uid())
      and (s.student_id = me.id
           or s.student_id in (select g.student_id from public.student_guardians as g
                               where g.institution_id = me.institution_id and g.guardian_id = me.id))
  );
end
$$;

-- Classmates the caller (a student) is assigned to review in any cycle.
create or replace function private.peer_reviewee_ids()
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(distinct a.student_id), '{}')
    from public.user_profiles as me
    join public.hpc_parameter_assignments as a
      on a.institution_id = me.institution_id and a.peer_reviewer_id = me.id and a.active
    where me.id = (select auth.uid())
  );
end
$$;

create or replace function private.open_cycle_ids()
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(c.id), '{}')
    from public.user_profiles as me
    join public.hpc_evaluation_cycles as c on c.institution_id = me.institution_id and c.status = 'open'
    where me.id = (select auth.uid())
  );
end
$$;

create or replace function private.released_cycle_ids()
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(c.id), '{}')
    from public.user_profiles as me
    join public.hpc_evaluation_cycles as c on c.institution_id = me.institution_id and c.status in ('locked', 'archived')
    where me.id = (select auth.uid())
  );
end
$$;

-- May the caller enter this rating? One answer per rater role; called by the write policies
-- of hpc_evaluations (only for the rows being written, so per-row cost is fine there).
create or replace function private.may_rate(p_cycle_id uuid, p_student_id uuid, p_parameter_id uuid, p_rater_role public.hpc_rater_role)
returns boolean
language plpgsql stable security definer set search_path = ''
as $$
#variable_conflict use_column
begin
  return (
    select p_cycle_id = any (private.open_cycle_ids())
       and case
         when p_rater_role = 'self' then p_student_id = (select auth.uid()) and private.current_role_name() = 'student'
         when p_rater_role = 'parent' then p_student_id = any (private.child_ids())
         when p_rater_role = 'peer' then exists (
           select 1 from public.hpc_parameter_assignments as a
           where a.institution_id = private.current_institution_id()
             and a.cycle_id = p_cycle_id and a.active
             and a.student_id = p_student_id and a.peer_reviewer_id = (select auth.uid())
             and (a.parameter_id is null or a.parameter_id = p_parameter_id))
         when p_rater_role = 'teacher' then p_student_id = any (private.taught_student_ids()) and exists (
           select 1
           from public.hpc_parameter_assignments as a
           join public.section_students as s
             on s.institution_id = a.institution_id and s.section_id = a.section_id
           where a.institution_id = private.current_institution_id()
             and a.cycle_id = p_cycle_id and a.active
             and a.parameter_id = p_parameter_id
             and a.teacher_id = (select auth.uid())
             and 'teacher' = any (a.rater_roles)
             and s.student_id = p_student_id)
         else false
       end);
end
$$;

-- May the caller see and write messages about this student?
create or replace function private.in_conversation_circle(p_student_id uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select p_student_id = (select auth.uid())
      or p_student_id = any (private.child_ids())
      or p_student_id = any (private.taught_student_ids())
      or private.reads_whole_institution()
$$;

do $$
declare
  v_fn text;
begin
  foreach v_fn in array array[
    'private.hpc_active()', 'private.hpc_institution_id()', 'private.current_duties()', 'private.current_role_name()',
    'private.is_institution_admin()', 'private.is_principal()', 'private.reads_whole_institution()',
    'private.reads_audit_log()', 'private.taught_section_ids()', 'private.taught_student_ids()',
    'private.child_ids()', 'private.taught_guardian_ids()', 'private.family_section_ids()',
    'private.family_teacher_ids()', 'private.peer_reviewee_ids()',
    'private.open_cycle_ids()', 'private.released_cycle_ids()',
    'private.may_rate(uuid, uuid, uuid, public.hpc_rater_role)', 'private.in_conversation_circle(uuid)'
  ] loop
    execute format('revoke all on function %s from public', v_fn);
    execute format('grant execute on function %s to authenticated, service_role', v_fn);
  end loop;
end
$$;

-- What the tables' own checks call runs as the writing user, so it must work for API roles
-- too: the evidence path check is part of two CHECK constraints (EXECUTE is checked at run
-- time).
grant execute on function private.evidence_paths_valid(text[], uuid, uuid) to authenticated, service_role;
