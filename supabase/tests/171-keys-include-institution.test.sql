-- Keys that a distribution by institution_id can keep: on Citus every primary key, unique key
-- and foreign key between two distributed tables must include the distribution column, or the
-- table cannot be distributed. Read from the catalog, so a new table of an exposed schema is
-- covered the day it is created: every table there with an institution_id column is a tenant
-- table; its primary key leads with institution_id, each of its unique keys (constraint or
-- index) includes it, and each foreign key to another tenant table pairs institution_id with
-- institution_id. The exceptions are listed with their reasons (docs/scale-out.md "Keys").
-- Last, a table made to break each rule is caught, and its compliant twin is not.
begin;
\ir support/tests-schema.sql
select plan(6);

create temporary view t_tenant_tables as
select c.oid, c.oid::regclass::text as name, a.attnum as institution_attnum
from pg_class as c
join pg_namespace as n on n.oid = c.relnamespace
join pg_attribute as a on a.attrelid = c.oid and a.attname = 'institution_id' and not a.attisdropped
where n.nspname = any (string_to_array(replace(current_setting('pgrst.db_schemas'), ' ', ''), ','))
  and c.relkind in ('r', 'p') and not c.relispartition;

create temporary view t_key_violations as
select t.name as relation, t.name || ' (no primary key)' as key, 'has no primary key' as problem
from t_tenant_tables as t
where not exists (select 1 from pg_constraint as k where k.conrelid = t.oid and k.contype = 'p')
union all
select t.name, k.conname, 'primary key does not lead with institution_id'
from t_tenant_tables as t join pg_constraint as k on k.conrelid = t.oid and k.contype = 'p'
where k.conkey[1] <> t.institution_attnum
union all
select t.name, i.indexrelid::regclass::text, 'unique key without institution_id'
from t_tenant_tables as t join pg_index as i on i.indrelid = t.oid and i.indisunique and not i.indisprimary
where not (t.institution_attnum = any (i.indkey::int2[]))
union all
select t.name, k.conname, 'foreign key to a tenant table without institution_id on both sides'
from t_tenant_tables as t
join pg_constraint as k on k.conrelid = t.oid and k.contype = 'f'
join t_tenant_tables as p on p.oid = k.confrelid
where not exists (select 1 from generate_subscripts(k.conkey, 1) as s
                  where k.conkey[s] = t.institution_attnum and k.confkey[s] = p.institution_attnum);

-- The allowed exceptions, each with the decision behind it.
create temporary table t_allowed (relation text, key text, reason text);
insert into t_allowed values
  ('user_groups', 'user_groups_pkey',
   'shared: BIG DAY''s default groups have no school; a reference table on Citus, so its key is its own'),
  ('user_groups', 'user_groups_parent_group_id_fkey', 'within the reference table user_groups'),
  ('user_profiles', 'fk_user_profiles_group_id', 'a tenant table pointing at the reference table user_groups: allowed on Citus'),
  ('system_settings', 'system_settings_pkey', 'shared: platform-wide settings have no school; a reference table on Citus'),
  ('system_reports', 'system_reports_pkey', 'platform rows: BIG DAY''s reports over every school have no school'),
  ('user_permissions', 'user_permissions_pkey', 'rows without a school by decision: a permission granted to nobody'),
  ('timetable_conflicts', 'timetable_conflicts_pkey', 'rows without a school by decision: a conflict naming no section, course or teacher'),
  ('audit_events', 'audit_events_pkey',
   'partitioned by occurred_at, which every key must include; institution_id joins it when the audit log is distributed');

select is(
  (select array_agg(format('%s %s: %s', v.relation, v.key, v.problem) order by v.relation, v.key)
   from t_key_violations as v
   where not exists (select 1 from t_allowed as a where a.relation = v.relation and a.key = v.key)),
  null,
  'every primary, unique and foreign key between tenant tables of the exposed schemas includes institution_id');

select is(
  (select array_agg(format('%s %s', a.relation, a.key) order by a.relation, a.key)
   from t_allowed as a
   where not exists (select 1 from t_key_violations as v where v.relation = a.relation and v.key = a.key)),
  null,
  'every listed exception still breaks the rule (the list only shrinks)');

-- A table made to break each rule, and a compliant twin.
create table public.t_keys_parent (institution_id uuid not null, id uuid primary key);
create table public.t_keys_child (
  institution_id uuid not null,
  id uuid not null,
  code text unique,
  parent_id uuid references public.t_keys_parent (id),
  primary key (id, institution_id)
);
create table public.t_keys_good_parent (institution_id uuid not null, id uuid not null, primary key (institution_id, id));
create table public.t_keys_good_child (
  institution_id uuid not null,
  id uuid not null,
  code text,
  parent_id uuid,
  primary key (institution_id, id),
  unique (code, institution_id),
  foreign key (institution_id, parent_id) references public.t_keys_good_parent (institution_id, id)
);
create unique index t_keys_child_code_idx on public.t_keys_child (lower(code));

select is(
  (select array_agg(format('%s %s: %s', v.relation, v.key, v.problem) order by v.relation, v.key)
   from t_key_violations as v where v.relation like 't_keys_%'),
  array[
    't_keys_child t_keys_child_code_idx: unique key without institution_id',
    't_keys_child t_keys_child_code_key: unique key without institution_id',
    't_keys_child t_keys_child_parent_id_fkey: foreign key to a tenant table without institution_id on both sides',
    't_keys_child t_keys_child_pkey: primary key does not lead with institution_id',
    't_keys_parent t_keys_parent_pkey: primary key does not lead with institution_id'
  ],
  'a table breaking each rule is named, once per key, and its compliant twin is not');

create table public.t_keys_no_primary (institution_id uuid not null, id uuid);
select is(
  (select array_agg(v.problem) from t_key_violations as v where v.relation = 't_keys_no_primary'),
  array['has no primary key'],
  'a tenant table without a primary key is named');

-- The contract's own step: a table it does not know that references a BIG DAY table by id
-- alone stops the primary key move with a reason, instead of losing its key; without it the
-- key moves to (institution_id, id).
create table public.t_keys_legacy (institution_id uuid not null, id uuid primary key);
create unique index t_keys_legacy_tenant_pkey on public.t_keys_legacy (institution_id, id);
create table public.t_keys_unknown (id uuid primary key, legacy_id uuid references public.t_keys_legacy (id));
select throws_like(
  $$select private.promote_tenant_primary_key('t_keys_legacy')$$,
  'contract refused: public.t_keys_unknown (t_keys_unknown_legacy_id_fkey) still reference public.t_keys_legacy by id alone',
  'a key by id from an unknown table refuses the primary key move, naming it');
drop table public.t_keys_unknown;
select private.promote_tenant_primary_key('t_keys_legacy');
select col_is_pk('public', 't_keys_legacy', array['institution_id', 'id'], 'without it, the primary key becomes (institution_id, id)');

select * from finish();
rollback;
