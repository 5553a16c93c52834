-- The level_distribution snapshots in hpc_analytics are sums.
--
-- analytics.write_snapshots built each section's level_distribution with
-- jsonb_object_agg(level_ordinal, ratings) straight over analytics.level_distribution,
-- which has one row per parameter: 14-18 rows shared each key in the demo data and
-- jsonb_object_agg kept one of them, so a snapshot held one arbitrary parameter's count
-- instead of the section's total, and two refreshes of the same data could differ. The
-- ratings are now summed per level before they are keyed. Same signature, owner and grants.
set local lock_timeout = '50ms';
set local statement_timeout = '60s';

create or replace function analytics.write_snapshots(p_institution_id uuid default null, p_cycle_id uuid default null)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_count bigint;
begin
  with snapshot as (
    select o.institution_id, o.cycle_id, 'institution'::text as scope, ''::text as scope_key, null::uuid as section_id,
           'overview'::text as metric,
           jsonb_build_object(
             'students', o.students, 'sections', o.sections, 'students_rated', o.students_rated,
             'ratings_expected', o.ratings_expected, 'ratings_submitted', o.ratings_submitted,
             'ratings_draft', o.ratings_draft, 'completion_pct', o.completion_pct,
             'teacher_levels', jsonb_build_object('1', o.teacher_level_1, '2', o.teacher_level_2, '3', o.teacher_level_3,
                                                  '4+', o.teacher_level_4_plus),
             'reports', o.reports, 'reports_published', o.reports_published,
             'reports_in_workflow', o.reports_in_workflow) as value,
           o.students as sample_size
    from analytics.institution_overview as o
    where (p_institution_id is null or o.institution_id = p_institution_id)
      and (p_cycle_id is null or o.cycle_id = p_cycle_id)
    union all
    select d.institution_id, d.cycle_id, 'section', d.section_id::text, d.section_id, 'level_distribution',
           jsonb_object_agg(d.rater_role, d.levels), sum(d.total)::bigint
    from (
      select l.institution_id, l.cycle_id, l.section_id, l.rater_role,
             jsonb_object_agg(l.level_ordinal::text, l.ratings order by l.level_ordinal) as levels, sum(l.ratings) as total
      from (
        -- the view has one row per parameter: add them up per level first
        select v.institution_id, v.cycle_id, v.section_id, v.rater_role, v.level_ordinal, sum(v.ratings)::bigint as ratings
        from analytics.level_distribution as v
        where (p_institution_id is null or v.institution_id = p_institution_id)
          and (p_cycle_id is null or v.cycle_id = p_cycle_id)
        group by v.institution_id, v.cycle_id, v.section_id, v.rater_role, v.level_ordinal
      ) as l
      group by l.institution_id, l.cycle_id, l.section_id, l.rater_role
    ) as d
    group by d.institution_id, d.cycle_id, d.section_id
    union all
    select c.institution_id, c.cycle_id, 'section', c.section_id::text, c.section_id, 'rater_completion',
           jsonb_object_agg(c.rater_role, jsonb_build_object('expected', c.expected, 'submitted', c.submitted,
                                                             'drafts', c.drafts, 'missing', c.missing)),
           sum(c.expected)::bigint
    from (
      select m.institution_id, m.cycle_id, m.section_id, m.rater_role, sum(m.expected) as expected,
             sum(m.submitted) as submitted, sum(m.drafts) as drafts, sum(m.missing) as missing
      from analytics.completion as m
      where (p_institution_id is null or m.institution_id = p_institution_id)
        and (p_cycle_id is null or m.cycle_id = p_cycle_id)
      group by m.institution_id, m.cycle_id, m.section_id, m.rater_role
    ) as c
    group by c.institution_id, c.cycle_id, c.section_id
  ), written as (
    insert into public.hpc_analytics as h (institution_id, cycle_id, scope, scope_key, section_id, metric, value, sample_size, computed_at)
    select s.institution_id, s.cycle_id, s.scope, s.scope_key, s.section_id, s.metric, s.value, s.sample_size, now()
    from snapshot as s
    on conflict (institution_id, cycle_id, scope, scope_key, metric) do update
      set value = excluded.value, sample_size = excluded.sample_size, section_id = excluded.section_id,
          computed_at = excluded.computed_at
      where h.value is distinct from excluded.value or h.sample_size is distinct from excluded.sample_size
    returning 1
  )
  select count(*) into v_count from written;
  return v_count;
end
$$;
comment on function analytics.write_snapshots(uuid, uuid) is
  'Writes hpc_analytics rows (institution overview; per section level_distribution and rater_completion) from the analytics views for one institution/cycle or all. Aggregates only, no ranks.';
