-- Tenancy, contract (see 20250901000600): validates the link keys re-created NOT VALID by
-- 20250901000601..603, on whichever tables this database has. VALIDATE takes SHARE UPDATE
-- EXCLUSIVE on the key's table and ROW SHARE on user_profiles: reads and writes go on while
-- it scans.
set local lock_timeout = '50ms';
set local statement_timeout = '15min';

select private.validate_tenant_keys();
