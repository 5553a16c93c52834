-- Tenancy, expand: institution_id on public.teacher_subject_eligibility, where this database has the table
-- (private.add_institution_column, 20250101000100). Catalog work only (its index: 20250101000144);
-- ACCESS EXCLUSIVE on this table only, for the milliseconds until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.add_institution_column('teacher_subject_eligibility');
