-- Audit log, contract (see 20250901000610): the check that every entry names its school,
-- validated. VALIDATE takes SHARE UPDATE EXCLUSIVE on audit_events and each partition while it
-- scans them: audited writes and reads go on.
set local lock_timeout = '50ms';
set local statement_timeout = '15min';

alter table public.audit_events validate constraint audit_events_school_required;
