-- Tenancy, expand: the index leading with institution_id on public.teacher_load_rules, where this
-- database has the table and no such index (private.index_institution_column,
-- 20250101000100). Its own transaction, after the column's: SHARE on this table only while
-- the build reads it (reads go on; its writers wait), until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.index_institution_column('teacher_load_rules');
