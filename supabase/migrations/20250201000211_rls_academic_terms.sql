-- Row level security, part 2 (see 20250201000200): tenant isolation of public.academic_terms.
-- The baseline's policies (any signed-in user of any school read it; any admin wrote it)
-- are swapped for the institution-scoped set, in one transaction; ACCESS EXCLUSIVE on this
-- table only, until the commit right after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

drop policy "Authenticated users can view terms" on public.academic_terms;
drop policy "Admins can manage terms" on public.academic_terms;
select private.scope_academic_structure_table('academic_terms', 'academic terms');
grant update (name, start_date, end_date, frozen, updated_at) on public.academic_terms to authenticated;
