-- A child's HPC data kept only as long as it should be: a retention period per school, a
-- daily job that erases what is past it, and erasure of one child on the admin's request.
--
-- * A child has left when the last academic term they were enrolled in (section_students →
--   sections → cohorts → academic_terms), or that any of their HPC data belongs to, has
--   ended. Their data is past retention once that end date is more than the school's period
--   (whole years, 1–30) behind. A school without a period keeps everything.
-- * Erasure removes exactly the rows of private.hpc_student_rows (ratings about and by the
--   child, reflections, conversations, achievements, narratives, card versions and their
--   approval steps, peer pairings, evidence files' rows) and the audit log's entries about
--   them, in one transaction. It keeps what the school must keep: the child's BIG DAY
--   records (profile, enrolments, guardians) and the aggregates of the dashboards (the next
--   refresh leaves the child out). What remains of the erasure is one audit entry without
--   personal data: the school, the reason, who asked, and how many rows of each table went,
--   under a one-way hash of the child's id (sha256 of "<institution>:<student>"), with which
--   the school can answer "was this child's data erased?" and nothing more.
-- * The audit log is append-only and a published card immutable; the one exception to both
--   is this erasure, which marks its own transaction (hpc.erasure = on) so that their guards
--   (private.refuse_audit_change, private.hpc_report_guard) let it delete. Only the owner can delete from the log at all (no API role holds DELETE);
--   the API roles never reach a published card's DELETE past its policies.
-- * A dry run (the default of the admin's call) lists what would go without changing anything.
--   After an erasure, only a backup taken before it brings the data back.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create table private.hpc_retention_periods (
  institution_id uuid primary key references public.institutions (id),
  years_after_leaving bigint not null,
  set_by uuid,
  set_at timestamptz not null default now(),
  constraint hpc_retention_periods_years check (years_after_leaving between 1 and 30)
);
comment on table private.hpc_retention_periods is
  'How many whole years after a child has left a school keeps the child''s HPC data; no row: kept.';

-- When each student of a school with HPC data left: the end of the last term they were
-- enrolled in or have HPC data in.
create or replace function private.hpc_students_left_on(p_institution_id uuid)
returns table (student_id uuid, left_on date)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
    with students as (
      select e.student_id from public.hpc_evaluations as e where e.institution_id = p_institution_id
      union select r.student_id from public.hpc_reports as r where r.institution_id = p_institution_id
      union select r.student_id from public.hpc_reflections as r where r.institution_id = p_institution_id
      union select a.student_id from public.hpc_achievements as a where a.institution_id = p_institution_id
      union select c.student_id from public.hpc_conversations as c where c.institution_id = p_institution_id
      union select n.student_id from public.report_narratives as n where n.institution_id = p_institution_id
    ),
    terms as (
      select ss.student_id, t.end_date
      from public.section_students as ss
      join public.sections as s on s.institution_id = ss.institution_id and s.id = ss.section_id
      join public.cohorts as c on c.institution_id = s.institution_id and c.id = s.cohort_id
      join public.academic_terms as t on t.institution_id = c.institution_id and t.id = c.academic_term_id
      where ss.institution_id = p_institution_id
      union all
      select e.student_id, t.end_date
      from (select distinct x.student_id, x.cycle_id from public.hpc_evaluations as x where x.institution_id = p_institution_id) as e
      join public.hpc_evaluation_cycles as y on y.institution_id = p_institution_id and y.id = e.cycle_id
      join public.academic_terms as t on t.institution_id = y.institution_id and t.id = y.academic_term_id
    )
    select s.student_id, max(t.end_date)
    from students as s
    left join terms as t on t.student_id = s.student_id
    group by s.student_id;
end
$$;
comment on function private.hpc_students_left_on(uuid) is
  'Per student of the school with HPC data: the end of the last term they were enrolled in or have ratings in (null: none known).';
revoke all on function private.hpc_students_left_on(uuid) from public;

-- The students of a school whose HPC data is past the school's retention period on p_today.
create or replace function private.hpc_students_past_retention(p_institution_id uuid, p_today date)
returns table (student_id uuid, left_on date, erase_after date)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_years integer;
begin
  -- The period first, then the leavers by school: a function that reads tables, called per
  -- row of a query on a tenant table, would run on that table's shard on Citus, which may
  -- not query the other shards.
  select p.years_after_leaving into v_years from private.hpc_retention_periods as p where p.institution_id = p_institution_id;
  if v_years is null then
    return;
  end if;
  return query
    select l.student_id, l.left_on, (l.left_on + make_interval(years => v_years))::date
    from private.hpc_students_left_on(p_institution_id) as l
    where l.left_on is not null
      and (l.left_on + make_interval(years => v_years))::date < p_today;
end
$$;
revoke all on function private.hpc_students_past_retention(uuid, date) from public;

-- Erases (or, in a dry run, lists) the HPC data of some children of one school, in one pass
-- over each table and one over the audit log. The caller has checked who may.
create or replace function private.hpc_erase_students_data(
  p_institution_id uuid, p_student_ids uuid[], p_reason text, p_dry_run boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_hpc_tables constant text[] := array['hpc_evaluations', 'hpc_reflections', 'hpc_conversations', 'hpc_achievements',
    'report_narratives', 'hpc_reports', 'hpc_approval_workflows', 'hpc_parameter_assignments',
    'report_share_links'];
  v_ids uuid[];
  v_per_student jsonb;
  -- the audit entries found, as two arrays (when, id) in step: the key of audit_events
  v_entry_times timestamptz[];
  v_entry_ids uuid[];
begin
  -- Per child: rows per table, evidence files, and the audit entries about them (an entry
  -- is the child's when it is of one of the child's rows or its values name the child). One
  -- pass over the rows and one over the audit log; the erasure below reuses what they found.
  with listed as materialized (
    select r.student_id, r.table_name, r.row_id, r.row_data
    from private.hpc_student_rows(p_institution_id, p_student_ids) as r
  ),
  ids as (
    select coalesce(array_agg(distinct l.row_id), '{}') as ids from listed as l
  ),
  rows as (
    select l.student_id, l.table_name, count(*) as n,
           jsonb_agg(l.row_data ->> 'name' order by l.row_data ->> 'name') filter (where l.table_name = 'storage.objects') as files
    from listed as l
    group by l.student_id, l.table_name
  ),
  entries as materialized (
    select a.occurred_at, a.id, a.record_key, a.old_values, a.new_values
    from ids, private.hpc_student_audit_events(p_institution_id, p_student_ids, ids.ids) as a
    where a.table_name = any (v_hpc_tables)
  ),
  audit as (
    select x.student_id, count(*) as n
    from (
      select s.id as student_id, e.occurred_at, e.id
      from entries as e
      join unnest(p_student_ids) as s (id)
        on s.id::text in (e.new_values ->> 'student_id', e.old_values ->> 'student_id', e.new_values ->> 'rater_id',
                          e.old_values ->> 'rater_id', e.new_values ->> 'author_id', e.old_values ->> 'author_id',
                          e.new_values ->> 'peer_reviewer_id', e.old_values ->> 'peer_reviewer_id')
      union
      select l.student_id, e.occurred_at, e.id
      from entries as e
      join listed as l on l.row_id = (e.record_key ->> 'id')::uuid
    ) as x
    group by x.student_id
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'student_id', s.id,
           'rows', coalesce((select jsonb_object_agg(r.table_name, r.n) from rows as r
                             where r.student_id = s.id and r.table_name <> 'storage.objects'), '{}'),
           'evidence_files', coalesce((select r.files from rows as r where r.student_id = s.id and r.table_name = 'storage.objects'), '[]'),
           'audit_events', coalesce((select a.n from audit as a where a.student_id = s.id), 0)) order by s.id), '[]'),
         (select ids.ids from ids),
         (select coalesce(array_agg(e.occurred_at order by e.occurred_at, e.id), '{}') from entries as e),
         (select coalesce(array_agg(e.id order by e.occurred_at, e.id), '{}') from entries as e)
    into v_per_student, v_ids, v_entry_times, v_entry_ids
  from unnest(p_student_ids) as s (id);

  if p_dry_run then
    return v_per_student;
  end if;

  -- Children before parents: ratings and the rest point at assignments and cards. The
  -- guards of published cards and of the audit log let this transaction delete. SET LOCAL,
  -- not set_config: on Citus the guards run on the workers, which it reaches.
  set local hpc.erasure = 'on';
  delete from public.hpc_evaluations as e
  where e.institution_id = p_institution_id and (e.student_id = any (p_student_ids) or e.rater_id = any (p_student_ids));
  delete from public.hpc_reflections as r
  where r.institution_id = p_institution_id and (r.student_id = any (p_student_ids) or r.author_id = any (p_student_ids));
  delete from public.hpc_conversations as c
  where c.institution_id = p_institution_id and (c.student_id = any (p_student_ids) or c.author_id = any (p_student_ids));
  delete from public.hpc_achievements as a where a.institution_id = p_institution_id and a.student_id = any (p_student_ids);
  delete from public.report_narratives as n where n.institution_id = p_institution_id and n.student_id = any (p_student_ids);
  delete from public.hpc_approval_workflows as w
  where w.institution_id = p_institution_id and w.report_id in (
    select r.id from public.hpc_reports as r where r.institution_id = p_institution_id and r.student_id = any (p_student_ids));
  delete from public.hpc_reports as r where r.institution_id = p_institution_id and r.student_id = any (p_student_ids);
  delete from public.hpc_parameter_assignments as a
  where a.institution_id = p_institution_id
    and (a.student_id = any (p_student_ids) or a.peer_reviewer_id = any (p_student_ids));
  delete from storage.objects as o
  where o.bucket_id = 'hpc-evidence' and o.id = any (v_ids);

  -- The log's entries about the children, found above. The deletes above wrote none: the
  -- audit trigger leaves an erasure's deletes to the one entry below.
  delete from public.audit_events as a
  using unnest(v_entry_times, v_entry_ids) as x (occurred_at, id)
  where a.occurred_at = x.occurred_at and a.id = x.id;
  set local hpc.erasure = 'off';

  -- What remains: per child, an entry without personal data.
  insert into public.audit_events (institution_id, actor_id, actor_role, table_schema, table_name, operation,
                                   record_key, new_values)
  select p_institution_id, (select auth.uid()), coalesce((select auth.role()), session_user::text), 'private', 'hpc_erasure',
         'DELETE',
         jsonb_build_object('subject', encode(sha256(convert_to(p_institution_id::text || ':' || (e ->> 'student_id'), 'UTF8')), 'hex')),
         jsonb_build_object('reason', p_reason, 'rows', e -> 'rows', 'audit_events', e -> 'audit_events',
                            'evidence_files', jsonb_array_length(e -> 'evidence_files'))
  from jsonb_array_elements(v_per_student) as e;
  return v_per_student;
end
$$;
comment on function private.hpc_erase_students_data(uuid, uuid[], text, boolean) is
  'Erases the HPC data of the given children of a school and the audit entries about it, leaving per child one audit entry without personal data; a dry run lists what would go. Answers per child {student_id, rows, evidence_files, audit_events}.';
revoke all on function private.hpc_erase_students_data(uuid, uuid[], text, boolean) from public;

-- The daily job: every school with a retention period, all its children past it at once.
create or replace function private.hpc_erase_past_retention(p_today date default current_date)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_school uuid;
  v_students uuid[];
  v_erased integer := 0;
begin
  -- School by school, the children looked up apart from the query on the periods: on Citus
  -- a function that reads tables, called inside a query on a distributed table, would run on
  -- its shards.
  for v_school in
    select p.institution_id from private.hpc_retention_periods as p order by p.institution_id
  loop
    select array_agg(s.student_id order by s.student_id) into v_students
    from private.hpc_students_past_retention(v_school, p_today) as s;
    if v_students is not null then
      perform private.hpc_erase_students_data(v_school, v_students, 'retention', false);
      v_erased := v_erased + cardinality(v_students);
    end if;
  end loop;
  return v_erased;
end
$$;
comment on function private.hpc_erase_past_retention(date) is
  'Erases the HPC data of every child past their school''s retention period (the daily job); returns how many children.';
revoke all on function private.hpc_erase_past_retention(date) from public;

select cron.schedule(
  'hpc-retention-erasure',
  '41 2 * * *',
  $job$select private.hpc_erase_past_retention()$job$
);

-- The API: the admin sets the period, sees who is past it, and erases one child on request.
create or replace function private.hpc_set_retention_period(p_years integer)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_institution uuid := private.hpc_institution_admin();
begin
  if p_years is null then
    delete from private.hpc_retention_periods as p where p.institution_id = v_institution;
  elsif p_years not between 1 and 30 then
    perform private.raise_api_error('HP400', format('A retention period is 1 to 30 whole years after a child leaves; %s is not.', p_years));
  else
    -- excluded.set_at is the column default, now(): Citus refuses a function in DO UPDATE SET.
    insert into private.hpc_retention_periods as p (institution_id, years_after_leaving, set_by)
    values (v_institution, p_years, auth.uid())
    on conflict (institution_id) do update set years_after_leaving = excluded.years_after_leaving,
                                              set_by = excluded.set_by, set_at = excluded.set_at;
  end if;
  return private.hpc_retention_status();
end
$$;
revoke all on function private.hpc_set_retention_period(integer) from public;
grant execute on function private.hpc_set_retention_period(integer) to authenticated;

create or replace function private.hpc_retention_status()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_institution uuid := private.hpc_institution_admin();
  v_years integer;
  v_past jsonb;
begin
  select p.years_after_leaving into v_years from private.hpc_retention_periods as p where p.institution_id = v_institution;
  -- The children past it first, their names after: joined in one statement with a tenant
  -- table, the function (which reads tables) would run on that table's shard on Citus.
  select coalesce(jsonb_agg(to_jsonb(s)), '[]') into v_past
  from private.hpc_students_past_retention(v_institution, current_date) as s;
  return jsonb_build_object(
    'years_after_leaving', v_years,
    'past_retention', (
      select coalesce(jsonb_agg(jsonb_build_object('student_id', s.student_id, 'name', u.full_name,
                                                   'left_on', s.left_on, 'erase_after', s.erase_after) order by s.left_on, u.full_name), '[]')
      from jsonb_to_recordset(v_past) as s (student_id uuid, left_on date, erase_after date)
      join public.user_profiles as u on u.institution_id = v_institution and u.id = s.student_id));
end
$$;
revoke all on function private.hpc_retention_status() from public;
grant execute on function private.hpc_retention_status() to authenticated;

create or replace function private.hpc_erase_student(p_student_id uuid, p_dry_run boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_institution uuid := private.hpc_institution_admin();
begin
  perform private.hpc_school_student(v_institution, p_student_id);
  return jsonb_build_object('dry_run', coalesce(p_dry_run, true), 'reason', 'request',
      'kept', jsonb_build_array('the student''s profile, enrolments and guardians (BIG DAY records)',
                                'dashboard aggregates (the next refresh leaves the student out)',
                                'one audit entry of this erasure, without personal data'))
    || (private.hpc_erase_students_data(v_institution, array[p_student_id], 'request', coalesce(p_dry_run, true)) -> 0);
end
$$;
revoke all on function private.hpc_erase_student(uuid, boolean) from public;
grant execute on function private.hpc_erase_student(uuid, boolean) to authenticated;

create function public.hpc_set_retention_period(p_years integer)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.hpc_set_retention_period(p_years)
$$;
comment on function public.hpc_set_retention_period(integer) is
  'The institution admin sets how many whole years (1-30) after a child leaves the school keeps their HPC data; null keeps it. Answers hpc_retention_status().';

create function public.hpc_retention_status()
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select private.hpc_retention_status()
$$;
comment on function public.hpc_retention_status() is
  'For the institution admin: {years_after_leaving, past_retention [{student_id, name, left_on, erase_after}]}: whose data the daily job erases next.';

create function public.hpc_erase_student(p_student_id uuid, p_dry_run boolean default true)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.hpc_erase_student(p_student_id, p_dry_run)
$$;
comment on function public.hpc_erase_student(uuid, boolean) is
  'The institution admin erases one child''s HPC data on request (p_dry_run, the default, only lists what would go): {student_id, reason, dry_run, rows {table: n}, audit_events, evidence_files [paths], kept [what stays]}.';

revoke all on function public.hpc_set_retention_period(integer) from public, anon, service_role;
revoke all on function public.hpc_retention_status() from public, anon, service_role;
revoke all on function public.hpc_erase_student(uuid, boolean) from public, anon, service_role;
grant execute on function public.hpc_set_retention_period(integer) to authenticated;
grant execute on function public.hpc_retention_status() to authenticated;
grant execute on function public.hpc_erase_student(uuid, boolean) to authenticated;
