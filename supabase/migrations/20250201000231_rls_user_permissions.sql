-- Row level security, part 2 (see 20250201000200): tenant isolation of
-- public.user_permissions, where this database has the table. Its existing policies (found
-- in the catalog) are replaced: its institution admins read them, its institution admins
-- write them, and the tenant guard keeps each row in its school (links:
-- user_profiles.user_id). ACCESS EXCLUSIVE on this table only, until the commit right
-- after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.scope_school_table('user_permissions', 'user permissions', 'admins', array['user_profiles.user_id']);

-- A person also reads their own permissions (BIG DAY's screens check them).
do $$
begin
  if to_regclass('public.user_permissions') is not null then
    create policy "People read their own permissions" on public.user_permissions
      for select to authenticated
      using (institution_id = (select private.current_institution_id()) and user_id = (select auth.uid()));
  end if;
end
$$;
