-- Two questions a parent's (or student's) page asks, each with one obvious answer.
--
-- 1. "The card": hpc_reports keeps one row per version, and is_current marks the version
--    being worked on. After a principal reopens a published card, the current version is a
--    draft that families may not see, so `is_current = true` returned nothing to a parent.
--    public.hpc_published_reports is the latest published version of each student's card
--    per cycle, among the versions the caller may read: a security-invoker view over
--    hpc_reports, so hpc_reports' policies decide what each caller gets (families: released
--    published versions of their own / their children's cards; staff: as on hpc_reports).
--    It has hpc_reports' columns, and embeds like it (student_id → user_profiles, ...).
-- 2. "Who is my child's class teacher": staff_duties is staff-only, and a parent sees several
--    teachers' profiles with nothing saying which is the class teacher.
--    public.hpc_class_teachers() returns, for the caller's own sections (a student) or their
--    children's (a parent), the section and the class teacher's id and name: names only,
--    nothing of the teacher's profile that BIG DAY does not already show a parent. Security
--    definer (it reads staff_duties for the caller), filtered to the caller, nothing when the
--    HPC is off for the caller's institution.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create view public.hpc_published_reports
with (security_invoker = true)
as
select distinct on (r.institution_id, r.cycle_id, r.student_id) r.*
from public.hpc_reports as r
where r.status = 'published'
order by r.institution_id, r.cycle_id, r.student_id, r.version desc;
comment on view public.hpc_published_reports is
  'The latest published version of each student''s card per cycle that the caller may read (hpc_reports'' policies apply). What a parent or student shows as "the card".';
revoke all on public.hpc_published_reports from public, anon;
grant select on public.hpc_published_reports to authenticated, service_role;

create or replace function public.hpc_class_teachers()
returns table (
  student_id uuid, student_name text, section_id uuid, section_name text,
  class_teacher_id uuid, class_teacher_name text)
language sql
stable
security definer
set search_path = ''
as $$
  select s.student_id, st.full_name, s.section_id, sec.name, d.user_id, t.full_name
  from public.section_students as s
  join public.user_profiles as st on st.institution_id = s.institution_id and st.id = s.student_id
  join public.sections as sec on sec.institution_id = s.institution_id and sec.id = s.section_id
  join public.staff_duties as d
    on d.institution_id = s.institution_id and d.section_id = s.section_id and d.duty = 'class_teacher' and d.active
  join public.user_profiles as t on t.institution_id = d.institution_id and t.id = d.user_id
  where s.institution_id = (select private.caller_institution_id())
    and (select private.hpc_active())
    and (s.student_id = (select private.caller_id()) or s.student_id = any ((select private.child_ids())::uuid[]))
  order by st.full_name, sec.name, t.full_name
$$;
comment on function public.hpc_class_teachers() is
  'The class teacher (id and name) of each section of the caller (a student) or of their children (a parent).';
revoke all on function public.hpc_class_teachers() from public, anon;
grant execute on function public.hpc_class_teachers() to authenticated, service_role;
