-- Tenancy, contract (see 20250901000600): validates the link keys re-created NOT VALID by
-- 20250901000601..603, on whichever tables this database has. VALIDATE takes SHARE UPDATE
-- EXCLUSIVE on the key's table and ROW SHARE on user_profiles: reads and writes go on while
-- it scans.
set local lock_timeout = '50ms';
set local statement_timeout = '15min';

do $$
declare
  v_key record;
begin
  for v_key in
    select c.conrelid::regclass as tbl, c.conname
    from pg_catalog.pg_constraint as c
    where c.contype = 'f' and not c.convalidated and c.confrelid = 'public.user_profiles'::regclass
      and c.conname in ('section_courses_tenant_teacher_fkey', 'timetables_tenant_generated_by_fkey',
                        'timetables_tenant_published_by_fkey', 'timetable_sessions_tenant_teacher_fkey')
    order by 1, 2
  loop
    execute format('alter table %s validate constraint %I', v_key.tbl, v_key.conname);
  end loop;
end
$$;
