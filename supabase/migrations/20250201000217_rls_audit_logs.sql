-- Row level security, part 2 (see 20250201000200): BIG DAY's own audit log.
-- ACCESS EXCLUSIVE on audit_logs only (the application inserts into it on every write),
-- until the commit right after.
--
-- audit_logs has no tenant column and no path to a school (its user ids point at
-- auth.users, its record ids are free text). Decision: no API role reads it; the service
-- role does. Rows still come in through the API: BIG DAY's profile trigger runs as the
-- caller and logs each change the caller makes, so a signed-in user may add rows that name
-- themselves as the one who acted, and nothing else.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

select private.drop_existing_policies('public.audit_logs');
revoke all on public.audit_logs from anon, authenticated;
grant insert on public.audit_logs to authenticated;
create policy "Signed-in users log the changes they make" on public.audit_logs
  for insert to authenticated with check (performed_by = (select private.caller_id()));
create policy "Nobody reads BIG DAY audit logs through the API" on public.audit_logs
  for select to authenticated using (false);
