-- Tenancy, contract (see 20250901000100): a NOT VALID check `institution_id is not null` on
-- public.teacher_subject_eligibility, where this database has it. Catalog only (no scan); ACCESS EXCLUSIVE on this
-- table only, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.contract_allocation_table('teacher_subject_eligibility', 'check');
