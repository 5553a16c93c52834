-- Row level security, part 2 (see 20250201000200): tenant isolation of public.cohorts.
-- The baseline's policies (any signed-in user of any school read it; any admin wrote it)
-- are swapped for the institution-scoped set, in one transaction; ACCESS EXCLUSIVE on this
-- table only, until the commit right after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

drop policy "Authenticated users can view cohorts" on public.cohorts;
drop policy "Admins can manage cohorts" on public.cohorts;
select private.scope_academic_structure_table('cohorts', 'cohorts');
grant update (academic_term_id, grade, stream, boarding_type, updated_at) on public.cohorts to authenticated;
