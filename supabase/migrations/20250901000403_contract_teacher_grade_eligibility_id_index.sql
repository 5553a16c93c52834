-- Tenancy, contract (see 20250901000400): a plain index on public.teacher_grade_eligibility (id), where this
-- database has the table, as teacher_grade_eligibility_id_idx. Its primary key becomes (institution_id, id)
-- in 20250901000440..454 and the key on id goes; lookups by id alone (PostgREST's id=eq.
-- filters, the tenant triggers' link checks) keep this index, and private.promote_tenant_primary_key
-- refuses to drop the key until it exists. Not unique: the key is the constraint.
-- Built in this file's transaction (private.build_tenant_index says why): SHARE on this table
-- only while it builds (reads go on, its writers wait).
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.build_tenant_index('teacher_grade_eligibility', 'teacher_grade_eligibility_id_idx', array['id'], false);
