-- Row level security, part 2 (see 20250201000200): tenant isolation of public.system_settings,
-- where this database has the table. A row with institution_id null is platform-wide; a
-- school's own rows carry its institution_id (20250101000121). Everyone signed in reads the
-- public and branding settings (their school's and the platform's), as BIG DAY's login and
-- header do; a school's admins read and change all of their school's settings; nobody
-- changes a platform-wide one through the API. ACCESS EXCLUSIVE on this small table only,
-- until the commit right after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

do $$
begin
  if to_regclass('public.system_settings') is null then
    return;
  end if;
  perform private.drop_existing_policies('public.system_settings');
  create policy "Signed-in users read public settings, institution admins all of theirs" on public.system_settings
    for select to authenticated
    using ((institution_id is null or institution_id = (select private.caller_institution_id()))
           and (category in ('public', 'branding')
                or (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()))));
  create policy "Institution admins add settings" on public.system_settings
    for insert to authenticated
    with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
  create policy "Institution admins change their institution's settings" on public.system_settings
    for update to authenticated
    using (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()))
    with check (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
  create policy "Institution admins remove settings" on public.system_settings
    for delete to authenticated
    using (institution_id = (select private.caller_institution_id()) and (select private.is_institution_admin()));
  revoke all on public.system_settings from anon;
  create trigger keep_row_in_its_institution
    before insert or update of institution_id on public.system_settings
    for each row execute function private.keep_row_in_its_institution('system_settings');
end
$$;
