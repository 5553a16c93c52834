-- Tenancy, contract (see 20250901000100): cohorts.academic_term_id → academic_terms becomes the composite key
-- cohorts_tenant_term_fkey (institution_id, academic_term_id) → academic_terms (institution_id, id), NOT VALID, in place of
-- BIG DAY's key by id (private.swap_to_tenant_key says why); validated in 20250901000200.
-- Locks: SHARE ROW EXCLUSIVE on academic_terms and ACCESS EXCLUSIVE on cohorts, no scan, until
-- this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.swap_to_tenant_key('cohorts', 'academic_term_id', 'academic_terms', 'cohorts_tenant_term_fkey');
