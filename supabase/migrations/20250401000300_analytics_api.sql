-- Analytics, part 3: what the API exposes. Four RPC functions, security definer
-- (they read the unexposed analytics views), `set search_path = ''`, each filtering by the
-- caller's institution and role with the RLS helpers of 20250201000100:
--   * coordinators, principals and institution admins (private.reads_whole_institution()):
--     the whole institution;
--   * teachers: the sections they teach (private.taught_section_ids());
--   * students and parents: only hpc_analytics_student_progress, for themselves / their
--     children (private.child_ids());
--   * HPC switched off for the institution (private.hpc_active() false): nothing.
-- Nothing here orders or ranks students; every row is an aggregate or the caller's own.
-- EXECUTE for authenticated only (not anon; service_role has no auth.uid() and gets nothing).
-- The section-level reads have one branch per shape of the call, gated by a one-time filter
-- on the parameter, so that the section branch matches the views' index prefix
-- (institution_id, cycle_id, section_id): a generic plan of `(p_section_id is null or
-- section_id = p_section_id)` reads the school's whole cycle (benchmarks/scale/FINDINGS.md).
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- The principal's dashboard: one row per cycle of the caller's institution.
create or replace function public.hpc_analytics_overview(p_cycle_id uuid default null)
returns table (
  cycle_id uuid, cycle_name text, term_number bigint, cycle_status public.hpc_cycle_status,
  students bigint, sections bigint, students_rated bigint,
  ratings_expected bigint, ratings_submitted bigint, ratings_draft bigint, completion_pct numeric,
  teacher_level_1 bigint, teacher_level_2 bigint, teacher_level_3 bigint, teacher_level_4_plus bigint,
  reports bigint, reports_published bigint, reports_in_workflow bigint
)
language sql
stable
security definer
set search_path = ''
as $$
  select o.cycle_id, o.cycle_name, o.term_number, o.cycle_status, o.students, o.sections, o.students_rated,
         o.ratings_expected, o.ratings_submitted, o.ratings_draft, o.completion_pct,
         o.teacher_level_1, o.teacher_level_2, o.teacher_level_3, o.teacher_level_4_plus,
         o.reports, o.reports_published, o.reports_in_workflow
  from analytics.institution_overview as o
  where o.institution_id = (select private.current_institution_id())
    and (select private.hpc_active())
    and (select private.reads_whole_institution())
    and (p_cycle_id is null or o.cycle_id = p_cycle_id)
  order by o.term_number, o.cycle_id
$$;
comment on function public.hpc_analytics_overview(uuid) is
  'Institution overview per cycle (students, ratings expected/submitted/draft, completion %, teacher level counts, reports). Coordinators, principals and institution admins only.';

-- Level distributions per section and parameter in a cycle.
create or replace function public.hpc_analytics_level_distribution(p_cycle_id uuid, p_section_id uuid default null)
returns table (
  section_id uuid, parameter_id uuid, parameter_code text, stage public.hpc_stage, area_code text, ability text,
  rater_role public.hpc_rater_role, level_ordinal bigint, ratings bigint
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  -- Read once, before the query: on Citus a function that reads tables, called inside a
  -- query on a distributed table, would run on its shards.
  v_institution uuid := private.current_institution_id();
begin
  return query
    select x.section_id, x.parameter_id, p.code, p.stage, p.area_code, p.ability, x.rater_role, x.level_ordinal, x.ratings
    from (
      select l.institution_id, l.section_id, l.parameter_id, l.rater_role, l.level_ordinal, l.ratings
      from analytics.level_distribution as l
      where p_section_id is not null
        and l.institution_id = v_institution
        and l.cycle_id = p_cycle_id
        and l.section_id = p_section_id
      union all
      select l.institution_id, l.section_id, l.parameter_id, l.rater_role, l.level_ordinal, l.ratings
      from analytics.level_distribution as l
      where p_section_id is null
        and l.institution_id = v_institution
        and l.cycle_id = p_cycle_id
    ) as x
    join public.hpc_parameters as p on p.institution_id = x.institution_id and p.id = x.parameter_id
    where (select private.hpc_active())
      and ((select private.reads_whole_institution()) or x.section_id = any ((select private.taught_section_ids())::uuid[]))
    order by x.section_id, p.sort_order, p.code, x.rater_role, x.level_ordinal;
end
$$;
comment on function public.hpc_analytics_level_distribution(uuid, uuid) is
  'Submitted ratings per section, parameter, rater role and level in a cycle. Teachers: their sections; coordinators, principals, admins: the institution.';

-- Completion: who has not entered what.
create or replace function public.hpc_analytics_completion(p_cycle_id uuid, p_section_id uuid default null)
returns table (
  section_id uuid, parameter_id uuid, parameter_code text, rater_role public.hpc_rater_role, teacher_id uuid,
  expected bigint, submitted bigint, drafts bigint, missing bigint
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  -- Read once, before the query: on Citus a function that reads tables, called inside a
  -- query on a distributed table, would run on its shards.
  v_institution uuid := private.current_institution_id();
begin
  return query
    select x.section_id, x.parameter_id, p.code, x.rater_role, x.teacher_id, x.expected, x.submitted, x.drafts, x.missing
    from (
      select c.institution_id, c.section_id, c.parameter_id, c.rater_role, c.teacher_id, c.expected, c.submitted, c.drafts, c.missing
      from analytics.completion as c
      where p_section_id is not null
        and c.institution_id = v_institution
        and c.cycle_id = p_cycle_id
        and c.section_id = p_section_id
      union all
      select c.institution_id, c.section_id, c.parameter_id, c.rater_role, c.teacher_id, c.expected, c.submitted, c.drafts, c.missing
      from analytics.completion as c
      where p_section_id is null
        and c.institution_id = v_institution
        and c.cycle_id = p_cycle_id
    ) as x
    join public.hpc_parameters as p on p.institution_id = x.institution_id and p.id = x.parameter_id
    where (select private.hpc_active())
      and ((select private.reads_whole_institution()) or x.section_id = any ((select private.taught_section_ids())::uuid[]))
    order by x.section_id, p.sort_order, p.code, x.rater_role;
end
$$;
comment on function public.hpc_analytics_completion(uuid, uuid) is
  'Expected, submitted, draft and missing ratings per section, parameter and rater role in a cycle, with the assigned teacher. Teachers: their sections; coordinators, principals, admins: the institution.';

-- A student's progress across cycles, per area and ability.
create or replace function public.hpc_analytics_student_progress(p_student_id uuid)
returns table (
  cycle_id uuid, term_number bigint, stage public.hpc_stage, area_code text, ability text,
  teacher_level numeric, self_level numeric, peer_level numeric, parent_level numeric, ratings bigint
)
language sql
stable
security definer
set search_path = ''
as $$
  select s.cycle_id, s.term_number, s.stage, s.area_code, nullif(s.ability, ''),
         s.teacher_level, s.self_level, s.peer_level, s.parent_level, s.ratings
  from analytics.student_progress as s
  where s.institution_id = (select private.current_institution_id())
    and (select private.hpc_active())
    and s.student_id = p_student_id
    and (
      (select private.reads_whole_institution())
      or p_student_id = (select auth.uid())
      or p_student_id = any ((select private.child_ids())::uuid[])
      or p_student_id = any ((select private.taught_student_ids())::uuid[])
    )
  order by s.term_number, s.cycle_id, s.stage, s.area_code, s.ability
$$;
comment on function public.hpc_analytics_student_progress(uuid) is
  'One student''s average level per cycle, area and ability by rater role. The student, their guardians, their teachers, and coordinators/principals/admins.';

revoke all on function public.hpc_analytics_overview(uuid) from public, anon;
revoke all on function public.hpc_analytics_level_distribution(uuid, uuid) from public, anon;
revoke all on function public.hpc_analytics_completion(uuid, uuid) from public, anon;
revoke all on function public.hpc_analytics_student_progress(uuid) from public, anon;
grant execute on function public.hpc_analytics_overview(uuid) to authenticated, service_role;
grant execute on function public.hpc_analytics_level_distribution(uuid, uuid) to authenticated, service_role;
grant execute on function public.hpc_analytics_completion(uuid, uuid) to authenticated, service_role;
grant execute on function public.hpc_analytics_student_progress(uuid) to authenticated, service_role;
