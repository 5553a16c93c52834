-- A write that a closed cycle refuses raises an error instead of changing nothing.
--
-- Ratings (hpc_evaluations) and reflections (hpc_reflections) are written by their authors
-- only while their cycle is open. That rule sat in the USING clause of the UPDATE and DELETE
-- policies, so a teacher correcting a rating after the cycle closed got 204 / [] from the
-- API: the row was filtered away as if it did not exist. Now:
--   * the policies' USING clauses keep only who may touch the row (their own ratings and
--     reflections; rows of others stay invisible and untouched, exactly as before);
--   * a BEFORE trigger, only_while_cycle_open, refuses every API write (role authenticated)
--     of a row whose cycle is not open with our code HP422 (HTTP 422 through PostgREST:
--     not a valid change in the cycle's current state) and a message naming the cycle and
--     its status. It reads the cycle as the caller (security invoker): a cycle the caller
--     cannot see leaves the decision to the policies. The workflow functions (security
--     definer) and server jobs are not the API role and are not affected.
--   * INSERT keeps its policy check (may_rate includes the open cycle); the trigger fires
--     before it, so an insert into a closed cycle gets the same HP422 instead of 42501.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function private.hpc_refuse_outside_open_cycle()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_cycle record;
begin
  if current_user <> 'authenticated' then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  for v_cycle in
    select c.name, c.status
    from public.hpc_evaluation_cycles as c
    where (tg_op <> 'DELETE' and c.institution_id = new.institution_id and c.id = new.cycle_id)
       or (tg_op <> 'INSERT' and c.institution_id = old.institution_id and c.id = old.cycle_id)
  loop
    if v_cycle.status <> 'open' then
      perform private.raise_api_error('HP422',
        format('The evaluation cycle "%s" is %s: its %s can no longer be changed.', v_cycle.name, v_cycle.status,
               case when tg_table_name like 'hpc_evaluations%' then 'ratings' else 'reflections' end),
        null,
        'Ratings and reflections are entered, changed and withdrawn only while their cycle is open.');
    end if;
  end loop;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
comment on function private.hpc_refuse_outside_open_cycle() is
  'Trigger: an API write (role authenticated) of a rating or reflection whose cycle is not open raises HP422 (HTTP 422) naming the cycle.';
revoke all on function private.hpc_refuse_outside_open_cycle() from public;
grant execute on function private.hpc_refuse_outside_open_cycle() to authenticated;

create trigger only_while_cycle_open
  before insert or update or delete on public.hpc_evaluations
  for each row execute function private.hpc_refuse_outside_open_cycle();
create trigger only_while_cycle_open
  before insert or update or delete on public.hpc_reflections
  for each row execute function private.hpc_refuse_outside_open_cycle();

-- The policies without the open-cycle filter (replaced in one transaction: no moment
-- without a policy).
drop policy "Raters change their ratings while the cycle is open" on public.hpc_evaluations;
create policy "Raters change their own ratings" on public.hpc_evaluations
  for update to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and rater_id = (select auth.uid())
  )
  with check (
    institution_id = (select private.hpc_institution_id())
    and rater_id = (select auth.uid())
    and private.may_rate(cycle_id, student_id, parameter_id, rater_role)
  );
drop policy "Raters withdraw draft ratings while the cycle is open" on public.hpc_evaluations;
create policy "Raters withdraw their own draft ratings" on public.hpc_evaluations
  for delete to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and rater_id = (select auth.uid())
    and status = 'draft'
  );

drop policy "Authors edit their reflections while the cycle is open" on public.hpc_reflections;
create policy "Authors edit their own reflections" on public.hpc_reflections
  for update to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and author_id = (select auth.uid())
  )
  with check (
    institution_id = (select private.hpc_institution_id())
    and author_id = (select auth.uid())
    and cycle_id = any ((select private.open_cycle_ids())::uuid[])
    and (
      (author_role = 'self' and student_id = (select auth.uid()))
      or (author_role = 'parent' and student_id = any ((select private.child_ids())::uuid[]))
    )
  );
drop policy "Authors remove draft reflections while the cycle is open" on public.hpc_reflections;
create policy "Authors remove their own draft reflections" on public.hpc_reflections
  for delete to authenticated
  using (
    institution_id = (select private.hpc_institution_id())
    and author_id = (select auth.uid())
    and status = 'draft'
  );
