-- Drops BIG DAY's own checks on user_profiles.role (the allowed roles; "a student has an
-- admission number, everyone else an employee id"), superseded by the validated
-- user_profiles_role_allowed and user_profiles_identifier_by_role, which admit parents.
-- Their names differ between deployments (PostgreSQL's automatic ones, or chosen ones such
-- as check_student_fields), so they are found in the catalog: every check constraint of
-- user_profiles that reads the role column, but ours. Dropping a check is a catalog change
-- (brief ACCESS EXCLUSIVE, no scan).
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

do $$
declare
  v_check name;
begin
  for v_check in
    select c.conname
    from pg_catalog.pg_constraint as c
    where c.conrelid = 'public.user_profiles'::regclass
      and c.contype = 'c'
      and c.conname not in ('user_profiles_role_allowed', 'user_profiles_identifier_by_role')
      and (select a.attnum from pg_catalog.pg_attribute as a where a.attrelid = c.conrelid and a.attname = 'role') = any (c.conkey)
  loop
    execute format('alter table public.user_profiles drop constraint %I', v_check);
  end loop;
end
$$;
