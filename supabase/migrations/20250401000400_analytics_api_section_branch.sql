-- Analytics, part 4: the section-level reads use the views' unique index to the section.
--
-- Measured on the large preset (benchmarks/scale): hpc_analytics_level_distribution(cycle,
-- section) for one section of the largest school took 48 ms p50 / 121 ms p95, because a
-- non-inlined SQL function is planned generically and `(p_section_id is null or
-- section_id = p_section_id)` cannot become an index condition — every row of the school's
-- cycle was read and filtered. Each function now has one branch per shape, gated by a
-- one-time filter on the parameter, and the section branch matches the index prefix
-- (institution_id, cycle_id, section_id). Same results, same access rules.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function public.hpc_analytics_level_distribution(p_cycle_id uuid, p_section_id uuid default null)
returns table (
  section_id uuid, parameter_id uuid, parameter_code text, stage public.hpc_stage, area_code text, ability text,
  rater_role public.hpc_rater_role, level_ordinal bigint, ratings bigint
)
language sql
stable
security definer
set search_path = ''
as $$
  select x.section_id, x.parameter_id, p.code, p.stage, p.area_code, p.ability, x.rater_role, x.level_ordinal, x.ratings
  from (
    select l.institution_id, l.section_id, l.parameter_id, l.rater_role, l.level_ordinal, l.ratings
    from analytics.level_distribution as l
    where p_section_id is not null
      and l.institution_id = (select private.current_institution_id())
      and l.cycle_id = p_cycle_id
      and l.section_id = p_section_id
    union all
    select l.institution_id, l.section_id, l.parameter_id, l.rater_role, l.level_ordinal, l.ratings
    from analytics.level_distribution as l
    where p_section_id is null
      and l.institution_id = (select private.current_institution_id())
      and l.cycle_id = p_cycle_id
  ) as x
  join public.hpc_parameters as p on p.institution_id = x.institution_id and p.id = x.parameter_id
  where (select private.hpc_active())
    and ((select private.reads_whole_institution()) or x.section_id = any ((select private.taught_section_ids())::uuid[]))
  order by x.section_id, p.sort_order, p.code, x.rater_role, x.level_ordinal
$$;

create or replace function public.hpc_analytics_completion(p_cycle_id uuid, p_section_id uuid default null)
returns table (
  section_id uuid, parameter_id uuid, parameter_code text, rater_role public.hpc_rater_role, teacher_id uuid,
  expected bigint, submitted bigint, drafts bigint, missing bigint
)
language sql
stable
security definer
set search_path = ''
as $$
  select x.section_id, x.parameter_id, p.code, x.rater_role, x.teacher_id, x.expected, x.submitted, x.drafts, x.missing
  from (
    select c.institution_id, c.section_id, c.parameter_id, c.rater_role, c.teacher_id, c.expected, c.submitted, c.drafts, c.missing
    from analytics.completion as c
    where p_section_id is not null
      and c.institution_id = (select private.current_institution_id())
      and c.cycle_id = p_cycle_id
      and c.section_id = p_section_id
    union all
    select c.institution_id, c.section_id, c.parameter_id, c.rater_role, c.teacher_id, c.expected, c.submitted, c.drafts, c.missing
    from analytics.completion as c
    where p_section_id is null
      and c.institution_id = (select private.current_institution_id())
      and c.cycle_id = p_cycle_id
  ) as x
  join public.hpc_parameters as p on p.institution_id = x.institution_id and p.id = x.parameter_id
  where (select private.hpc_active())
    and ((select private.reads_whole_institution()) or x.section_id = any ((select private.taught_section_ids())::uuid[]))
  order by x.section_id, p.sort_order, p.code, x.rater_role
$$;

-- The refresh itself: on the large preset the views' aggregations hash ~10 M rows into up
-- to 4.7 M groups; with the server's work_mem (16 MB) they spill to disk and the
-- level_distribution refresh took 53 s, with 512 MB 23 s. One refresh runs at a time (advisory
-- lock per view, jobs run one view each), so the memory is bounded. JIT compilation of
-- the diff queries costs more than it saves here.
alter function analytics.refresh(text, text) set work_mem = '512MB';
alter function analytics.refresh(text, text) set jit = off;
