-- Tenancy, contract (see 20250901000620): public.timetable_conflicts's rows without a school set aside,
-- and a NOT VALID check institution_id is not null, where this database has the table.
-- A scan for the rows without a school (a few rows per school) and the check, catalog only;
-- ACCESS EXCLUSIVE on this table only, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.set_aside_rows_without_a_school('timetable_conflicts');
