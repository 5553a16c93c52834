-- Row level security, part 2 (see 20250201000200): tenant isolation of public.section_students.
-- The baseline's policies (any signed-in user of any school read it; any admin wrote it)
-- are swapped for the institution-scoped set, in one transaction; ACCESS EXCLUSIVE on this
-- table only, until the commit right after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

drop policy "Authenticated users can view section students" on public.section_students;
drop policy "Admins can manage section students" on public.section_students;
select private.scope_academic_structure_table('section_students', 'section enrolments');
grant update (section_id, student_id) on public.section_students to authenticated;
