-- Row level security, part 2 (see 20250201000200): tenant isolation of public.courses.
-- The baseline's policies (any signed-in user of any school read it; any admin wrote it)
-- are swapped for the institution-scoped set, in one transaction; ACCESS EXCLUSIVE on this
-- table only, until the commit right after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

drop policy "Authenticated users can view courses" on public.courses;
drop policy "Admins can manage courses" on public.courses;
select private.scope_academic_structure_table('courses', 'courses');
grant update (title, code, description, active, updated_at) on public.courses to authenticated;
