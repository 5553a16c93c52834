-- A card version embeds the version it superseded.
--
-- hpc_reports.supersedes_id names the published version a reopen replaced, through the
-- composite self-reference hpc_reports_supersedes_fkey (institution_id, supersedes_id). The
-- generated types list that relationship, but PostgREST 12.0.2 does not offer it
-- (`hpc_reports!hpc_reports_supersedes_fkey(...)` answers 400 PGRST200). A computed
-- relationship does the same job: `select('*, previous_version(version, status, content)')`.
-- Security invoker: hpc_reports' policies decide what the caller sees of the older version.
-- One card at a time is embedded this way, so the function is not inlined (it keeps the
-- project's fixed search_path) without cost that matters.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function public.previous_version(public.hpc_reports)
returns setof public.hpc_reports
rows 1
language plpgsql
stable
security invoker
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
    select r.*
    from public.hpc_reports as r
    where r.institution_id = $1.institution_id and r.id = $1.supersedes_id;
end
$$;
comment on function public.previous_version(public.hpc_reports) is
  'Computed relationship: the version this card version superseded (reopen), as the caller may see it.';
revoke all on function public.previous_version(public.hpc_reports) from public, anon;
grant execute on function public.previous_version(public.hpc_reports) to authenticated, service_role;
