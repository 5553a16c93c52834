-- The two tenant helpers every HPC policy calls first, as plpgsql (issue 7's scale benchmark).
--
-- private.current_institution_id() (20250101000300) and private.hpc_enabled() (20250101000700)
-- were the last `language sql` helpers behind the policies. A security definer SQL function
-- is never inlined, so each statement that calls it plans its body again; plpgsql keeps the
-- plan for the session, like the other RLS helpers (20250201000100). Same bodies,
-- volatility, security, search_path and grants (create or replace keeps the grants).
-- The saving is a couple of trivial plans per request (tens of microseconds): on the large
-- preset the parent's card read went 0.31 → 0.27 ms p50 unprepared, within the noise of a
-- shared machine (benchmarks/scale/RESULTS.md); most of the unprepared overhead of the
-- partitioned reads is planning the 10 partitions, which prepared statements remove.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function private.current_institution_id()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select p.institution_id
    from public.user_profiles as p
    where p.id = (select auth.uid()));
end
$$;

create or replace function private.hpc_enabled(p_institution_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return coalesce(
    (select f.enabled
     from public.institution_feature_flags as f
     where f.institution_id = p_institution_id and f.feature = 'hpc'),
    false);
end
$$;
