-- institution_id of every HPC table defaults to the caller's school, as on BIG DAY's tables.
--
-- Before, an insert through the API without institution_id reached the level trigger with a
-- null school and failed with a misleading "no active rubric level of scale <NULL>" (23514).
-- Each tenant HPC table now gets what the BIG DAY tables got in their contract
-- (20250901000310..316): the column default private.current_institution_id(), which also
-- makes institution_id optional in the generated Insert types, and the same tenant guard
-- trigger, private.keep_row_in_its_institution():
--   * institution_id never changes once set (42501);
--   * a service-role insert without a school is refused with a message saying what to send
--     (23502; there is no signed-in user to take it from);
--   * a signed-in user's new row that names another institution is refused with 42501 and a
--     message that says so, instead of the policy's anonymous "new row violates row-level
--     security policy" (the guard is defined once, in 20250201000200).
-- The guard is named keep_row_in_its_institution on every table; BEFORE triggers fire in
-- name order, so it runs before resolve_level and stamp_row_authorship.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

-- The 11 HPC tables are new (created in 20250101000900): setting a default and adding a
-- trigger only touch the catalog, each under a brief ACCESS EXCLUSIVE lock of an HPC table.
do $$
declare
  v_table text;
begin
  foreach v_table in array array[
    'hpc_parameters', 'hpc_rubrics', 'hpc_parameter_assignments', 'hpc_evaluation_cycles',
    'hpc_evaluations', 'hpc_reports', 'hpc_approval_workflows', 'hpc_analytics',
    'hpc_achievements', 'hpc_reflections', 'hpc_conversations'
  ] loop
    execute format('alter table public.%I alter column institution_id set default private.current_institution_id()', v_table);
    execute format(
      'create trigger keep_row_in_its_institution before insert or update of institution_id on public.%I
         for each row execute function private.keep_row_in_its_institution()', v_table);
  end loop;
end
$$;
