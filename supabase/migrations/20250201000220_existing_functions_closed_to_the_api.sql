-- Row level security, part 2 (see 20250201000200): functions of the existing database.
--
-- A security definer function runs past every policy. BIG DAY's (search_users, which
-- returns the profiles of every school; an older deployment's is_admin) are executable by
-- anon and every signed-in user under Supabase's default privileges, and none pins its
-- search_path. Each security definer function in public that is not the HPC's own (those
-- are hpc_* and scope themselves to the caller's school) is found in the catalog and closed
-- to the API roles. Every function of the existing database without a pinned search_path
-- (BIG DAY's trigger functions too: a caller's search_path could redirect the audit
-- trigger's unqualified insert) gets `public, pg_temp`, the path its unqualified names were
-- written against. service_role and the owner keep them, so server-side callers are
-- unaffected. The runner's snapshot restores the grants and settings on rollback.
-- Locks: ALTER FUNCTION and REVOKE touch only the functions' catalog rows.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

do $$
declare
  v_function regprocedure;
  v_definer boolean;
  v_pinned boolean;
begin
  for v_function, v_definer, v_pinned in
    select p.oid::regprocedure, p.prosecdef,
           exists (select 1 from unnest(p.proconfig) as c where c like 'search_path=%')
    from pg_catalog.pg_proc as p
    where p.pronamespace = 'public'::regnamespace
      and p.proname not like 'hpc\_%'
      and not exists (select 1 from pg_catalog.pg_depend as d
                      where d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
  loop
    if v_definer then
      execute format('revoke execute on function %s from public, anon, authenticated', v_function);
      execute format('grant execute on function %s to service_role', v_function);
    end if;
    if not v_pinned then
      execute format('alter function %s set search_path = public, pg_temp', v_function);
    end if;
  end loop;
end
$$;
