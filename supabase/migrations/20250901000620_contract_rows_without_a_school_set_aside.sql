-- Tenancy, contract: the last two tenant tables whose rows may lack a school get it on every row.
--
-- user_permissions and timetable_conflicts kept rows without a school: a permission granted
-- to nobody (user_id null) and a conflict that names no section, course or teacher. Their
-- school comes from their links (the tenant guard), so such a row has none, and no API role
-- reads it (every policy compares the caller's school). A tenant table needs institution_id
-- on every row to be distributed by it (Citus refuses a null distribution column) and its key
-- (institution_id, id) (docs/scale-out.md "Keys"). The files after this one set those rows
-- aside here, each in the transaction that adds its table's check (so none slips in between),
-- then make institution_id NOT NULL and the key (institution_id, id).
--
-- Set aside, not deleted: each row as it was, with its table; the schema rollback
-- (migrator/rollback/plan.ts) puts them back. Out of the API: RLS on, no grants.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create table private.rows_without_a_school (
  table_name text not null,
  id uuid not null,
  row jsonb not null,
  set_aside_at timestamptz not null default now(),
  constraint rows_without_a_school_pkey primary key (table_name, id)
);
comment on table private.rows_without_a_school is
  'Rows of tenant tables that had no school at the contract (user_permissions granted to nobody, timetable_conflicts naming nothing), as they were; the schema rollback puts them back.';
alter table private.rows_without_a_school enable row level security;
revoke all on private.rows_without_a_school from anon, authenticated, service_role;

-- Moves p_table's rows without a school into private.rows_without_a_school and adds the NOT
-- VALID check institution_id is not null, in one transaction: ACCESS EXCLUSIVE on that table
-- (the check) from the move until the commit, so no row without a school comes in between.
-- Skipped where the database lacks the table.
create or replace function private.set_aside_rows_without_a_school(p_table text)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_moved integer;
begin
  if to_regclass(format('public.%I', p_table)) is null then
    return 0;
  end if;
  execute format('lock table public.%I in access exclusive mode', p_table);
  execute format(
    'with moved as (delete from public.%I as t where t.institution_id is null returning t.*)
     insert into private.rows_without_a_school (table_name, id, row)
     select %L, m.id, to_jsonb(m) from moved as m', p_table, 'public.' || p_table);
  get diagnostics v_moved = row_count;
  perform private.contract_allocation_table(p_table, 'check');
  return v_moved;
end
$$;
comment on function private.set_aside_rows_without_a_school(text) is
  'Contract helper: a tenant table''s rows without a school set aside in private.rows_without_a_school, then its NOT VALID check institution_id is not null.';
revoke all on function private.set_aside_rows_without_a_school(text) from public;
