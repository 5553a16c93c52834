-- Row level security, part 2 (see 20250201000200): tenant isolation of
-- public.user_permissions, where this database has the table. Its existing policies (found
-- in the catalog) are replaced: its institution admins and the person read them, its
-- institution admins write them, and the tenant guard keeps each row in its school (links:
-- user_profiles.user_id). ACCESS EXCLUSIVE on this table only, until the commit right
-- after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.scope_school_table('user_permissions', 'user permissions', 'admins', array['user_profiles.user_id']);

-- A person also reads their own permissions (BIG DAY's screens check them): one read policy
-- for both, as several permissive policies for one action are each evaluated for every row.
do $$
begin
  if to_regclass('public.user_permissions') is not null then
    drop policy "Institution admins read their institution's user permissions" on public.user_permissions;
    create policy "Institution admins and the person read user permissions" on public.user_permissions
      for select to authenticated
      using (institution_id = (select private.current_institution_id())
             and ((select private.is_institution_admin()) or user_id = (select auth.uid())));
  end if;
end
$$;
