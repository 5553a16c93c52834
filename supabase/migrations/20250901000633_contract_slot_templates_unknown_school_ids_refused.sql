-- Tenancy, contract (see 20250901000630): public.slot_templates stops registering
-- unknown school ids on the fly; its key refuses them. ACCESS EXCLUSIVE on this table only,
-- until this file commits. Skipped where the database lacks the table.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

do $$
begin
  if to_regclass('public.slot_templates') is not null then
    drop trigger if exists register_unknown_institution on public.slot_templates;
  end if;
end
$$;
