-- A rating's level can be changed the way a caller changes any column.
--
-- The level of an evaluation is the pair (rubric_id, level_ordinal), kept honest by the
-- foreign key hpc_evaluations_level_fkey to (hpc_rubrics.id, ordinal). The trigger filled the
-- rubric only when rubric_id was null, so `update({ level_ordinal: 3 })` on a rated row kept
-- the old rubric_id and failed with 23503, and so did an upsert (its DO UPDATE sets the new
-- level but leaves rubric_id as stored). Now each column follows the one the caller changed:
--   * level_ordinal changed, rubric_id not: the level row of that ordinal on the parameter's
--     scale is looked up (as on insert); level_ordinal null clears rubric_id;
--   * rubric_id changed, level_ordinal not: level_ordinal becomes that level row's ordinal;
--   * both changed: taken as sent (the foreign key checks that they agree);
--   * statements_circled (Middle-stage self grid) still decides the level whenever it is set.
-- The trigger is renamed resolve_level so that it fires after keep_row_in_its_institution
-- (20250501000300): BEFORE triggers fire in name order, and the level lookup needs the row's
-- institution settled first.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function private.hpc_evaluation_derive_level()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_scale text;
  v_rubric uuid;
  v_ordinal bigint;
  v_level_changed boolean := tg_op = 'INSERT' or new.level_ordinal is distinct from old.level_ordinal;
  v_rubric_changed boolean := tg_op = 'INSERT' or new.rubric_id is distinct from old.rubric_id;
  -- what decides the level: 'statements', 'ordinal' (find the level row), 'rubric' (take its
  -- ordinal) or nothing (as sent; the foreign key checks the pair)
  v_from text;
begin
  if new.statements_circled is not null then
    v_from := 'statements';
  elsif tg_op = 'INSERT' then
    v_from := case
      when new.level_ordinal is not null and new.rubric_id is null then 'ordinal'
      when new.rubric_id is not null and new.level_ordinal is null then 'rubric'
    end;
  else
    v_from := case
      when v_level_changed and not v_rubric_changed then 'ordinal'
      when v_rubric_changed and not v_level_changed then 'rubric'
      when new.level_ordinal is not null and new.rubric_id is null then 'ordinal'
    end;
  end if;

  if v_from = 'rubric' then
    if new.rubric_id is null then
      new.level_ordinal := null;
    else
      -- an unknown level row (or another school's) leaves the ordinal as sent, and the
      -- foreign key refuses the pair
      select r.ordinal into v_ordinal
      from public.hpc_rubrics as r
      where r.institution_id = new.institution_id and r.id = new.rubric_id;
      if found then
        new.level_ordinal := v_ordinal;
      end if;
    end if;
  elsif v_from = 'ordinal' and new.level_ordinal is null then
    new.rubric_id := null;
  elsif v_from in ('statements', 'ordinal') then
    select p.scale_code into v_scale
    from public.hpc_parameters as p
    where p.institution_id = new.institution_id and p.id = new.parameter_id;

    select r.id, r.ordinal into v_rubric, v_ordinal
    from public.hpc_rubrics as r
    where r.institution_id = new.institution_id
      and r.scale_code = v_scale
      and r.active
      and (r.parameter_id is null or r.parameter_id = new.parameter_id)
      and case
            when v_from = 'statements'
              then new.statements_circled between r.self_statements_min and r.self_statements_max
            else r.ordinal = new.level_ordinal
          end
    order by (r.parameter_id is null), r.version desc
    limit 1;

    if v_rubric is null then
      raise exception 'hpc_evaluations: no active rubric level of scale % matches (statements_circled %, level_ordinal %)',
        v_scale, new.statements_circled, new.level_ordinal
        using errcode = '23514';
    end if;
    new.rubric_id := v_rubric;
    new.level_ordinal := v_ordinal;
  end if;
  if new.status = 'submitted' and new.submitted_at is null then
    new.submitted_at := now();
  end if;
  return new;
end
$$;
comment on function private.hpc_evaluation_derive_level() is
  'Trigger: rubric_id and level_ordinal follow whichever the caller changed (a typed level finds its level row on the parameter''s scale; a named level row gives its ordinal); circled statements decide the self-grid level.';
revoke all on function private.hpc_evaluation_derive_level() from public;

-- Renaming a trigger takes ACCESS EXCLUSIVE on the (new, HPC-only) table for an instant.
alter trigger derive_level on public.hpc_evaluations rename to resolve_level;
