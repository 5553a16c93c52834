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

-- The computed relationship previous_version(hpc_reports) on a Citus cluster.
--
-- Citus sends a query on hpc_reports to the shard of each school, and a whole-row argument
-- goes with it as the shard's row type: the worker runs
-- `public.previous_version(hpc_reports_104065)`, for which previous_version(hpc_reports)
-- has no match. This overload takes any row and serves the shard: a version and the one it
-- superseded belong to the same school, so they live on the same shard, which it reads
-- directly (on a shard, a query on the distributed table would be refused as nested
-- distributed execution). On one node, and on the coordinator, previous_version(hpc_reports)
-- matches exactly and this overload is never chosen; given a row that is not a shard of
-- hpc_reports it returns nothing. PostgREST offers a computed relationship only for a
-- function whose argument is a table's row type, so the API is unchanged.
-- Security invoker: the shard carries hpc_reports' policies, which decide what the caller
-- sees of the older version, as on one node.
create or replace function public.previous_version(p_report record)
returns setof public.hpc_reports
rows 1
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_shard regclass;
begin
  select c.oid::regclass
  into v_shard
  from pg_catalog.pg_class as c
  join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
  where c.reltype = pg_catalog.pg_typeof(p_report)::oid
    and n.nspname = 'public'
    and c.relname ~ '^hpc_reports_[0-9]+$'
    and c.relkind = 'r';
  if v_shard is null then
    return;
  end if;
  return query execute pg_catalog.format(
    'select r.* from %s as r where r.institution_id = $1 and r.id = $2', v_shard)
    using p_report.institution_id, p_report.supersedes_id;
end
$$;
comment on function public.previous_version(record) is
  'previous_version(hpc_reports) on a Citus shard, where the row has the shard''s type: the superseded version from the same shard.';
revoke all on function public.previous_version(record) from public, anon;
grant execute on function public.previous_version(record) to authenticated, service_role;
