-- Report generation and approvals (issue 5), part 5: the index the release job
-- (private.hpc_release_due_reports, every minute) reads: approved current cards with a
-- release date, across institutions.
--
-- This file holds only CREATE INDEX CONCURRENTLY, so the Supabase CLI runs it outside a
-- transaction (hpc_reports may already be live when this ships); `set` is session-wide.
-- If the build fails it leaves an INVALID index: drop it concurrently and re-run.
set lock_timeout = '50ms';
set statement_timeout = '0';

-- squawk-ignore ban-concurrent-index-creation-in-transaction
create index concurrently if not exists hpc_reports_release_due_idx
  on public.hpc_reports (release_at) where status = 'approved' and is_current and release_at is not null;
