-- The tenant-column audit of the existing BIG DAY tables (20250101000800) records new rows
-- and moves between institutions, no longer the migration's backfill filling a missing
-- institution_id.
--
-- Why: with one trigger for `insert or update of institution_id`, every row the backfill
-- filled wrote an audit row: a million for user_profiles, each built by copying the whole
-- row to jsonb twice and diffing it. That told nothing the migration ledger does not
-- (hpc_migration.batches records every batch, and the runner's report the totals), and it
-- was most of the per-row cost of the backfill apart from the index entries. Setting a
-- missing institution_id is only ever the backfill (or its late-row sweep): the new
-- application writes institution_id on insert, and after the contract the column is NOT
-- NULL. The WHEN clause is evaluated before the function is called, so a filled row costs
-- the audit nothing.
--
-- Locks: DROP / CREATE TRIGGER take SHARE ROW EXCLUSIVE on each table for a moment (no scan,
-- no rewrite); the short lock_timeout lets the application win and the runner retry.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

do $$
declare
  t text;
begin
  foreach t in array array['user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections',
                           'section_students', 'section_courses'] loop
    execute format('drop trigger if exists audit_tenant_column on public.%I', t);
    execute format(
      'create trigger audit_tenant_of_new_row after insert on public.%I
         for each row execute function private.audit_row_change(%L, %L)', t, 'tenant', 'id');
    execute format(
      'create trigger audit_tenant_move after update of institution_id on public.%I
         for each row when (old.institution_id is not null and old.institution_id is distinct from new.institution_id)
         execute function private.audit_row_change(%L, %L)', t, 'tenant', 'id');
  end loop;
end
$$;
