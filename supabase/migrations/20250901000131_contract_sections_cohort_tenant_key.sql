-- Tenancy, contract (see 20250901000100): sections.cohort_id → cohorts becomes the composite key
-- sections_tenant_cohort_fkey (institution_id, cohort_id) → cohorts (institution_id, id), NOT VALID, in place of
-- BIG DAY's key by id (private.swap_to_tenant_key says why); validated in 20250901000200.
-- Locks: SHARE ROW EXCLUSIVE on cohorts and ACCESS EXCLUSIVE on sections, no scan, until
-- this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.swap_to_tenant_key('sections', 'cohort_id', 'cohorts', 'sections_tenant_cohort_fkey');
