-- Tenancy, contract (see 20250901000620): validates the checks institution_id is not null of
-- 20250901000621..622, where this database has the tables. VALIDATE takes SHARE UPDATE
-- EXCLUSIVE only: reads and writes go on while it scans.
set local lock_timeout = '50ms';
set local statement_timeout = '15min';

do $$
declare
  v_table text;
begin
  foreach v_table in array array['user_permissions', 'timetable_conflicts'] loop
    if exists (select 1 from pg_catalog.pg_constraint as c
               where c.conrelid = to_regclass(format('public.%I', v_table))
                 and c.conname = v_table || '_institution_id_not_null' and not c.convalidated) then
      execute format('alter table public.%I validate constraint %I', v_table, v_table || '_institution_id_not_null');
    end if;
  end loop;
end
$$;
