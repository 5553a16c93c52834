-- Sharing a section's cards, and its receipts, on a Citus cluster.
--
-- hpc_issue_section_share_links made each link by calling private.report_share_create, which
-- inserts, inside the query that read the section's cards and guardians. On Citus that query
-- runs on the school's shard and the call with it, and a shard may not write the distributed
-- tables ("cannot execute a distributed query from a query on a shard"): the rpc failed. The
-- pairs are now read first and each link made by its own statement, in the same order.
-- hpc_section_share_receipts counted each family's links and opens in subqueries that
-- matched the student alone and listed the section by id alone; Citus refused them ("complex
-- joins are only supported when all distributed tables are co-located and joined on their
-- distribution columns"). Every table now names the caller's school. Same answers on one
-- node (RLS already kept the rows to that school).
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function public.hpc_issue_section_share_links(
  p_cycle_id uuid, p_section_id uuid, p_language text default null, p_expires_in interval default interval '7 days')
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller record;
  v_pair record;
  v_links jsonb := '[]';
  v_without_card jsonb;
begin
  select * into v_caller from private.hpc_api_caller();
  perform private.report_share_check_terms(p_language, p_expires_in);
  if not exists (select 1 from public.hpc_evaluation_cycles as c where c.institution_id = v_caller.institution_id and c.id = p_cycle_id)
     or not exists (select 1 from public.sections as s where s.institution_id = v_caller.institution_id and s.id = p_section_id) then
    perform private.raise_api_error('HP404', 'No such cycle and section in your school.');
  end if;
  if not (private.hpc_holds_duty(v_caller.institution_id, v_caller.user_id, 'principal', null, null)
          or private.hpc_holds_duty(v_caller.institution_id, v_caller.user_id, 'class_teacher', array[p_section_id], null)) then
    perform private.raise_api_error('HP403', 'Only the section''s class teacher or the principal shares its cards.');
  end if;
  -- Each student's latest published version in the cycle, once per guardian. The pairs are
  -- read first and each link is made by its own statement: a function that writes, called
  -- inside a query on distributed tables, would run on the shard, which may not write
  -- through the coordinator's tables.
  for v_pair in
  with cards as (
    select distinct on (r.student_id) r.id, r.student_id, r.language
    from public.section_students as s
    join public.hpc_reports as r
      on r.institution_id = s.institution_id and r.student_id = s.student_id and r.cycle_id = p_cycle_id
     and r.status = 'published'
    where s.institution_id = v_caller.institution_id and s.section_id = p_section_id
    order by r.student_id, r.version desc
  )
  select c.id, c.student_id, c.language, g.guardian_id
  from cards as c
  join public.student_guardians as g on g.institution_id = v_caller.institution_id and g.student_id = c.student_id
  order by c.student_id, g.guardian_id
  loop
    v_links := v_links || pg_catalog.jsonb_build_array(private.report_share_create(
      v_caller.institution_id, v_pair.id, v_pair.student_id, v_pair.guardian_id,
      coalesce(p_language, v_pair.language), p_expires_in, v_caller.user_id));
  end loop;
  select coalesce(jsonb_agg(s.student_id order by s.student_id), '[]') into v_without_card
  from public.section_students as s
  where s.institution_id = v_caller.institution_id and s.section_id = p_section_id
    and not exists (select 1 from public.hpc_reports as r
                    where r.institution_id = s.institution_id and r.student_id = s.student_id
                      and r.cycle_id = p_cycle_id and r.status = 'published');
  return jsonb_build_object('cycle_id', p_cycle_id, 'section_id', p_section_id, 'links', v_links,
                            'students_without_published_card', v_without_card);
end
$$;
comment on function public.hpc_issue_section_share_links(uuid, uuid, text, interval) is
  'The section''s class teacher or the principal issues a link for every guardian of every student with a published card in the cycle: {cycle_id, section_id, links [as hpc_issue_share_link], students_without_published_card [ids]}.';
revoke all on function public.hpc_issue_section_share_links(uuid, uuid, text, interval) from public, anon, service_role;
grant execute on function public.hpc_issue_section_share_links(uuid, uuid, text, interval) to authenticated;

create or replace function public.hpc_section_share_receipts(p_cycle_id uuid, p_section_id uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_caller record;
begin
  select * into v_caller from private.hpc_api_caller();
  if not exists (select 1 from public.hpc_evaluation_cycles as c
                 where c.institution_id = v_caller.institution_id and c.id = p_cycle_id)
     or not exists (select 1 from public.sections as s where s.institution_id = v_caller.institution_id and s.id = p_section_id) then
    perform private.raise_api_error('HP404', 'No such cycle and section among yours.');
  end if;
  if not ((select private.reads_whole_institution()) or p_section_id = any ((select private.taught_section_ids())::uuid[])) then
    perform private.raise_api_error('HP403', 'The section''s teachers and the school''s leaders read its receipts.');
  end if;
  -- A family is a student of the section with at least one guardian.
  return (
    with families as (
      select s.student_id, p.full_name,
             (select count(*) from public.report_share_links as l
              join public.hpc_reports as r on r.institution_id = l.institution_id and r.id = l.report_id
              where l.institution_id = s.institution_id and l.student_id = s.student_id and r.cycle_id = p_cycle_id) as links,
             (select count(*) from public.report_share_link_opens as o
              join public.report_share_links as l on l.institution_id = o.institution_id and l.id = o.link_id
              join public.hpc_reports as r on r.institution_id = l.institution_id and r.id = l.report_id
              where l.institution_id = s.institution_id and l.student_id = s.student_id and r.cycle_id = p_cycle_id) as opens,
             (select max(o.opened_at) from public.report_share_link_opens as o
              join public.report_share_links as l on l.institution_id = o.institution_id and l.id = o.link_id
              join public.hpc_reports as r on r.institution_id = l.institution_id and r.id = l.report_id
              where l.institution_id = s.institution_id and l.student_id = s.student_id
                and r.cycle_id = p_cycle_id) as last_opened_at
      from public.section_students as s
      join public.user_profiles as p on p.institution_id = s.institution_id and p.id = s.student_id
      where s.institution_id = v_caller.institution_id and s.section_id = p_section_id
        and exists (select 1 from public.student_guardians as g where g.institution_id = s.institution_id and g.student_id = s.student_id)
    )
    select jsonb_build_object(
      'cycle_id', p_cycle_id, 'section_id', p_section_id,
      'cycle', (select c.name from public.hpc_evaluation_cycles as c
                where c.institution_id = v_caller.institution_id and c.id = p_cycle_id),
      'families', count(*), 'shared', count(*) filter (where f.links > 0), 'opened', count(*) filter (where f.opens > 0),
      'students', coalesce(jsonb_agg(jsonb_build_object('student_id', f.student_id, 'student', f.full_name, 'links', f.links,
                                                        'opens', f.opens, 'last_opened_at', f.last_opened_at)
                                     order by f.full_name, f.student_id), '[]'))
    from families as f);
end
$$;
comment on function public.hpc_section_share_receipts(uuid, uuid) is
  'How many of a section''s families opened the cycle''s card ("14 of 40"): {cycle_id, section_id, cycle, families, shared, opened, students [{student_id, student, links, opens, last_opened_at}]}.';
revoke all on function public.hpc_section_share_receipts(uuid, uuid) from public, anon, service_role;
grant execute on function public.hpc_section_share_receipts(uuid, uuid) to authenticated;
