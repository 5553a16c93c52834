-- Tenancy, contract (see 20250901000620): institution_id NOT NULL on public.timetable_conflicts, where this
-- database has it. The validated check (20250901000623) lets SET NOT NULL skip its scan; the
-- check is then dropped. ACCESS EXCLUSIVE on this table only, for the milliseconds until this
-- file commits. New rows take their school from their links (the tenant guard); a row with
-- none is refused.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.contract_allocation_table('timetable_conflicts', 'not null');
