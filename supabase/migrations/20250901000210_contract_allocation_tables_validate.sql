-- Tenancy, contract (see 20250901000100): validates, on BIG DAY's newer-shape tables where
-- this database has them, the NOT VALID checks of 20250901000120..125 and every
-- institution_id foreign key added NOT VALID in the expand step (nullable tables and the
-- tables with BIG DAY's own values included). VALIDATE takes SHARE UPDATE EXCLUSIVE only:
-- reads and writes go on while it scans.
set local lock_timeout = '50ms';
set local statement_timeout = '15min';

select private.assert_tenant_backfill_complete();

do $$
declare
  v_constraint record;
begin
  for v_constraint in
    select c.conrelid::regclass as tbl, c.conname
    from pg_catalog.pg_constraint as c
    join pg_catalog.pg_class as t on t.oid = c.conrelid
    where t.relnamespace = 'public'::regnamespace
      and not c.convalidated
      and t.relname = any (array['user_permissions', 'teacher_subject_eligibility', 'teacher_grade_eligibility',
                                 'teacher_load_rules', 'slot_templates', 'allocation_settings', 'slot_template_assignments',
                                 'timetables', 'timetable_sessions', 'timetable_conflicts', 'system_reports',
                                 'user_groups', 'system_settings'])
      and c.conname in (t.relname || '_institution_id_fkey', t.relname || '_institution_id_not_null')
  loop
    execute format('alter table %s validate constraint %I', v_constraint.tbl, v_constraint.conname);
  end loop;
end
$$;
