-- Tenancy, contract (see 20250901000400 and 20250901000620): unique (institution_id, id) on
-- public.timetable_conflicts, where this database has the table, as timetable_conflicts_tenant_pkey, and a plain index
-- on (id) beside it for lookups by id alone, which private.promote_tenant_primary_key wants
-- before the key on id goes. Built in this file's transaction (private.build_tenant_index
-- says why): SHARE on this table only while they build (reads go on, its writers wait).
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.build_tenant_index('timetable_conflicts', 'timetable_conflicts_tenant_pkey', array['institution_id', 'id'], true);
select private.build_tenant_index('timetable_conflicts', 'timetable_conflicts_id_idx', array['id'], false);
