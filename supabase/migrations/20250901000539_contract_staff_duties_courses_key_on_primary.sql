-- Tenancy, contract (see 20250901000400): the composite keys from public.staff_duties to public.courses that
-- point at courses's unique (institution_id, id) twin are re-created on its primary key (same
-- names, columns and actions; private.repoint_to_tenant_primary_key says why), so that the twin
-- can go. NOT VALID, validated in 20250901000590. Locks: staff_duties and courses, no scan, until this
-- file commits. Skipped where this database lacks either table.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.repoint_to_tenant_primary_key('staff_duties', 'courses');
