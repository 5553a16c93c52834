-- Tenancy, contract (see 20250901000630): public.courses stops registering
-- unknown school ids on the fly; its key refuses them. ACCESS EXCLUSIVE on this table only,
-- until this file commits. Skipped where the database lacks the table.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

do $$
begin
  if to_regclass('public.courses') is not null then
    drop trigger if exists register_unknown_institution on public.courses;
  end if;
end
$$;
