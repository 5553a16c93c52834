-- Everything the HPC holds about one child, in one place: public.hpc_student_record.
--
-- private.hpc_student_rows(institution, students) is the one list of a child's HPC rows, used
-- by the export here and by the erasure (20250701000300), so that what is exported and what
-- is erased can never drift apart:
--   * ratings of the child (any rater) and ratings the child gave (self, peer);
--   * reflections about the child and those the child wrote; conversations about the child
--     and the child's own messages; achievements; narratives; every version of the child's
--     cards and their approval steps; the peer pairings naming the child;
--   * the child's evidence files (storage.objects of the hpc-evidence bucket under
--     <institution>/<student>/).
-- private.hpc_student_audit_events lists the audit log's entries about those rows and about
-- the child's own records (profile, guardians, sections).
--
-- hpc_student_record(student) answers all of it as one JSON document for the school's
-- institution admin (the staff duty; HP403 for anyone else, the principal included; HP404 for a child who is not a student of the
-- caller's school), with a list of what it contains. The edge function packs it with the
-- printable cards into an archive.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function private.hpc_student_rows(p_institution_id uuid, p_student_ids uuid[])
returns table (student_id uuid, table_name text, row_id uuid, row_data jsonb)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
    select e.student_id, 'hpc_evaluations', e.id, to_jsonb(e) from public.hpc_evaluations as e
    where e.institution_id = p_institution_id and e.student_id = any (p_student_ids)
    union all
    select e.rater_id, 'hpc_evaluations', e.id, to_jsonb(e) from public.hpc_evaluations as e
    where e.institution_id = p_institution_id and e.rater_id = any (p_student_ids) and e.rater_id <> e.student_id
    union all
    select r.student_id, 'hpc_reflections', r.id, to_jsonb(r) from public.hpc_reflections as r
    where r.institution_id = p_institution_id and r.student_id = any (p_student_ids)
    union all
    select r.author_id, 'hpc_reflections', r.id, to_jsonb(r) from public.hpc_reflections as r
    where r.institution_id = p_institution_id and r.author_id = any (p_student_ids) and r.author_id <> r.student_id
    union all
    select c.student_id, 'hpc_conversations', c.id, to_jsonb(c) from public.hpc_conversations as c
    where c.institution_id = p_institution_id and c.student_id = any (p_student_ids)
    union all
    select c.author_id, 'hpc_conversations', c.id, to_jsonb(c) from public.hpc_conversations as c
    where c.institution_id = p_institution_id and c.author_id = any (p_student_ids) and c.author_id <> c.student_id
    union all
    select a.student_id, 'hpc_achievements', a.id, to_jsonb(a) from public.hpc_achievements as a
    where a.institution_id = p_institution_id and a.student_id = any (p_student_ids)
    union all
    select n.student_id, 'report_narratives', n.id, to_jsonb(n) from public.report_narratives as n
    where n.institution_id = p_institution_id and n.student_id = any (p_student_ids)
    union all
    select r.student_id, 'hpc_reports', r.id, to_jsonb(r) from public.hpc_reports as r
    where r.institution_id = p_institution_id and r.student_id = any (p_student_ids)
    union all
    select r.student_id, 'hpc_approval_workflows', w.id, to_jsonb(w)
    from public.hpc_approval_workflows as w
    join public.hpc_reports as r on r.institution_id = w.institution_id and r.id = w.report_id
    where w.institution_id = p_institution_id and r.student_id = any (p_student_ids)
    union all
    select s.id, 'hpc_parameter_assignments', a.id, to_jsonb(a)
    from public.hpc_parameter_assignments as a
    join unnest(p_student_ids) as s (id) on s.id in (a.student_id, a.peer_reviewer_id)
    where a.institution_id = p_institution_id and (a.student_id = any (p_student_ids) or a.peer_reviewer_id = any (p_student_ids))
    union all
    select s.id, 'storage.objects', o.id,
           jsonb_build_object('bucket_id', o.bucket_id, 'name', o.name, 'metadata', o.metadata, 'created_at', o.created_at)
    from unnest(p_student_ids) as s (id)
    join storage.objects as o
      on o.bucket_id = 'hpc-evidence' and o.name like p_institution_id::text || '/' || s.id::text || '/%';
end
$$;
comment on function private.hpc_student_rows(uuid, uuid[]) is
  'Every HPC row about the given children of a school (and written by them), as (child, table, id, row): the one list behind the export and the erasure.';
revoke all on function private.hpc_student_rows(uuid, uuid[]) from public;

-- The audit log's entries about children: those of their HPC rows (p_row_ids), of their own
-- records, and any entry of an HPC table whose values name one of them (so that entries of
-- rows deleted earlier are found too).
create or replace function private.hpc_student_audit_events(p_institution_id uuid, p_student_ids uuid[], p_row_ids uuid[])
returns setof public.audit_events
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
    select a.*
    from public.audit_events as a
    where a.institution_id = p_institution_id
      and (
        (a.record_key ->> 'id')::uuid = any (p_row_ids)
        or (a.record_key ->> 'id')::uuid = any (p_student_ids)
        or (a.table_name like 'hpc\_%' or a.table_name in ('report_narratives', 'student_guardians', 'section_students',
                                                           'report_share_links'))
           and exists (
             select 1 from (values ('student_id'), ('rater_id'), ('author_id'), ('peer_reviewer_id')) as k (column_name)
             where coalesce(a.new_values ->> k.column_name, a.old_values ->> k.column_name)::uuid = any (p_student_ids))
      );
end
$$;
comment on function private.hpc_student_audit_events(uuid, uuid[], uuid[]) is
  'The audit log''s entries about the given children: of the given rows, of their own records, and any HPC entry naming one of them.';
revoke all on function private.hpc_student_audit_events(uuid, uuid[], uuid[]) from public;

-- The caller's school, when the caller holds its institution admin duty; HP403 otherwise.
-- Data requests about a child (export, erasure) are the institution admin's: a principal has
-- BIG DAY's admin role too, but not this duty.
create or replace function private.hpc_institution_admin()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_caller record;
begin
  select * into v_caller from private.hpc_api_caller();
  if not ('institution_admin' = any (private.current_duties())) then
    perform private.raise_api_error('HP403', 'Only your school''s institution admin may do this.');
  end if;
  return v_caller.institution_id;
end
$$;
revoke all on function private.hpc_institution_admin() from public;
grant execute on function private.hpc_institution_admin() to authenticated;

-- A student of the given school, or HP404.
create or replace function private.hpc_school_student(p_institution_id uuid, p_student_id uuid)
returns public.user_profiles
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_student public.user_profiles;
begin
  select * into v_student from public.user_profiles as u
  where u.id = p_student_id and u.institution_id = p_institution_id and u.role = 'student';
  if not found then
    perform private.raise_api_error('HP404', format('No student %s in your school.', p_student_id), null);
  end if;
  return v_student;
end
$$;
revoke all on function private.hpc_school_student(uuid, uuid) from public;

create or replace function private.hpc_student_record(p_student_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_institution uuid := private.hpc_institution_admin();
  v_student public.user_profiles := private.hpc_school_student(v_institution, p_student_id);
  v_rows jsonb;
  v_ids uuid[];
  v_audit jsonb;
begin
  with listed as materialized (
    select r.table_name, r.row_id, r.row_data from private.hpc_student_rows(v_institution, array[p_student_id]) as r
  )
  select coalesce((select jsonb_object_agg(t.table_name, t.rows) from (
                     select l.table_name, jsonb_agg(l.row_data order by l.row_data ->> 'created_at', l.row_id) as rows
                     from listed as l group by l.table_name) as t), '{}'),
         coalesce((select array_agg(l.row_id) from listed as l), '{}')
    into v_rows, v_ids;

  select coalesce(jsonb_agg(to_jsonb(a) order by a.occurred_at, a.id), '[]') into v_audit
  from private.hpc_student_audit_events(v_institution, array[p_student_id], v_ids) as a;

  return jsonb_build_object(
    'student', jsonb_build_object('id', v_student.id, 'name', v_student.full_name, 'admission_number', v_student.admission_number,
                                  'institution_id', v_institution),
    'exported_at', now(),
    'exported_by', (select auth.uid()),
    'contents', (
      select coalesce(jsonb_agg(jsonb_build_object('part', x.part, 'rows', x.n) order by x.part), '[]')
      from (select t.key as part, jsonb_array_length(t.value) as n from jsonb_each(v_rows) as t
            union all select 'audit_events', jsonb_array_length(v_audit)) as x),
    'tables', v_rows,
    'audit_events', v_audit);
end
$$;
comment on function private.hpc_student_record(uuid) is
  'Everything the HPC holds about one student of the caller''s school, for the institution admin; raises HP403/HP404/HPOFF.';
revoke all on function private.hpc_student_record(uuid) from public;
grant execute on function private.hpc_student_record(uuid) to authenticated;

create function public.hpc_student_record(p_student_id uuid)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select private.hpc_student_record(p_student_id)
$$;
comment on function public.hpc_student_record(uuid) is
  'What the school holds about one child in the HPC, for its institution admin: {student, exported_at, exported_by, contents [{part, rows}], tables {name: rows}, audit_events}.';
revoke all on function public.hpc_student_record(uuid) from public, anon, service_role;
grant execute on function public.hpc_student_record(uuid) to authenticated;
