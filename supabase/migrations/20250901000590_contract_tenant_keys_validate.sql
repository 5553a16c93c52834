-- Tenancy, contract (see 20250901000400): validates every composite key (institution_id, fk) →
-- (institution_id, id) left NOT VALID by 20250901000420..541, on whichever tables this database
-- has. VALIDATE takes SHARE UPDATE EXCLUSIVE on the key's table and ROW SHARE on its parent:
-- reads and writes go on while it scans.
set local lock_timeout = '50ms';
set local statement_timeout = '15min';

do $$
declare
  v_key record;
begin
  for v_key in
    select c.conrelid::regclass as tbl, c.conname
    from pg_catalog.pg_constraint as c
    join pg_catalog.pg_attribute as a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and not c.convalidated and a.attname = 'institution_id'
      and c.connamespace = 'public'::regnamespace
    order by c.conrelid::regclass::text, c.conname
  loop
    execute format('alter table %s validate constraint %I', v_key.tbl, v_key.conname);
  end loop;
end
$$;
