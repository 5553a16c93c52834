-- Row level security, part 2 (see 20250201000200): tenant isolation of public.section_courses.
-- The baseline's policies (any signed-in user of any school read it; any admin wrote it)
-- are swapped for the institution-scoped set, in one transaction; ACCESS EXCLUSIVE on this
-- table only, until the commit right after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

drop policy "Authenticated users can view section courses" on public.section_courses;
drop policy "Admins can manage section courses" on public.section_courses;
select private.scope_academic_structure_table('section_courses', 'section courses');
grant update (section_id, course_id, teacher_id, weekly_periods, updated_at) on public.section_courses to authenticated;
