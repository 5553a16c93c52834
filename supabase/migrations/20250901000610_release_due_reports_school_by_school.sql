-- The release job publishes the due cards one school at a time.
--
-- It locked every due card of every school in one query (FOR UPDATE SKIP LOCKED), which Citus
-- refuses: it takes row locks only in a query on one shard ("could not run distributed query
-- with FOR UPDATE/SHARE commands"), so on a cluster the every-minute job failed and no
-- scheduled card was ever published. Now the schools with due cards are listed first, and
-- each school's cards are locked and published by a statement that names the school (one
-- shard group on Citus). Same cards, same result on one node: published at their release
-- date, a card another transaction holds is left for the next run.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function private.hpc_release_due_reports()
returns bigint
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_now timestamptz := now();
  v_school uuid;
  v_released bigint;
  v_total bigint := 0;
begin
  for v_school in
    select distinct r.institution_id
    from public.hpc_reports as r
    where r.status = 'approved' and r.is_current and r.release_at <= v_now
  loop
    with due as (
      select r.institution_id, r.id
      from public.hpc_reports as r
      where r.institution_id = v_school and r.status = 'approved' and r.is_current and r.release_at <= v_now
      for update skip locked
    ),
    done as (
      update public.hpc_reports as r
         set status = 'published', published_at = r.release_at
        from due
       where r.institution_id = due.institution_id and r.id = due.id
      returning 1
    )
    select count(*) into v_released from done;
    v_total := v_total + v_released;
  end loop;
  return v_total;
end
$$;
comment on function private.hpc_release_due_reports() is
  'pg_cron, every minute: publishes the approved current cards whose release date has come, one school at a time (Citus locks rows only within one shard).';
revoke all on function private.hpc_release_due_reports() from public;
