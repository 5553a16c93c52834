-- Row level security, part 2 (see 20250201000200): tenant isolation of public.cohorts.
-- Every policy the table has (found in the catalog: BIG DAY's names differ between its
-- deployments) is swapped for the institution-scoped set, in one transaction, and the
-- tenant guard trigger keeps rows in their school; ACCESS EXCLUSIVE on this table only,
-- until the commit right after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.drop_existing_policies('public.cohorts');
select private.scope_academic_structure_table('cohorts', 'cohorts');
create trigger keep_row_in_its_institution
  before insert or update of institution_id, academic_term_id on public.cohorts
  for each row execute function private.keep_row_in_its_institution('cohorts', 'academic_terms.academic_term_id');
