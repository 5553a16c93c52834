-- The analytics views' contents equal the same aggregates computed independently from the
-- base tables, plus a few exact demo-data figures.
begin;
\ir support/tests-schema.sql
select plan(13);
\ir support/analytics-demo-names.sql

-- Contents, against the base tables ----------------------------------------------------------
create temporary table t_ld on commit drop as
select e.institution_id, e.cycle_id, a.section_id, e.parameter_id, e.rater_role, e.level_ordinal, count(*)::bigint as ratings
from public.hpc_evaluations as e
join public.hpc_parameter_assignments as a on a.institution_id = e.institution_id and a.id = e.assignment_id
where e.status = 'submitted'
group by 1, 2, 3, 4, 5, 6;
select ok((select count(*) from t_ld) > 0, 'the demo data has submitted ratings');
select set_eq('select * from analytics.level_distribution', 'select * from t_ld',
  'level_distribution equals the submitted ratings grouped from hpc_evaluations × assignments');
select is(
  (select sum(ratings)::bigint from analytics.level_distribution where institution_id = tests.demo('sunrise') and cycle_id = tests.demo('sunrise_t1')),
  4668::bigint, 'Sunrise Term 1: 4,668 submitted ratings (demo data)');
select is(
  (select array_agg(ratings order by level_ordinal) from (
     select level_ordinal, sum(ratings) as ratings from analytics.level_distribution
     where institution_id = tests.demo('vidya') and cycle_id = tests.demo('vidya_t1') and section_id = tests.demo('vidya_4a')
       and rater_role = 'teacher' group by level_ordinal) as x),
  (select array_agg(n order by level_ordinal) from (
     select e.level_ordinal, count(*)::numeric as n from public.hpc_evaluations as e
     join public.section_students as s on s.institution_id = e.institution_id and s.student_id = e.student_id
     where e.institution_id = tests.demo('vidya') and e.cycle_id = tests.demo('vidya_t1') and s.section_id = tests.demo('vidya_4a')
       and e.rater_role = 'teacher' and e.status = 'submitted' group by e.level_ordinal) as y),
  'Vidya Niketan 4-A, Term 1, teacher ratings per level match the section roster''s ratings');

select set_eq(
  'select institution_id, student_id, cycle_id, stage, area_code, ability, teacher_level, self_level, peer_level, parent_level, ratings from analytics.student_progress',
  $$select e.institution_id, e.student_id, e.cycle_id, p.stage, p.area_code, coalesce(p.ability, ''),
           round(avg(e.level_ordinal) filter (where e.rater_role = 'teacher'), 2) as t,
           round(avg(e.level_ordinal) filter (where e.rater_role = 'self'), 2) as s,
           round(avg(e.level_ordinal) filter (where e.rater_role = 'peer'), 2) as p,
           round(avg(e.level_ordinal) filter (where e.rater_role = 'parent'), 2) as g, count(*) as n
    from public.hpc_evaluations as e join public.hpc_parameters as p on p.institution_id = e.institution_id and p.id = e.parameter_id
    where e.status = 'submitted' group by 1, 2, 3, 4, 5, 6$$,
  'student_progress equals the per-student, area and ability averages from hpc_evaluations');
select is(
  (select count(distinct (area_code, ability))::int from analytics.student_progress
   where student_id = tests.demo('aarav') and cycle_id = tests.demo('vidya_t1')),
  (select count(distinct (p.area_code, p.ability))::int from public.hpc_evaluations as e
   join public.hpc_parameters as p on p.institution_id = e.institution_id and p.id = e.parameter_id
   where e.student_id = tests.demo('aarav') and e.cycle_id = tests.demo('vidya_t1') and e.status = 'submitted'),
  'Aarav has one progress row per area and ability rated in Term 1');

select set_eq(
  $$select section_id, rater_role, sum(expected)::bigint as x, sum(submitted)::bigint as y, sum(drafts)::bigint as z
    from analytics.completion where cycle_id = tests.demo('sunrise_t1') group by 1, 2$$,
  $$select a.section_id, r.role,
           sum((select count(*) from public.section_students as s where s.institution_id = a.institution_id and s.section_id = a.section_id))::bigint as x,
           sum((select count(*) from public.hpc_evaluations as e where e.institution_id = a.institution_id and e.assignment_id = a.id
                  and e.rater_role = r.role and e.status = 'submitted'))::bigint as y,
           sum((select count(*) from public.hpc_evaluations as e where e.institution_id = a.institution_id and e.assignment_id = a.id
                  and e.rater_role = r.role and e.status = 'draft'))::bigint as z
    from public.hpc_parameter_assignments as a cross join unnest(a.rater_roles) as r (role)
    where a.cycle_id = tests.demo('sunrise_t1') and a.parameter_id is not null and a.active
    group by 1, 2$$,
  'completion (Sunrise Term 1) per section and rater role: roster × assignments expected, ratings entered, drafts');
select is(
  (select array[sum(expected), sum(submitted), sum(drafts), sum(missing)]::bigint[] from analytics.completion
   where cycle_id = tests.demo('sunrise_t1') and rater_role = 'parent'
     and section_id = (select s.id from public.sections as s where s.institution_id = tests.demo('sunrise') and s.name = '3-A')),
  (select array[n, 0, n, n]::bigint[] from (
     select count(*) as n from public.hpc_evaluations as e
     join public.section_students as s on s.institution_id = e.institution_id and s.student_id = e.student_id
     join public.sections as x on x.institution_id = s.institution_id and x.id = s.section_id
     where e.cycle_id = tests.demo('sunrise_t1') and e.rater_role = 'parent' and x.name = '3-A') as y),
  'Sunrise 3-A parents have entered nothing: every expected parent rating is a draft, all missing (demo data)');
select ok(
  (select bool_and(c.teacher_id = a.teacher_id) from analytics.completion as c
   join public.hpc_parameter_assignments as a on a.institution_id = c.institution_id and a.cycle_id = c.cycle_id
    and a.section_id = c.section_id and a.parameter_id = c.parameter_id
   where c.rater_role = 'teacher'),
  'completion names the assigned teacher who owes the teacher ratings');

select set_eq(
  $$select institution_id, cycle_id, ratings_submitted, ratings_draft, teacher_level_1, teacher_level_2, teacher_level_3
    from analytics.institution_overview$$,
  $$select c.institution_id, c.id,
           count(e.*) filter (where e.status = 'submitted') as a, count(e.*) filter (where e.status = 'draft') as b,
           count(e.*) filter (where e.status = 'submitted' and e.rater_role = 'teacher' and e.level_ordinal = 1) as c,
           count(e.*) filter (where e.status = 'submitted' and e.rater_role = 'teacher' and e.level_ordinal = 2) as d,
           count(e.*) filter (where e.status = 'submitted' and e.rater_role = 'teacher' and e.level_ordinal = 3) as f
    from public.hpc_evaluation_cycles as c
    left join public.hpc_evaluations as e on e.institution_id = c.institution_id and e.cycle_id = c.id
    group by 1, 2$$,
  'institution_overview ratings and teacher level counts per institution and cycle equal hpc_evaluations');
select is(
  (select array[students, sections, ratings_expected, ratings_submitted, ratings_draft]::bigint[]
   from analytics.institution_overview where cycle_id = tests.demo('sunrise_t1')),
  array[(select count(distinct student_id) from public.section_students where institution_id = tests.demo('sunrise')),
        (select count(distinct section_id) from public.section_students where institution_id = tests.demo('sunrise')),
        4812, 4668, 144]::bigint[],
  'Sunrise Term 1 overview: roster, 4,812 expected, 4,668 submitted, 144 drafts (demo data)');
select is(
  (select completion_pct from analytics.institution_overview where cycle_id = tests.demo('sunrise_t1')), 97.0,
  'Sunrise Term 1 completion is 97.0 %');
select is(
  (select array[reports, reports_published]::bigint[] from analytics.institution_overview where cycle_id = tests.demo('vidya_t1')),
  (select array[count(*) filter (where is_current), count(*) filter (where is_current and status = 'published')]::bigint[]
   from public.hpc_reports where cycle_id = tests.demo('vidya_t1')),
  'Vidya Niketan Term 1 report counts equal hpc_reports');

select * from finish();
rollback;
