-- Tenancy, contract (see 20250901000630): public.allocation_settings stops registering
-- unknown school ids on the fly; its key refuses them. ACCESS EXCLUSIVE on this table only,
-- until this file commits. Skipped where the database lacks the table. The bridge's function
-- goes last.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

do $$
begin
  if to_regclass('public.allocation_settings') is not null then
    drop trigger if exists register_unknown_institution on public.allocation_settings;
  end if;
end
$$;

-- restrict (the default, spelled out): a trigger that still used it stops this migration,
-- naming it, instead of going silently.
drop function if exists private.register_unknown_institution() restrict;
