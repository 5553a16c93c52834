-- The hpc_analytics snapshots equal the base tables: a section's level_distribution is the
-- number of submitted ratings per rater role and level across all its parameters, and two
-- refreshes of the same data write the same values. The dashboards are filled at start
-- (the seed refreshes the views and writes the snapshots).
begin;
\ir support/tests-schema.sql
select plan(5);

select ok((select count(*) from analytics.level_distribution) > 0,
  'the analytics views are populated after the seed');
select ok((select count(*) from public.hpc_analytics where metric = 'level_distribution') > 0,
  'the seed wrote level_distribution snapshots');

select analytics.refresh(null, 'manual');
select analytics.write_snapshots();

-- Counted from the base tables, as the view defines a rating's section.
create temporary table t_expected on commit drop as
select e.institution_id, e.cycle_id, coalesce(a.section_id, ls.section_id) as section_id, e.rater_role::text,
       e.level_ordinal, count(*)::bigint as ratings
from public.hpc_evaluations as e
left join public.hpc_parameter_assignments as a on a.institution_id = e.institution_id and a.id = e.assignment_id
left join analytics.latest_sections as ls
  on ls.institution_id = e.institution_id and ls.student_id = e.student_id and a.section_id is null
where e.status = 'submitted' and e.level_ordinal is not null and coalesce(a.section_id, ls.section_id) is not null
group by 1, 2, 3, 4, 5;

create temporary table t_stored on commit drop as
select h.institution_id, h.cycle_id, h.section_id, r.key as rater_role, l.key::bigint as level_ordinal, l.value::bigint as ratings
from public.hpc_analytics as h
cross join lateral jsonb_each(h.value) as r
cross join lateral jsonb_each_text(r.value) as l
where h.metric = 'level_distribution' and h.scope = 'section';

select ok((select count(*) from t_expected) > 0, 'there are submitted ratings to count');
select set_eq('select * from t_stored', 'select * from t_expected',
  'every section''s level_distribution snapshot is the sum over its parameters, per rater role and level');
select is(analytics.write_snapshots(), 0::bigint, 'a second write of the same data changes nothing');

select * from finish();
rollback;
