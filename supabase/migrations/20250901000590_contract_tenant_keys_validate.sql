-- Tenancy, contract (see 20250901000400): validates every composite key (institution_id, fk) →
-- (institution_id, id) left NOT VALID by 20250901000420..541, on whichever tables this database
-- has. VALIDATE takes SHARE UPDATE EXCLUSIVE on the key's table and ROW SHARE on its parent:
-- reads and writes go on while it scans.
set local lock_timeout = '50ms';
set local statement_timeout = '15min';

select private.validate_tenant_keys();
