-- A teacher's class sheet read and saved in one call: public.hpc_class_sheet and
-- public.hpc_save_class_sheet.
--
-- hpc_class_sheet(cycle, section) answers everything a sheet shows, as the caller may read
-- it under RLS: the cycle and section, the parameters assigned to the caller as teacher rater
-- there (with their scale's levels), the section's students, and the caller's stored ratings.
--
-- A class sheet is one teacher's ratings of one section in one cycle: a cell per student and
-- parameter assigned to the teacher there. The frontend sends the cells it changed (hundreds
-- of them) in one rpc; every cell is checked and either all are written or none:
--   * the call: a signed-in teacher of a school with HPC on (HP403 / HPOFF), a cycle and a
--     section of that school (HP404), the cycle open (HP422 naming it), at least one
--     parameter assigned to the caller as teacher rater in that section and cycle (HP403),
--     an array of at most 5,000 cells (HP400);
--   * each cell: a JSON object of known fields; a student of the section; a parameter
--     assigned to the caller in that section and cycle; rater_role, when sent, 'teacher'
--     (the sheet holds the caller's own ratings); ability, when sent, the parameter's; a
--     level on the parameter's scale or null; observation text or null; status 'draft' or
--     'submitted' (a submitted rating needs a level); each student and parameter once.
--     Problems are answered all at once with the cell's position in the array (0-based) and
--     the field: HP422, details = a JSON array of {cell, field, message}; nothing is written.
--   Errors are raised as API errors (private.raise_api_error): HTTP statuses through PostgREST.
--   * a field left out of a cell keeps its stored value; null clears it. Sending the same
--     cells again changes nothing (idempotent retry): rows whose values are already stored
--     are counted as unchanged and not touched (no audit entry, no updated_at).
--   * p_dry_run checks everything and answers the counts it would write and the problems,
--     without writing and without raising for cell problems (the spreadsheet import's dry run).
--
-- Security definer, because the per-row assignment check of an API write (the trigger
-- rater_is_assigned) costs a lookup a row; the function checks the same rule for the teacher rater
-- role set-based (assignment to the caller with 'teacher' among its rater roles, the student
-- in the assignment's section, the cycle open, the caller's own school with HPC on) and writes
-- only rows with rater_id = the caller. The row triggers (level lookup, authorship stamps,
-- audit) run as on any write.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- The signed-in caller and their school (private.hpc_caller), its refusals (HP403, HPOFF)
-- raised as API errors. The functions of the class sheet, of a child's record, retention,
-- erasure and consent answer only the API: they raise our codes in the form PostgREST turns
-- into HTTP statuses (private.raise_api_error), so their public functions are plain calls
-- with no translating wrapper.
create or replace function private.hpc_api_caller(out user_id uuid, out institution_id uuid)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_message text;
begin
  select c.user_id, c.institution_id into user_id, institution_id from private.hpc_caller() as c;
exception when others then
  if private.api_error_status(sqlstate) is null then
    raise;
  end if;
  get stacked diagnostics v_message = message_text;
  perform private.raise_api_error(sqlstate, v_message);
end
$$;
revoke all on function private.hpc_api_caller() from public;
grant execute on function private.hpc_api_caller() to authenticated;

create type public.hpc_class_sheet_result as (
  cells bigint, inserted bigint, updated bigint, unchanged bigint, dry_run boolean, problems jsonb);
comment on type public.hpc_class_sheet_result is
  'Result of hpc_save_class_sheet: cells sent, rows inserted, updated and unchanged (or that would be, in a dry run), and the problems found (a dry run only; a real run with problems raises HP422).';

-- One cell of a class sheet, parsed and checked. A cell that does not parse has nulls where
-- its values would be and its problems listed.
create type private.hpc_class_sheet_cell as (
  position bigint, student_id uuid, parameter_id uuid, assignment_id uuid,
  has_level boolean, level_ordinal bigint, has_observation boolean, observation text,
  has_status boolean, status public.hpc_entry_status, problems jsonb,
  -- the caller's stored rating of this cell, if any, and whether the cell changes it
  stored_id uuid, changes boolean);

create or replace function private.hpc_class_sheet_cells(
  p_institution_id uuid, p_cycle_id uuid, p_section_id uuid, p_teacher_id uuid, p_cells jsonb)
returns setof private.hpc_class_sheet_cell
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- plpgsql rather than sql: its plan is kept for the session (planning this query takes
  -- longer than running it on a class of 40).
  return query
  with raw as (
    select c.ordinality - 1 as position, c.value as cell, jsonb_typeof(c.value) = 'object' as is_object
    from jsonb_array_elements(p_cells) with ordinality as c
  ),
  fields as materialized (
    select r.position, r.cell, r.is_object,
           case when r.is_object and jsonb_typeof(r.cell -> 'student_id') = 'string'
                 and r.cell ->> 'student_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                then (r.cell ->> 'student_id')::uuid end as student_id,
           case when r.is_object and jsonb_typeof(r.cell -> 'parameter_id') = 'string'
                 and r.cell ->> 'parameter_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                then (r.cell ->> 'parameter_id')::uuid end as parameter_id,
           r.is_object and r.cell ? 'level_ordinal' as has_level,
           case when r.is_object and jsonb_typeof(r.cell -> 'level_ordinal') = 'number'
                 and (r.cell ->> 'level_ordinal') ~ '^[0-9]{1,9}$'
                then (r.cell ->> 'level_ordinal')::bigint end as level_ordinal,
           r.is_object and r.cell ? 'observation' as has_observation,
           case when r.is_object and jsonb_typeof(r.cell -> 'observation') = 'string'
                then r.cell ->> 'observation' end as observation,
           r.is_object and r.cell ? 'status' as has_status,
           case when r.is_object and r.cell ->> 'status' in ('draft', 'submitted')
                then (r.cell ->> 'status')::public.hpc_entry_status end as status
    from raw as r
  ),
  -- The parameters assigned to the caller as teacher rater in this section and cycle, with
  -- their scale's levels.
  mine as (
    select distinct on (a.parameter_id)
           a.parameter_id, a.id as assignment_id, p.ability, p.code, p.scale_code,
           (select coalesce(array_agg(distinct l.ordinal order by l.ordinal), '{}')
            from public.hpc_rubrics as l
            where l.institution_id = p.institution_id and l.scale_code = p.scale_code and l.active
              and (l.parameter_id is null or l.parameter_id = p.id)) as levels
    from public.hpc_parameter_assignments as a
    join public.hpc_parameters as p on p.institution_id = a.institution_id and p.id = a.parameter_id
    where a.institution_id = p_institution_id and a.cycle_id = p_cycle_id and a.section_id = p_section_id
      and a.teacher_id = p_teacher_id and a.active and 'teacher' = any (a.rater_roles)
    order by a.parameter_id, a.course_id nulls first, a.id
  ),
  known as (
    select array['student_id', 'parameter_id', 'level_ordinal', 'observation', 'status', 'rater_role', 'ability'] as known_fields
  ),
  checked as (
    select f.*, k.known_fields, f.is_object and f.cell - k.known_fields <> '{}'::jsonb as unknown_fields,
           m.assignment_id, m.ability, m.code, m.scale_code, m.levels,
           s.student_id is not null as in_section,
           e.level_ordinal as stored_level,
           e.id as stored_id,
           (case when f.has_level then f.level_ordinal else e.level_ordinal end,
            case when f.has_observation then f.observation else e.observation end,
            case when f.has_status then f.status else e.status end)
             is distinct from (e.level_ordinal, e.observation, e.status) as changes,
           count(*) over (partition by f.student_id, f.parameter_id) > 1
             and f.student_id is not null and f.parameter_id is not null as repeated,
           min(f.position) over (partition by f.student_id, f.parameter_id) as first_position
    from fields as f
    cross join known as k
    left join mine as m on m.parameter_id = f.parameter_id
    left join public.section_students as s
      on s.institution_id = p_institution_id and s.section_id = p_section_id and s.student_id = f.student_id
    left join public.hpc_evaluations as e
      on e.institution_id = p_institution_id and e.cycle_id = p_cycle_id and e.student_id = f.student_id
     and e.parameter_id = f.parameter_id and e.rater_role = 'teacher' and e.rater_id = p_teacher_id
  )
  select c.position, c.student_id, c.parameter_id, c.assignment_id,
         c.has_level, c.level_ordinal, c.has_observation, c.observation, c.has_status, c.status,
         -- one expression rather than a subquery per cell (a sheet has thousands of cells):
         -- every check gives {cell, field, message}, and those without a message are dropped
         jsonb_path_query_array(jsonb_build_array(
           jsonb_build_object('cell', c.position, 'field', null, 'message',
             case when not c.is_object then 'A cell must be a JSON object.' end),
           jsonb_build_object('cell', c.position,
             'field', case when c.unknown_fields then (select min(k) from jsonb_object_keys(c.cell - c.known_fields) as k) end,
             'message', case when c.unknown_fields
               then 'Unknown field: a cell has student_id, parameter_id, level_ordinal, observation, status, rater_role and ability.' end),
           jsonb_build_object('cell', c.position, 'field', 'student_id', 'message', case
             when not c.is_object then null
             when c.student_id is null then 'student_id must be a student''s id (a UUID).'
             when not c.in_section then 'This student is not in the section.' end),
           jsonb_build_object('cell', c.position, 'field', 'parameter_id', 'message', case
             when not c.is_object then null
             when c.parameter_id is null then 'parameter_id must be a parameter''s id (a UUID).'
             when c.assignment_id is null then 'This parameter is not assigned to you for this section in this cycle.' end),
           jsonb_build_object('cell', c.position, 'field', 'rater_role', 'message', case
             when c.is_object and c.cell ? 'rater_role' and c.cell ->> 'rater_role' is distinct from 'teacher'
             then 'A class sheet holds your own ratings as teacher: rater_role is "teacher" or left out.' end),
           jsonb_build_object('cell', c.position, 'field', 'ability', 'message', case
             when c.is_object and c.cell ? 'ability' and c.assignment_id is not null
              and c.cell ->> 'ability' is distinct from c.ability
             then format('Parameter %s assesses the ability "%s", not "%s".', c.code, coalesce(c.ability, 'none'), c.cell ->> 'ability') end),
           jsonb_build_object('cell', c.position, 'field', 'level_ordinal', 'message', case
             when not c.has_level or jsonb_typeof(c.cell -> 'level_ordinal') = 'null' then null
             when c.level_ordinal is null then 'level_ordinal must be a whole number (a level of the scale) or null.'
             when c.assignment_id is not null and not c.level_ordinal = any (c.levels)
             then format('Level %s is not on the scale "%s" of parameter %s (levels %s).',
                         c.level_ordinal, c.scale_code, c.code, array_to_string(c.levels, ', ')) end),
           jsonb_build_object('cell', c.position, 'field', 'observation', 'message', case
             when c.has_observation and jsonb_typeof(c.cell -> 'observation') not in ('string', 'null')
             then 'observation must be text or null.' end),
           jsonb_build_object('cell', c.position, 'field', 'status', 'message', case
             when c.has_status and c.status is null then 'status must be "draft" or "submitted".'
             when coalesce(c.status, 'draft') = 'submitted'
              and (case when c.has_level then c.level_ordinal else c.stored_level end) is null
             then 'A submitted rating needs a level.' end),
           jsonb_build_object('cell', c.position, 'field', null, 'message',
             case when c.repeated and c.position > c.first_position
             then format('The same student and parameter as cell %s.', c.first_position) end)
         ), '$[*] ? (@.message != null)') as problems,
         c.stored_id, c.changes
  from checked as c
  order by c.position;
end
$$;
comment on function private.hpc_class_sheet_cells(uuid, uuid, uuid, uuid, jsonb) is
  'The cells of a class sheet parsed and checked against the caller''s assignments, the section, the scales and the stored ratings; problems per cell as {cell, field, message}.';
revoke all on function private.hpc_class_sheet_cells(uuid, uuid, uuid, uuid, jsonb) from public;

create or replace function private.hpc_save_class_sheet(
  p_cycle_id uuid, p_section_id uuid, p_cells jsonb, p_dry_run boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller record;
  v_cycle record;
  v_cells private.hpc_class_sheet_cell[];
  v_problems jsonb;
  v_new bigint;
  v_changed bigint;
  v_unchanged bigint;
  v_inserted bigint;
begin
  select * into v_caller from private.hpc_api_caller();
  if p_cycle_id is null or p_section_id is null then
    perform private.raise_api_error('HP400', 'p_cycle_id and p_section_id are required.', null);
  end if;
  if p_cells is null or jsonb_typeof(p_cells) <> 'array' then
    perform private.raise_api_error('HP400', 'p_cells must be a JSON array of cells.', null);
  end if;
  if jsonb_array_length(p_cells) > 5000 then
    perform private.raise_api_error('HP400', format('A class sheet call takes at most 5000 cells; this one has %s.', jsonb_array_length(p_cells)), null, 'Send a large sheet in several calls.');
  end if;

  select c.name, c.status into v_cycle
  from public.hpc_evaluation_cycles as c
  where c.institution_id = v_caller.institution_id and c.id = p_cycle_id;
  if not found then
    perform private.raise_api_error('HP404', format('No evaluation cycle %s in your school.', p_cycle_id), null);
  end if;
  if not exists (select 1 from public.sections as s where s.institution_id = v_caller.institution_id and s.id = p_section_id) then
    perform private.raise_api_error('HP404', format('No section %s in your school.', p_section_id), null);
  end if;
  if v_cycle.status <> 'open' then
    perform private.raise_api_error('HP422', format('The evaluation cycle "%s" is %s: its ratings can no longer be changed.', v_cycle.name, v_cycle.status), null, 'Ratings are entered and changed only while their cycle is open.');
  end if;
  if not exists (
    select 1 from public.hpc_parameter_assignments as a
    where a.institution_id = v_caller.institution_id and a.cycle_id = p_cycle_id and a.section_id = p_section_id
      and a.teacher_id = v_caller.user_id and a.active and 'teacher' = any (a.rater_roles)) then
    perform private.raise_api_error('HP403', 'You rate no parameter of this section in this cycle.', null);
  end if;

  -- Other saves of the same sheet by the same teacher (a retry racing the first attempt) wait
  -- here, so the insert of new cells below meets no concurrent insert of its own.
  perform pg_advisory_xact_lock(hashtextextended(format('hpc_class_sheet:%s:%s:%s', p_cycle_id, p_section_id, v_caller.user_id), 0));

  select array_agg(c order by c.position) into v_cells
  from private.hpc_class_sheet_cells(v_caller.institution_id, p_cycle_id, p_section_id, v_caller.user_id, p_cells) as c;

  select coalesce(jsonb_agg(p order by (p ->> 'cell')::bigint), '[]') into v_problems
  from unnest(v_cells) as c, jsonb_array_elements(c.problems) as p;

  -- What would change: rows to insert, rows whose values differ, rows already as sent.
  select count(*) filter (where c.stored_id is null),
         count(*) filter (where c.stored_id is not null and c.changes),
         count(*) filter (where c.stored_id is not null and not c.changes)
    into v_new, v_changed, v_unchanged
  from unnest(v_cells) as c
  where jsonb_array_length(c.problems) = 0;

  if p_dry_run then
    return jsonb_build_object('cells', coalesce(cardinality(v_cells), 0), 'inserted', v_new, 'updated', v_changed,
                              'unchanged', v_unchanged, 'dry_run', true, 'problems', v_problems);
  end if;
  if jsonb_array_length(v_problems) > 0 then
    perform private.raise_api_error('HP422',
      format('%s of %s cells cannot be saved; nothing was saved.',
             (select count(*) from unnest(v_cells) as c where jsonb_array_length(c.problems) > 0), cardinality(v_cells)),
      v_problems::text,
      'details lists each problem as {cell, field, message}; cell is the position in p_cells, from 0.');
  end if;

  update public.hpc_evaluations as e
  set level_ordinal = case when c.has_level then c.level_ordinal else e.level_ordinal end,
      observation = case when c.has_observation then c.observation else e.observation end,
      status = case when c.has_status then c.status else e.status end
  from unnest(v_cells) as c
  where e.institution_id = v_caller.institution_id and e.id = c.stored_id and c.changes;

  insert into public.hpc_evaluations (
    institution_id, cycle_id, student_id, parameter_id, assignment_id, rater_role, rater_id,
    level_ordinal, observation, status)
  select v_caller.institution_id, p_cycle_id, c.student_id, c.parameter_id, c.assignment_id, 'teacher', v_caller.user_id,
         c.level_ordinal, c.observation, coalesce(c.status, 'draft')
  from unnest(v_cells) as c
  where c.stored_id is null
  on conflict on constraint hpc_evaluations_rating_key do nothing;
  get diagnostics v_inserted = row_count;
  if v_inserted <> v_new then
    -- a single-cell write through the table API inserted one of these cells meanwhile
    perform private.raise_api_error('HP409', 'Some of these cells were saved by another request meanwhile; nothing was saved.', null, 'Send the sheet again: cells already stored as sent are left unchanged.');
  end if;

  return jsonb_build_object('cells', coalesce(cardinality(v_cells), 0), 'inserted', v_new, 'updated', v_changed,
                            'unchanged', v_unchanged, 'dry_run', false, 'problems', '[]'::jsonb);
end
$$;
comment on function private.hpc_save_class_sheet(uuid, uuid, jsonb, boolean) is
  'Checks and writes (all or none) the caller''s teacher ratings for a section and cycle; raises HP400/HP403/HP404/HP409/HP422/HPOFF.';
revoke all on function private.hpc_save_class_sheet(uuid, uuid, jsonb, boolean) from public;
grant execute on function private.hpc_save_class_sheet(uuid, uuid, jsonb, boolean) to authenticated;

create function public.hpc_save_class_sheet(
  p_cycle_id uuid, p_section_id uuid, p_cells jsonb, p_dry_run boolean default false)
returns public.hpc_class_sheet_result
language sql
volatile
security invoker
set search_path = ''
as $$
  select jsonb_populate_record(null::public.hpc_class_sheet_result,
    private.hpc_save_class_sheet(p_cycle_id, p_section_id, p_cells, coalesce(p_dry_run, false)))
$$;
comment on function public.hpc_save_class_sheet(uuid, uuid, jsonb, boolean) is
  'A teacher''s class sheet in one call: cells [{student_id, parameter_id, level_ordinal?, observation?, status?, rater_role?, ability?}] for a section and cycle, all written or none; p_dry_run only checks.';
-- Not service_role: a sheet is always a signed-in teacher's own ratings.
revoke all on function public.hpc_save_class_sheet(uuid, uuid, jsonb, boolean) from public, anon, service_role;
grant execute on function public.hpc_save_class_sheet(uuid, uuid, jsonb, boolean) to authenticated;

create function public.hpc_class_sheet(p_cycle_id uuid, p_section_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
  v_sheet jsonb;
begin
  -- Read as the caller: the policies decide what each part shows.
  select jsonb_build_object(
    'cycle', jsonb_build_object('id', c.id, 'name', c.name, 'status', c.status),
    'section', jsonb_build_object('id', s.id, 'name', s.name),
    'parameters', coalesce((
      select jsonb_agg(jsonb_build_object('id', p.id, 'code', p.code, 'name', p.name, 'ability', p.ability,
                                          'scale_code', p.scale_code, 'levels', coalesce((
        select jsonb_agg(jsonb_build_object('ordinal', l.ordinal, 'label', l.label) order by l.ordinal)
        from public.hpc_rubrics as l
        where l.institution_id = p.institution_id and l.scale_code = p.scale_code and l.active
          and (l.parameter_id is null or l.parameter_id = p.id)), '[]'::jsonb)) order by p.sort_order, p.code)
      from public.hpc_parameters as p
      where p.institution_id = c.institution_id and p.id in (
        select a.parameter_id from public.hpc_parameter_assignments as a
        where a.institution_id = c.institution_id and a.cycle_id = c.id and a.section_id = s.id
          and a.teacher_id = v_me and a.active and 'teacher' = any (a.rater_roles))), '[]'::jsonb),
    'students', coalesce((
      select jsonb_agg(jsonb_build_object('id', u.id, 'name', u.full_name, 'admission_number', u.admission_number)
                       order by u.full_name, u.id)
      from public.section_students as x
      join public.user_profiles as u on u.institution_id = x.institution_id and u.id = x.student_id
      where x.institution_id = c.institution_id and x.section_id = s.id), '[]'::jsonb),
    'cells', coalesce((
      select jsonb_agg(jsonb_build_object('student_id', e.student_id, 'parameter_id', e.parameter_id,
                                          'level_ordinal', e.level_ordinal, 'observation', e.observation, 'status', e.status)
                       order by e.student_id, e.parameter_id)
      from public.hpc_evaluations as e
      where e.institution_id = c.institution_id and e.cycle_id = c.id and e.rater_role = 'teacher' and e.rater_id = v_me
        and e.student_id in (select x.student_id from public.section_students as x
                             where x.institution_id = c.institution_id and x.section_id = s.id)), '[]'::jsonb))
  into v_sheet
  from public.hpc_evaluation_cycles as c
  join public.sections as s on s.institution_id = c.institution_id and s.id = p_section_id
  where c.id = p_cycle_id;
  if v_sheet is null then
    perform private.raise_api_error('HP404', 'No such cycle and section visible to you.');
  end if;
  return v_sheet;
end
$$;
comment on function public.hpc_class_sheet(uuid, uuid) is
  'What a teacher''s class sheet shows, read under RLS: {cycle, section, parameters (with levels), students, cells} for the caller as teacher rater.';
revoke all on function public.hpc_class_sheet(uuid, uuid) from public, anon, service_role;
grant execute on function public.hpc_class_sheet(uuid, uuid) to authenticated;
