-- Analytics, part 1: the materialized views (docs/architecture.md §7).
--
-- * Schema `analytics` is not in pgrst.db_schemas, so the API never exposes it; anon and
--   authenticated get no USAGE on it and no privilege on anything in it. Materialized views
--   have no RLS: they are read only through the security definer functions of migration
--   20250401000300, which filter by institution and role.
-- * Four views, each with a unique index on plain columns so that
--   `refresh materialized view concurrently` works (readers are never blocked):
--     level_distribution   submitted ratings per section, parameter, cycle, rater role, level
--     student_progress     each student's levels per cycle, area and ability, per rater role
--     completion           expected vs entered ratings per section, parameter, cycle, rater
--                          role, with the teacher who owes them (who has not entered what)
--     institution_overview one row per institution and cycle
--   Aggregates only: no ranks, percentiles or orderings of students anywhere.
-- * A rating's section is its assignment's section (hpc_parameter_assignments.section_id);
--   a rating without an assignment falls back to the student's latest section enrolment.
-- * Only submitted ratings with a level count as entered; drafts are counted apart.
set local lock_timeout = '50ms';
set local statement_timeout = '120s';

create schema if not exists analytics;
comment on schema analytics is
  'Materialized views of HPC aggregates, their refresh schedule, requests and log. Not exposed by the API; read through public.hpc_analytics_* functions.';
revoke all on schema analytics from public;
grant usage on schema analytics to service_role;

-- A student's latest section enrolment: the fallback section of a rating without an
-- assignment (a hash join, not a per-row lookup).
create view analytics.latest_sections
with (security_invoker = true)
as
select distinct on (s.institution_id, s.student_id) s.institution_id, s.student_id, s.section_id
from public.section_students as s
order by s.institution_id, s.student_id, s.created_at desc, s.section_id;
comment on view analytics.latest_sections is
  'Each student''s latest section enrolment (fallback section of a rating that has no assignment).';
revoke all on analytics.latest_sections from public, anon, authenticated;

-- 1. Level distributions per section, parameter and cycle (by rater role and level).
create materialized view analytics.level_distribution as
select e.institution_id, e.cycle_id, coalesce(a.section_id, ss.section_id) as section_id, e.parameter_id,
       e.rater_role, e.level_ordinal, count(*)::bigint as ratings
from public.hpc_evaluations as e
left join public.hpc_parameter_assignments as a
  on a.institution_id = e.institution_id and a.id = e.assignment_id
left join analytics.latest_sections as ss
  on ss.institution_id = e.institution_id and ss.student_id = e.student_id and a.section_id is null
where e.status = 'submitted' and e.level_ordinal is not null
  and coalesce(a.section_id, ss.section_id) is not null
group by 1, 2, 3, 4, 5, 6;
comment on materialized view analytics.level_distribution is
  'Submitted ratings per institution, cycle, section, parameter, rater role and level ordinal. Aggregates only.';
-- (created just above in this transaction: nothing else can reach the view yet)
-- squawk-ignore require-concurrent-index-creation
create unique index level_distribution_key
  on analytics.level_distribution (institution_id, cycle_id, section_id, parameter_id, rater_role, level_ordinal);

-- 2. Each student's progress across cycles, per area and ability: the average submitted
--    level of each rater role (several peers or guardians may rate one parameter).
create materialized view analytics.student_progress as
select e.institution_id, e.student_id, e.cycle_id, c.term_number, p.stage, p.area_code,
       coalesce(p.ability, '') as ability,
       round(avg(e.level_ordinal) filter (where e.rater_role = 'teacher'), 2) as teacher_level,
       round(avg(e.level_ordinal) filter (where e.rater_role = 'self'), 2) as self_level,
       round(avg(e.level_ordinal) filter (where e.rater_role = 'peer'), 2) as peer_level,
       round(avg(e.level_ordinal) filter (where e.rater_role = 'parent'), 2) as parent_level,
       count(*)::bigint as ratings
from public.hpc_evaluations as e
join public.hpc_parameters as p on p.institution_id = e.institution_id and p.id = e.parameter_id
join public.hpc_evaluation_cycles as c on c.institution_id = e.institution_id and c.id = e.cycle_id
where e.status = 'submitted' and e.level_ordinal is not null
group by e.institution_id, e.student_id, e.cycle_id, c.term_number, p.stage, p.area_code, coalesce(p.ability, '');
comment on materialized view analytics.student_progress is
  'Per student, cycle, area and ability (empty string when the parameter has none): average submitted level per rater role. For the student''s own card and their teachers; never ranked.';
-- (created just above in this transaction: nothing else can reach the view yet)
-- squawk-ignore require-concurrent-index-creation
create unique index student_progress_key
  on analytics.student_progress (institution_id, student_id, cycle_id, stage, area_code, ability);

-- 3. Completion: per section, parameter, cycle and rater role, how many ratings are
--    expected (the assignment's rater roles × the section's students, or the one student of a
--    student-specific assignment; peer: one classmate review per student), how many are
--    submitted, how many are drafts, and which teacher owes the teacher ratings.
create materialized view analytics.completion as
with roster as (
  select s.institution_id, s.section_id, count(*)::bigint as students
  from public.section_students as s
  group by s.institution_id, s.section_id
), expected as (
  select a.institution_id, a.cycle_id, a.section_id, a.parameter_id, r.rater_role,
         case when bool_or(a.student_id is null) then max(coalesce(ro.students, 0))
              else count(distinct a.student_id) end as expected,
         (array_agg(a.teacher_id order by a.teacher_id) filter (where a.teacher_id is not null))[1] as teacher_id
  from public.hpc_parameter_assignments as a
  cross join lateral unnest(a.rater_roles) as r (rater_role)
  left join roster as ro on ro.institution_id = a.institution_id and ro.section_id = a.section_id
  where a.active and a.parameter_id is not null and a.peer_reviewer_id is null
  group by a.institution_id, a.cycle_id, a.section_id, a.parameter_id, r.rater_role
), entered as (
  select e.institution_id, e.cycle_id, coalesce(a.section_id, ss.section_id) as section_id, e.parameter_id, e.rater_role,
         count(*) filter (where e.status = 'submitted' and e.level_ordinal is not null) as submitted,
         count(*) filter (where not (e.status = 'submitted' and e.level_ordinal is not null)) as drafts
  from public.hpc_evaluations as e
  left join public.hpc_parameter_assignments as a
    on a.institution_id = e.institution_id and a.id = e.assignment_id
  left join analytics.latest_sections as ss
    on ss.institution_id = e.institution_id and ss.student_id = e.student_id and a.section_id is null
  where coalesce(a.section_id, ss.section_id) is not null
  group by 1, 2, 3, 4, 5
)
select coalesce(x.institution_id, n.institution_id) as institution_id,
       coalesce(x.cycle_id, n.cycle_id) as cycle_id,
       coalesce(x.section_id, n.section_id) as section_id,
       coalesce(x.parameter_id, n.parameter_id) as parameter_id,
       coalesce(x.rater_role, n.rater_role) as rater_role,
       x.teacher_id,
       coalesce(x.expected, 0)::bigint as expected,
       coalesce(n.submitted, 0)::bigint as submitted,
       coalesce(n.drafts, 0)::bigint as drafts,
       greatest(coalesce(x.expected, 0) - coalesce(n.submitted, 0), 0)::bigint as missing
from expected as x
full join entered as n
  on n.institution_id = x.institution_id and n.cycle_id = x.cycle_id and n.section_id = x.section_id
 and n.parameter_id = x.parameter_id and n.rater_role = x.rater_role;
comment on materialized view analytics.completion is
  'Expected, submitted, draft and missing ratings per institution, cycle, section, parameter and rater role, with the assigned teacher: the coordinators'' "who has not entered what" dashboard.';
-- (created just above in this transaction: nothing else can reach the view yet)
-- squawk-ignore require-concurrent-index-creation
create unique index completion_key
  on analytics.completion (institution_id, cycle_id, section_id, parameter_id, rater_role);
-- "what does this teacher still owe"
-- (created just above in this transaction: nothing else can reach the view yet)
-- squawk-ignore require-concurrent-index-creation
create index completion_teacher_idx on analytics.completion (institution_id, teacher_id, cycle_id);

-- 4. Institution overview: one row per institution and cycle.
create materialized view analytics.institution_overview as
with ratings as (
  select e.institution_id, e.cycle_id,
         count(*) filter (where e.status = 'submitted' and e.level_ordinal is not null) as submitted,
         count(*) filter (where not (e.status = 'submitted' and e.level_ordinal is not null)) as drafts,
         count(distinct e.student_id) as students_rated,
         count(*) filter (where e.rater_role = 'teacher' and e.status = 'submitted' and e.level_ordinal = 1) as teacher_level_1,
         count(*) filter (where e.rater_role = 'teacher' and e.status = 'submitted' and e.level_ordinal = 2) as teacher_level_2,
         count(*) filter (where e.rater_role = 'teacher' and e.status = 'submitted' and e.level_ordinal = 3) as teacher_level_3,
         count(*) filter (where e.rater_role = 'teacher' and e.status = 'submitted' and e.level_ordinal > 3) as teacher_level_4_plus
  from public.hpc_evaluations as e
  group by e.institution_id, e.cycle_id
), roster as (
  select s.institution_id, count(distinct s.student_id) as students, count(distinct s.section_id) as sections
  from public.section_students as s
  group by s.institution_id
), reports as (
  select r.institution_id, r.cycle_id,
         count(*) filter (where r.is_current) as reports,
         count(*) filter (where r.is_current and r.status = 'published') as published,
         count(*) filter (where r.is_current and r.status in ('submitted', 'in_review', 'approved')) as in_workflow
  from public.hpc_reports as r
  group by r.institution_id, r.cycle_id
), expected as (
  select a.institution_id, a.cycle_id,
         sum(cardinality(a.rater_roles) * case when a.student_id is null then coalesce(ro.students, 0) else 1 end) as expected
  from public.hpc_parameter_assignments as a
  left join (
    select s.institution_id, s.section_id, count(*) as students
    from public.section_students as s group by s.institution_id, s.section_id
  ) as ro on ro.institution_id = a.institution_id and ro.section_id = a.section_id
  where a.active and a.parameter_id is not null and a.peer_reviewer_id is null
  group by a.institution_id, a.cycle_id
)
select c.institution_id, c.id as cycle_id, c.name as cycle_name, c.term_number, c.status as cycle_status,
       coalesce(ro.students, 0)::bigint as students,
       coalesce(ro.sections, 0)::bigint as sections,
       coalesce(ra.students_rated, 0)::bigint as students_rated,
       coalesce(x.expected, 0)::bigint as ratings_expected,
       coalesce(ra.submitted, 0)::bigint as ratings_submitted,
       coalesce(ra.drafts, 0)::bigint as ratings_draft,
       case when coalesce(x.expected, 0) > 0
            then round(100.0 * least(coalesce(ra.submitted, 0), x.expected) / x.expected, 1) end as completion_pct,
       coalesce(ra.teacher_level_1, 0)::bigint as teacher_level_1,
       coalesce(ra.teacher_level_2, 0)::bigint as teacher_level_2,
       coalesce(ra.teacher_level_3, 0)::bigint as teacher_level_3,
       coalesce(ra.teacher_level_4_plus, 0)::bigint as teacher_level_4_plus,
       coalesce(rp.reports, 0)::bigint as reports,
       coalesce(rp.published, 0)::bigint as reports_published,
       coalesce(rp.in_workflow, 0)::bigint as reports_in_workflow
from public.hpc_evaluation_cycles as c
left join ratings as ra on ra.institution_id = c.institution_id and ra.cycle_id = c.id
left join roster as ro on ro.institution_id = c.institution_id
left join reports as rp on rp.institution_id = c.institution_id and rp.cycle_id = c.id
left join expected as x on x.institution_id = c.institution_id and x.cycle_id = c.id;
comment on materialized view analytics.institution_overview is
  'One row per institution and cycle: students, sections, expected/submitted/draft ratings, completion %, teacher level counts, report workflow counts. The principal''s dashboard.';
-- (created just above in this transaction: nothing else can reach the view yet)
-- squawk-ignore require-concurrent-index-creation
create unique index institution_overview_key on analytics.institution_overview (institution_id, cycle_id);

-- No API role reads the views directly (Supabase's default privileges would grant them in
-- public; here they are revoked explicitly wherever they came from).
revoke all on analytics.level_distribution, analytics.student_progress, analytics.completion,
  analytics.institution_overview from public, anon, authenticated;
grant select on analytics.level_distribution, analytics.student_progress, analytics.completion,
  analytics.institution_overview to service_role;
