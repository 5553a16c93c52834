-- Report generation and approvals, part 2: compiling a card.
--
-- private.hpc_compile_card(institution, cycle, student) builds the card as jsonb from the
-- data alone (no timestamps of its own, every array in a fixed order), so the same data
-- always gives the same jsonb and therefore the same content_hash = sha256 of its text
-- (jsonb's text form is canonical: keys sorted, no duplicates, no insignificant spaces).
--
-- The card holds: student, cycle and the terms of the year (Term 1 / Term 2 columns); per
-- area and parameter the self, peer, teacher and parent levels side by side per term (the
-- latest submitted rating of each rater role; the Middle-stage self grid level is derived
-- from the statements circled by the evaluation trigger and shown with the count); the
-- teacher's narrative; achievements; reflections and the Ambition Card; the parent's
-- Partnership card; completion (which rater roles are still missing); a flag where the
-- teacher's and the student's levels differ by two or more. Never marks, totals, ranks or
-- percentiles.
--
-- It also holds the card's school-written texts in every other language the card prints in
-- (i18n): the cycle, area, parameter and level texts it shows, from the translation tables
-- (20250801000200), or the school's default language where a text has no translation,
-- listed under `fallback`. A card so carries the translations it was compiled with: a
-- published card does not change when a translation is edited later.
--
-- public.hpc_generate_report(cycle, student) stores it as the current draft version:
-- unchanged content changes nothing (no update, so no lock_version bump and no audit row).
-- The compile reads the assignments once and materializes the ratings, the per-term levels
-- and the current term's roles once each, and keeps one generic plan per session: planning
-- the query costs more than running it (benchmarks/reports/FINDINGS.md).
--
-- The public functions are the API: thin security-invoker wrappers (the checks live in the
-- private functions, which SQL callers inside the database use), so supabase-js rpc() and
-- the edge functions take the same path. Each returns a typed result (the generated
-- TypeScript types get named fields and string unions) and re-raises our HPxxx errors as
-- PostgREST's PGRST error with the HTTP status (private.raise_api_error); any other error
-- passes through unchanged.
set local lock_timeout = '50ms';
set local statement_timeout = '60s';

create or replace function private.hpc_compile_card(p_institution_id uuid, p_cycle_id uuid, p_student_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
-- one plan per session for the big query (planning it costs more than running it)
set plan_cache_mode = force_generic_plan
-- the generic plans over the card's own jsonb are estimated far above their cost (tens of
-- thousands of rows for a few dozen), which made PostgreSQL JIT-compile them: 0.2-0.4 s a
-- call for queries that run in milliseconds
set jit = off
as $$
declare
  v_student jsonb;
  v_cycle record;
  v_sections uuid[];
  v_section jsonb;
  v_stage text;
  v_year_cycles jsonb;
  v_cycle_ids uuid[];
  v_areas jsonb;
  v_completion jsonb;
  v_flags jsonb;
  v_narrative jsonb;
  v_achievements jsonb;
  v_reflections jsonb;
  v_institution jsonb;
  v_not_collected jsonb;
  -- text: the enum type is created by a later migration than this function
  v_default_language text;
  v_i18n jsonb;
begin
  select jsonb_build_object(
           'id', p.id, 'full_name', p.full_name, 'admission_number', p.admission_number,
           'date_of_birth', p.date_of_birth, 'gender', p.gender, 'grade', p.current_standard)
    into v_student
  from public.user_profiles as p
  where p.institution_id = p_institution_id and p.id = p_student_id and p.role = 'student';
  if v_student is null then
    raise exception 'student % not found', p_student_id using errcode = 'HP404';
  end if;

  select c.id, c.name, c.term_number, c.status, c.academic_term_id, t.name as term_name,
         t.start_date, t.end_date
    into v_cycle
  from public.hpc_evaluation_cycles as c
  join public.academic_terms as t on t.institution_id = c.institution_id and t.id = c.academic_term_id
  where c.institution_id = p_institution_id and c.id = p_cycle_id;
  if v_cycle.id is null then
    raise exception 'cycle % not found', p_cycle_id using errcode = 'HP404';
  end if;

  select jsonb_build_object('id', i.id, 'name', i.name), i.default_language into v_institution, v_default_language
  from public.institutions as i where i.id = p_institution_id;

  v_sections := private.hpc_student_section_ids(p_institution_id, p_student_id);
  v_stage := private.hpc_student_stage(p_institution_id, p_student_id);

  select jsonb_build_object('id', x.id, 'name', x.name, 'grade', c.grade)
    into v_section
  from public.sections as x
  join public.cohorts as c on c.institution_id = x.institution_id and c.id = x.cohort_id
  where x.institution_id = p_institution_id and x.id = any (v_sections)
  order by (c.academic_term_id = v_cycle.academic_term_id) desc, x.id
  limit 1;

  -- The cycles of the year up to this one (one column per term on the card): earlier terms
  -- whose academic term starts less than a year before this one.
  with year_cycles as (
    select c.id, c.name, c.term_number
    from public.hpc_evaluation_cycles as c
    join public.academic_terms as t on t.institution_id = c.institution_id and t.id = c.academic_term_id
    where c.institution_id = p_institution_id
      and (c.id = p_cycle_id
           or (c.term_number < v_cycle.term_number
               and t.start_date < v_cycle.start_date
               and t.start_date > v_cycle.start_date - interval '1 year'))
  )
  select jsonb_agg(jsonb_build_object('cycle_id', y.id, 'name', y.name, 'term_number', y.term_number)
                   order by y.term_number, y.id),
         array_agg(y.id)
    into v_year_cycles, v_cycle_ids
  from year_cycles as y;

  -- Parameters: those assigned to the student's sections (or to the student) in the year's
  -- cycles, plus any the student was rated on.
  with year_terms as (
    select (x ->> 'cycle_id')::uuid as id, (x ->> 'term_number')::bigint as term_number
    from jsonb_array_elements(v_year_cycles) as x
  ),
  assigned as (
    select a.parameter_id,
           array_agg(distinct r.role::text order by r.role::text) filter (where a.cycle_id = p_cycle_id) as roles
    from public.hpc_parameter_assignments as a
    cross join lateral unnest(a.rater_roles) as r (role)
    where a.institution_id = p_institution_id
      and a.cycle_id = any (v_cycle_ids)
      and a.active
      and a.peer_reviewer_id is null
      and a.section_id = any (v_sections)
      and (a.student_id is null or a.student_id = p_student_id)
    group by a.parameter_id
  ),
  latest as materialized (
    select distinct on (e.cycle_id, e.parameter_id, e.rater_role)
           e.cycle_id, e.parameter_id, e.rater_role, e.level_ordinal, e.statements_circled,
           e.observation, e.rubric_id, r.label, r.icon, r.descriptor
    from public.hpc_evaluations as e
    left join public.hpc_rubrics as r
      on r.institution_id = e.institution_id and r.id = e.rubric_id
    where e.institution_id = p_institution_id
      and e.student_id = p_student_id
      and e.cycle_id = any (v_cycle_ids)
      and e.status = 'submitted'
    order by e.cycle_id, e.parameter_id, e.rater_role, e.submitted_at desc, e.id desc
  ),
  params as materialized (
    select p.id, p.code, p.name, p.area, p.area_code, p.ability, p.activity, p.curricular_goal, p.sort_order,
           coalesce(x.roles, '{}') as expected_roles
    from public.hpc_parameters as p
    left join assigned as x on x.parameter_id = p.id
    where p.institution_id = p_institution_id
      and (x.parameter_id is not null or p.id in (select l.parameter_id from latest as l))
  ),
  term_levels as (
    select l.parameter_id, y.term_number,
           jsonb_object_agg(l.rater_role,
             jsonb_strip_nulls(jsonb_build_object(
               'ordinal', l.level_ordinal, 'rubric_id', l.rubric_id, 'label', l.label, 'icon', l.icon,
               'statements_circled', l.statements_circled,
               'derived', case when l.statements_circled is not null then true end,
               'observation', case when l.rater_role = 'teacher' then l.observation end))) as levels
    from latest as l
    join year_terms as y on y.id = l.cycle_id
    group by l.parameter_id, y.term_number
  ),
  param_terms as materialized (
    select p.id as parameter_id,
           jsonb_object_agg(y.term_number::text, coalesce(t.levels, '{}'::jsonb)) as terms
    from params as p
    cross join year_terms as y
    left join term_levels as t on t.parameter_id = p.id and t.term_number = y.term_number
    group by p.id
  ),
  current_levels as materialized (
    select l.parameter_id,
           array_agg(l.rater_role::text order by l.rater_role::text) as present_roles,
           max(l.level_ordinal) filter (where l.rater_role = 'teacher') as teacher_ordinal,
           max(l.level_ordinal) filter (where l.rater_role = 'self') as self_ordinal
    from latest as l
    where l.cycle_id = p_cycle_id
    group by l.parameter_id
  ),
  per_param as (
    select p.id, p.code, p.name, p.area, p.area_code, p.ability, p.activity, p.curricular_goal, p.sort_order,
           coalesce(t.terms, '{}'::jsonb) as terms,
           p.expected_roles,
           coalesce(c.present_roles, '{}') as present_roles,
           c.teacher_ordinal,
           c.self_ordinal
    from params as p
    left join param_terms as t on t.parameter_id = p.id
    left join current_levels as c on c.parameter_id = p.id
  ),
  with_missing as (
    select q.*,
           coalesce((select array_agg(r order by r) from unnest(q.expected_roles) as r
                     where not (r = any (q.present_roles))), '{}') as missing_roles,
           coalesce(abs(q.teacher_ordinal - q.self_ordinal) >= 2, false) as mismatch
    from per_param as q
  ),
  areas as (
    select w.area_code, min(w.area) as area, min(w.sort_order) as sort_order,
           jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
             'parameter_id', w.id, 'code', w.code, 'name', w.name, 'ability', w.ability,
             'activity', w.activity, 'curricular_goal', w.curricular_goal,
             'terms', w.terms,
             'expected_roles', to_jsonb(w.expected_roles),
             'missing_roles', to_jsonb(w.missing_roles),
             'teacher_self_gap', case when w.mismatch then true end))
             order by w.sort_order, w.code, w.id) as parameters
    from with_missing as w
    group by w.area_code
  )
  select
    coalesce((select jsonb_agg(jsonb_build_object('area_code', a.area_code, 'area', a.area, 'parameters', a.parameters)
                               order by a.sort_order, a.area_code) from areas as a), '[]'::jsonb),
    (select jsonb_build_object(
        'expected_ratings', coalesce(sum(cardinality(w.expected_roles)), 0),
        'submitted_ratings', coalesce(sum((select count(*) from unnest(w.expected_roles) as r where r = any (w.present_roles))), 0),
        'missing_roles', coalesce((select jsonb_agg(distinct r order by r) from with_missing as m, unnest(m.missing_roles) as r), '[]'::jsonb),
        'parameters_incomplete', count(*) filter (where cardinality(w.missing_roles) > 0),
        'complete', coalesce(bool_and(cardinality(w.missing_roles) = 0), true))
     from with_missing as w),
    coalesce((select jsonb_agg(jsonb_build_object(
                'parameter_id', w.id, 'code', w.code, 'name', w.name,
                'teacher', w.teacher_ordinal, 'self', w.self_ordinal)
                order by w.sort_order, w.code, w.id)
              from with_missing as w where w.mismatch), '[]'::jsonb)
    into v_areas, v_completion, v_flags;

  select coalesce(jsonb_object_agg(y.term_number::text, jsonb_strip_nulls(jsonb_build_object(
           'summary', n.summary, 'strengths', n.strengths, 'barriers', n.barriers))), '{}'::jsonb)
    into v_narrative
  from public.report_narratives as n
  join public.hpc_evaluation_cycles as y on y.institution_id = n.institution_id and y.id = n.cycle_id
  where n.institution_id = p_institution_id and n.student_id = p_student_id and n.cycle_id = any (v_cycle_ids);

  select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
           'title', a.title, 'category', a.category, 'level', a.level, 'achieved_on', a.achieved_on,
           'description', a.description, 'verified', a.verified_at is not null))
           order by a.achieved_on nulls last, a.title, a.id), '[]'::jsonb)
    into v_achievements
  from public.hpc_achievements as a
  where a.institution_id = p_institution_id
    and a.student_id = p_student_id
    and (a.cycle_id = any (v_cycle_ids)
         or (a.cycle_id is null and a.achieved_on <= v_cycle.end_date
             and a.achieved_on > v_cycle.end_date - interval '1 year'));

  with r as (
    select x.id, x.kind, x.goal_id, x.content, x.body, y.term_number
    from public.hpc_reflections as x
    join public.hpc_evaluation_cycles as y on y.institution_id = x.institution_id and y.id = x.cycle_id
    where x.institution_id = p_institution_id
      and x.student_id = p_student_id
      and x.cycle_id = any (v_cycle_ids)
      and x.status = 'submitted'
  )
  select jsonb_build_object(
    'all_about_me', coalesce((select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                        'term', r.term_number, 'content', r.content, 'body', r.body)) order by r.term_number, r.id)
                      from r where r.kind = 'all_about_me'), '[]'::jsonb),
    'self_reflections', coalesce((select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                        'term', r.term_number, 'content', r.content, 'body', r.body)) order by r.term_number, r.id)
                      from r where r.kind = 'self_reflection'), '[]'::jsonb),
    'ambition_card', coalesce((select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                        'term', g.term_number, 'goal', g.content, 'body', g.body,
                        'reviews', coalesce((select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                                      'term', v.term_number, 'content', v.content, 'body', v.body))
                                      order by v.term_number, v.id)
                                    from r as v where v.kind = 'ambition_review' and v.goal_id = g.id), '[]'::jsonb)))
                        order by g.term_number, g.id)
                      from r as g where g.kind = 'ambition_goal'), '[]'::jsonb),
    'parent_partnership', coalesce((select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                        'term', r.term_number, 'content', r.content, 'body', r.body)) order by r.term_number, r.id)
                      from r where r.kind = 'parent_partnership'), '[]'::jsonb))
    into v_reflections;

  -- Parts of the card that a school recording consent may not collect for this child: no
  -- guardian has consented, or the consent was withdrawn (private.hpc_consents, created with
  -- the consent rule in a later migration). Null, and so absent, where nothing is missing.
  -- The rule of private.hpc_consent_given, read here in the query rather than called per part:
  -- on Citus a function that reads tables may not run inside a query sent to a shard.
  select jsonb_agg(jsonb_build_object('part', p.part,
                                      'reason', case when w.withdrawn_on is null then 'no_consent' else 'consent_withdrawn' end,
                                      'since', w.withdrawn_on) order by p.part)
    into v_not_collected
  from unnest(enum_range(null::public.hpc_consent_part)) as p (part)
  cross join lateral (
    select max(c.withdrawn_at)::date as withdrawn_on, coalesce(bool_or(c.withdrawn_at is null), false) as standing
    from private.hpc_consents as c
    where c.institution_id = p_institution_id and c.student_id = p_student_id and c.part = p.part) as w
  where not w.standing
    and coalesce((select cp.required from private.hpc_consent_policies as cp where cp.institution_id = p_institution_id), false);

  -- The shown texts in every language but the default one, keyed cycle, area:<code>,
  -- parameter:<id>:name|activity and level:<rubric id>; a key under `fallback` holds the
  -- default language's text for want of a translation.
  with shown_parameters as (
    select (p ->> 'parameter_id')::uuid as id, a ->> 'area_code' as area_code, p ->> 'name' as name, p ->> 'activity' as activity
    from jsonb_array_elements(v_areas) as a
    cross join jsonb_array_elements(a -> 'parameters') as p
  ),
  shown_levels as (
    select distinct (l.value ->> 'rubric_id')::uuid as id, l.value ->> 'label' as label
    from jsonb_array_elements(v_areas) as a
    cross join jsonb_array_elements(a -> 'parameters') as p
    cross join jsonb_each(p -> 'terms') as t
    cross join jsonb_each(t.value) as l
    where l.value ? 'rubric_id' and l.value ? 'label'
  ),
  languages as (
    select g.language from unnest(enum_range(null::public.hpc_language)) as g (language)
    where g.language::text <> v_default_language
  ),
  texts as (
    select g.language, 'cycle' as key, coalesce(x.name, v_cycle.name) as text, x.name is null as fallback
    from languages as g
    left join public.cycle_translations as x
      on x.institution_id = p_institution_id and x.cycle_id = p_cycle_id and x.language = g.language
    union all
    select g.language, 'area:' || (a ->> 'area_code'), coalesce(x.area, a ->> 'area'), x.area is null
    from languages as g
    cross join jsonb_array_elements(v_areas) as a
    cross join lateral (
      select min(t.area) as area
      from shown_parameters as p
      join public.parameter_translations as t
        on t.institution_id = p_institution_id and t.parameter_id = p.id and t.language = g.language
      where p.area_code = a ->> 'area_code') as x
    union all
    select g.language, format('parameter:%s:%s', p.id, f.field), coalesce(f.translated, f.original), f.translated is null
    from languages as g
    cross join shown_parameters as p
    left join public.parameter_translations as x
      on x.institution_id = p_institution_id and x.parameter_id = p.id and x.language = g.language
    cross join lateral (values ('name', p.name, x.name), ('activity', p.activity, x.activity)) as f (field, original, translated)
    where f.original is not null
    union all
    select g.language, 'level:' || l.id, coalesce(x.label, l.label), x.label is null
    from languages as g
    cross join shown_levels as l
    left join public.rubric_translations as x
      on x.institution_id = p_institution_id and x.rubric_id = l.id and x.language = g.language
  )
  select jsonb_object_agg(d.language, d.doc) into v_i18n
  from (
    select t.language, jsonb_build_object(
             'texts', jsonb_object_agg(t.key, t.text),
             'fallback', coalesce(jsonb_agg(t.key order by t.key) filter (where t.fallback), '[]'::jsonb)) as doc
    from texts as t
    group by t.language
  ) as d;

  return jsonb_strip_nulls(jsonb_build_object(
    'schema_version', 1,
    'institution', v_institution,
    'student', v_student,
    'section', v_section,
    'stage', v_stage,
    'cycle', jsonb_build_object('id', v_cycle.id, 'name', v_cycle.name, 'term_number', v_cycle.term_number,
                                'academic_term', v_cycle.term_name),
    'terms', coalesce(v_year_cycles, '[]'::jsonb),
    'areas', v_areas,
    'narrative', v_narrative,
    'achievements', v_achievements,
    'reflections', v_reflections - 'parent_partnership',
    'parent_partnership', v_reflections -> 'parent_partnership',
    'completion', v_completion,
    'not_collected', v_not_collected,
    'flags', jsonb_build_object('teacher_self_gap', v_flags),
    'i18n', jsonb_build_object('default_language', v_default_language, 'languages', coalesce(v_i18n, '{}'::jsonb))));
end
$$;
revoke all on function private.hpc_compile_card(uuid, uuid, uuid) from public;
comment on function private.hpc_compile_card(uuid, uuid, uuid) is
  'The Holistic Progress Card of a student for a cycle as deterministic jsonb (same data, same text, same hash). No access checks: callers check.';

create or replace function private.hpc_content_hash(p_content jsonb)
returns text
language sql
immutable
set search_path = ''
as $$
  select encode(sha256(convert_to(p_content::text, 'UTF8')), 'hex')
$$;
revoke all on function private.hpc_content_hash(jsonb) from public;

-- Who may compile cards of a student: the class teacher of one of their sections, a
-- coordinator of their stage, the principal, an institution admin.
create or replace function private.hpc_generator_duty(p_institution_id uuid, p_user_id uuid, p_student_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select private.hpc_first_duty(p_institution_id, p_user_id,
    array['class_teacher', 'coordinator', 'principal', 'institution_admin'],
    private.hpc_student_section_ids(p_institution_id, p_student_id),
    private.hpc_student_stage(p_institution_id, p_student_id))
$$;
revoke all on function private.hpc_generator_duty(uuid, uuid, uuid) from public;

-- Compile and store the current version's content. Result: {report_id, version, status,
-- lock_version, content_hash, outcome: created | updated | unchanged}.
create or replace function private.hpc_generate_report(p_cycle_id uuid, p_student_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller record;
  v_content jsonb;
  v_hash text;
  v_report public.hpc_reports;
  v_outcome text;
begin
  if p_cycle_id is null or p_student_id is null then
    raise exception 'cycle_id and student_id are required' using errcode = 'HP400';
  end if;
  select * into v_caller from private.hpc_caller();
  if not exists (select 1 from public.user_profiles as p
                 where p.institution_id = v_caller.institution_id and p.id = p_student_id and p.role = 'student')
     or not exists (select 1 from public.hpc_evaluation_cycles as c
                    where c.institution_id = v_caller.institution_id and c.id = p_cycle_id) then
    raise exception 'no such student or cycle' using errcode = 'HP404';
  end if;
  if private.hpc_generator_duty(v_caller.institution_id, v_caller.user_id, p_student_id) is null then
    raise exception 'only the class teacher, a coordinator, the principal or an institution admin may generate this card'
      using errcode = 'HP403';
  end if;

  v_content := private.hpc_compile_card(v_caller.institution_id, p_cycle_id, p_student_id);
  v_hash := private.hpc_content_hash(v_content);

  select * into v_report
  from public.hpc_reports as r
  where r.institution_id = v_caller.institution_id and r.cycle_id = p_cycle_id
    and r.student_id = p_student_id and r.is_current
  for update;

  if v_report.id is null then
    begin
      insert into public.hpc_reports (institution_id, cycle_id, student_id, version, status, content, content_hash)
      values (v_caller.institution_id, p_cycle_id, p_student_id, 1, 'draft', v_content, v_hash)
      returning * into v_report;
    exception when unique_violation then
      raise exception 'the card is being generated by another request' using errcode = 'HP409';
    end;
    v_outcome := 'created';
  elsif v_report.content_hash is not distinct from v_hash then
    v_outcome := 'unchanged';
  elsif v_report.status in ('draft', 'changes_requested') then
    update public.hpc_reports as r
       set content = v_content, content_hash = v_hash
     where r.institution_id = v_report.institution_id and r.id = v_report.id
    returning * into v_report;
    v_outcome := 'updated';
  elsif v_report.status = 'published' then
    raise exception 'the card is published; the principal reopens it to make a new version'
      using errcode = 'HP422';
  else
    raise exception 'the card is % and cannot be regenerated; request changes first', v_report.status
      using errcode = 'HP422';
  end if;

  return jsonb_build_object(
    'report_id', v_report.id, 'cycle_id', v_report.cycle_id, 'student_id', v_report.student_id,
    'version', v_report.version, 'status', v_report.status, 'lock_version', v_report.lock_version,
    'content_hash', v_report.content_hash, 'outcome', v_outcome);
end
$$;
revoke all on function private.hpc_generate_report(uuid, uuid) from public;
grant execute on function private.hpc_generate_report(uuid, uuid) to authenticated, service_role;

-- The teacher's narrative (Part C) for a student and cycle: the class teacher or a subject
-- teacher of the student's section. Returns the narrative row's id. It may start from a
-- comment bank phrase (p_source_phrase_id; the bank and the narrative's source columns are
-- 20250801000300's): a phrase of the caller's school (HP404), not retired (HP422), of the
-- child's stage (HP422), whose text is kept with the narrative. Saving again without a
-- phrase keeps the source already recorded: the narrative still came from it.
create or replace function private.hpc_save_narrative(
  p_cycle_id uuid, p_student_id uuid, p_summary text, p_strengths text, p_barriers text, p_source_phrase_id uuid)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller record;
  v_id uuid;
  v_sections uuid[];
  v_phrase record;
  v_phrase_text text;
  v_stage text;
begin
  select * into v_caller from private.hpc_caller();
  if not exists (select 1 from public.user_profiles as p
                 where p.institution_id = v_caller.institution_id and p.id = p_student_id and p.role = 'student')
     or not exists (select 1 from public.hpc_evaluation_cycles as c
                    where c.institution_id = v_caller.institution_id and c.id = p_cycle_id) then
    raise exception 'no such student or cycle' using errcode = 'HP404';
  end if;
  v_sections := private.hpc_student_section_ids(v_caller.institution_id, p_student_id);
  if private.hpc_first_duty(v_caller.institution_id, v_caller.user_id,
       array['class_teacher', 'subject_teacher'], v_sections, null) is null then
    raise exception 'only a teacher of the student''s section writes the narrative' using errcode = 'HP403';
  end if;
  if nullif(btrim(p_summary), '') is null then
    raise exception 'summary is required' using errcode = 'HP400';
  end if;
  if p_source_phrase_id is not null then
    select f.phrase, f.retired_at, p.stage::text as stage into v_phrase
    from public.comment_bank_phrases as f
    join public.hpc_parameters as p on p.institution_id = f.institution_id and p.id = f.parameter_id
    where f.institution_id = v_caller.institution_id and f.id = p_source_phrase_id;
    if not found then
      raise exception 'no such phrase in your school''s comment bank' using errcode = 'HP404';
    end if;
    if v_phrase.retired_at is not null then
      raise exception 'the phrase was retired from the comment bank; pick another' using errcode = 'HP422';
    end if;
    v_stage := private.hpc_student_stage(v_caller.institution_id, p_student_id);
    if v_stage is not null and v_stage <> v_phrase.stage then
      raise exception 'the phrase is of the % stage bank and the student is in the % stage', v_phrase.stage, v_stage
        using errcode = 'HP422';
    end if;
    v_phrase_text := v_phrase.phrase;
  end if;
  insert into public.report_narratives as n
    (institution_id, cycle_id, student_id, author_id, summary, strengths, barriers, source_phrase_id, source_phrase_text)
  values (v_caller.institution_id, p_cycle_id, p_student_id, v_caller.user_id, p_summary, p_strengths, p_barriers,
          p_source_phrase_id, v_phrase_text)
  on conflict (institution_id, cycle_id, student_id) do update
    set author_id = excluded.author_id, summary = excluded.summary,
        strengths = excluded.strengths, barriers = excluded.barriers,
        source_phrase_id = coalesce(excluded.source_phrase_id, n.source_phrase_id),
        source_phrase_text = case when excluded.source_phrase_id is null then n.source_phrase_text
                                  else excluded.source_phrase_text end
  returning n.id into v_id;
  return v_id;
end
$$;
revoke all on function private.hpc_save_narrative(uuid, uuid, text, text, text, uuid) from public;
grant execute on function private.hpc_save_narrative(uuid, uuid, text, text, text, uuid) to authenticated, service_role;

-- The API (see the header). What public.hpc_generate_report returns.
create type public.hpc_generate_outcome as enum ('created', 'updated', 'unchanged');
comment on type public.hpc_generate_outcome is 'What hpc_generate_report did to the current version.';
create type public.hpc_generated_report as (
  report_id uuid, cycle_id uuid, student_id uuid, version bigint, status public.hpc_report_status,
  lock_version bigint, content_hash text, outcome public.hpc_generate_outcome);
comment on type public.hpc_generated_report is 'Result of hpc_generate_report.';

create or replace function public.hpc_generate_report(p_cycle_id uuid, p_student_id uuid)
returns public.hpc_generated_report
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return jsonb_populate_record(null::public.hpc_generated_report, private.hpc_generate_report(p_cycle_id, p_student_id));
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;
comment on function public.hpc_generate_report(uuid, uuid) is
  'Compile the card of a student for a cycle into the current draft version (unchanged content: no change). Class teacher, coordinator, principal, institution admin.';
revoke all on function public.hpc_generate_report(uuid, uuid) from public, anon;
grant execute on function public.hpc_generate_report(uuid, uuid) to authenticated, service_role;

create or replace function public.hpc_save_narrative(
  p_cycle_id uuid, p_student_id uuid, p_summary text, p_strengths text default null, p_barriers text default null,
  p_source_phrase_id uuid default null)
returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_message text; v_detail text; v_hint text;
begin
  return private.hpc_save_narrative(p_cycle_id, p_student_id, p_summary, p_strengths, p_barriers, p_source_phrase_id);
exception when others then
  if private.api_error_status(sqlstate) is not null then
    get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail, v_hint = pg_exception_hint;
    perform private.raise_api_error(sqlstate, v_message, nullif(v_detail, ''), nullif(v_hint, ''));
  end if;
  raise;
end
$$;
comment on function public.hpc_save_narrative(uuid, uuid, text, text, text, uuid) is
  'Write the teacher''s narrative (Part C) of a student for a cycle, optionally from a comment bank phrase (p_source_phrase_id, kept with the narrative). Teachers of the student''s section.';
revoke all on function public.hpc_save_narrative(uuid, uuid, text, text, text, uuid) from public, anon;
grant execute on function public.hpc_save_narrative(uuid, uuid, text, text, text, uuid) to authenticated, service_role;
