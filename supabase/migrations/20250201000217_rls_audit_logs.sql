-- Row level security, part 2 (see 20250201000200): BIG DAY's own audit log.
-- ACCESS EXCLUSIVE on audit_logs only (the application inserts into it on every write),
-- until the commit right after.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

drop policy "Admins can view audit logs" on public.audit_logs;
drop policy "Authenticated users can write audit logs" on public.audit_logs;

-- audit_logs (BIG DAY's own log, no tenant column): written by the platform's server side,
-- read through the service role. No API role may touch it any more.
revoke all on public.audit_logs from authenticated;
create policy "Nobody reads BIG DAY audit logs through the API" on public.audit_logs
  for select to authenticated using (false);
