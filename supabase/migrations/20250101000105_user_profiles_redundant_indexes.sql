-- BIG DAY indexes user_profiles' e-mail, admission number and employee id twice: once by
-- their unique constraints and once more by plain indexes on the same columns. The plain
-- ones answer no query the unique ones do not, and every write to a profile (the backfill's
-- million among them) pays for them. They are found in the catalog, not by name: an index
-- that is not a constraint's, with the same columns, operator classes, expressions and
-- predicate as a unique or primary key constraint's index of the same table. Rollback
-- restores them from the snapshot.
-- Locks: DROP INDEX takes ACCESS EXCLUSIVE on public.user_profiles for the moment of the drop
-- (no scan); user_profiles is the only table this file touches.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create or replace function private.drop_redundant_indexes(p_table regclass)
returns setof text
language plpgsql
set search_path = ''
as $$
declare
  v_index text;
begin
  for v_index in
    select plain.indexrelid::regclass::text
    from pg_catalog.pg_index as plain
    where plain.indrelid = p_table
      and not exists (select 1 from pg_catalog.pg_constraint as c where c.conindid = plain.indexrelid)
      and exists (
        select 1
        from pg_catalog.pg_index as kept
        join pg_catalog.pg_constraint as c on c.conindid = kept.indexrelid and c.contype in ('p', 'u')
        where kept.indrelid = plain.indrelid
          and kept.indkey = plain.indkey
          and kept.indclass = plain.indclass
          and (select a.amname from pg_catalog.pg_class as k join pg_catalog.pg_am as a on a.oid = k.relam where k.oid = kept.indexrelid)
            = (select a.amname from pg_catalog.pg_class as k join pg_catalog.pg_am as a on a.oid = k.relam where k.oid = plain.indexrelid)
          and coalesce(pg_catalog.pg_get_expr(kept.indexprs, kept.indrelid), '') = coalesce(pg_catalog.pg_get_expr(plain.indexprs, plain.indrelid), '')
          and coalesce(pg_catalog.pg_get_expr(kept.indpred, kept.indrelid), '') = coalesce(pg_catalog.pg_get_expr(plain.indpred, plain.indrelid), ''))
  loop
    execute format('drop index %s', v_index);
    return next v_index;
  end loop;
end
$$;
comment on function private.drop_redundant_indexes(regclass) is
  'Migration helper: drops the indexes of a table that repeat a unique or primary key constraint''s index.';
revoke all on function private.drop_redundant_indexes(regclass) from public;

select private.drop_redundant_indexes('public.user_profiles');
