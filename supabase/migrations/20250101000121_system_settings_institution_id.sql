-- Tenancy, expand: institution_id on public.system_settings, where this database has it
-- (private.add_institution_column, 20250101000100). A row with institution_id null is
-- platform-wide (BIG DAY's seeded branding); a school keeps its own value of a key beside
-- it, so the key is unique per school (and once among the platform-wide rows) instead of
-- once for the whole database: the global unique constraint, whatever it is named, goes.
-- ACCESS EXCLUSIVE on this small table only, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

do $$
declare
  v_constraint name;
begin
  if not private.add_institution_column('system_settings') then
    return;
  end if;
  execute 'create unique index if not exists system_settings_institution_key_key
             on public.system_settings (institution_id, key) nulls not distinct';
  for v_constraint in
    select c.conname from pg_catalog.pg_constraint as c
    where c.conrelid = 'public.system_settings'::regclass and c.contype = 'u'
      and c.conkey = array[(select a.attnum from pg_catalog.pg_attribute as a
                            where a.attrelid = c.conrelid and a.attname = 'key')]
  loop
    execute format('alter table public.system_settings drop constraint %I', v_constraint);
  end loop;
end
$$;
