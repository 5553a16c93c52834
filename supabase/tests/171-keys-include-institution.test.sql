-- Keys that a distribution by institution_id can keep: on Citus every primary key, unique key
-- and foreign key between two distributed tables must include the distribution column, or the
-- table cannot be distributed. Read from the catalog, so a new table of an exposed schema is
-- covered the day it is created: every table there with an institution_id column is a tenant
-- table; its primary key leads with institution_id, each of its unique keys (constraint or
-- index) includes it, and each foreign key to another tenant table pairs institution_id with
-- institution_id and nulls nothing on delete (Citus refuses SET NULL / SET DEFAULT there, even
-- of the link column alone). The exceptions are listed with their reasons (docs/scale-out.md "Keys").
-- Then a table made to break each rule is caught, and its compliant twin is not. Last, the
-- index on id that stays beside each key (institution_id, id) of BIG DAY's tables: present,
-- chosen for a lookup by id alone, and required by the contract step that drops a key on id.
begin;
\ir support/tests-schema.sql
select plan(42);

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
                  where k.conkey[s] = t.institution_attnum and k.confkey[s] = p.institution_attnum)
union all
select t.name, k.conname, 'foreign key to a tenant table that nulls or defaults its columns on delete'
from t_tenant_tables as t
join pg_constraint as k on k.conrelid = t.oid and k.contype = 'f' and k.confdeltype in ('n', 'd')
join t_tenant_tables as p on p.oid = k.confrelid;

-- The allowed exceptions, each with the decision behind it.
create temporary table t_allowed (relation text, key text, reason text);
insert into t_allowed values
  ('user_groups', 'user_groups_pkey',
   'shared: BIG DAY''s default groups have no school; a reference table on Citus, so its key is its own'),
  ('user_groups', 'user_groups_parent_group_id_fkey', 'within the reference table user_groups'),
  ('user_profiles', 'fk_user_profiles_group_id', 'a tenant table pointing at the reference table user_groups: allowed on Citus'),
  ('system_settings', 'system_settings_pkey', 'shared: platform-wide settings have no school; a reference table on Citus'),
  ('system_reports', 'system_reports_pkey', 'platform rows: BIG DAY''s reports over every school have no school');

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
  good_parent_id uuid,
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
alter table public.t_keys_child add constraint t_keys_child_good_parent_fkey foreign key (institution_id, good_parent_id)
  references public.t_keys_good_parent (institution_id, id) on delete set null (good_parent_id);

select is(
  (select array_agg(format('%s %s: %s', v.relation, v.key, v.problem) order by v.relation, v.key)
   from t_key_violations as v where v.relation like 't_keys_%'),
  array[
    't_keys_child t_keys_child_code_idx: unique key without institution_id',
    't_keys_child t_keys_child_code_key: unique key without institution_id',
    't_keys_child t_keys_child_good_parent_fkey: foreign key to a tenant table that nulls or defaults its columns on delete',
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
-- Nor does it drop the key on id while no other index leads with id: every lookup by id
-- alone would then scan the table. With <table>_id_idx the key moves.
select throws_like(
  $$select private.promote_tenant_primary_key('t_keys_legacy')$$,
  'contract refused: public.t_keys_legacy has no index leading with id besides its primary key t_keys_legacy_pkey%',
  'without another index leading with id, the contract refuses to drop the key on id, naming the table and key');
create index t_keys_legacy_id_partial_idx on public.t_keys_legacy (id) where institution_id is not null;
select throws_like(
  $$select private.promote_tenant_primary_key('t_keys_legacy')$$,
  'contract refused: public.t_keys_legacy has no index leading with id%',
  'a partial index on id does not count: it serves only the lookups that repeat its condition');
select col_is_pk('public', 't_keys_legacy', array['id'], 'after each refusal the key on id is still there');
create index t_keys_legacy_id_idx on public.t_keys_legacy (id);
select private.promote_tenant_primary_key('t_keys_legacy');
select col_is_pk('public', 't_keys_legacy', array['institution_id', 'id'], 'with both, the primary key becomes (institution_id, id)');

-- The 15 BIG DAY tables whose key became (institution_id, id) keep a plain index on id
-- (20250901000401, 20250901000410..417): the request context finds the caller by auth.uid(), the triggers
-- check links by id, PostgREST filters id=eq., and rows are found from auth.users by id.
create temporary table t_id_indexed (name text);
insert into t_id_indexed values
  ('user_profiles'), ('academic_terms'), ('courses'), ('cohorts'), ('sections'), ('section_students'), ('section_courses'),
  ('teacher_subject_eligibility'), ('teacher_grade_eligibility'), ('teacher_load_rules'), ('slot_templates'),
  ('allocation_settings'), ('slot_template_assignments'), ('timetables'), ('timetable_sessions');

select col_is_pk('public', t.name, array['institution_id', 'id'], format('%s has primary key (institution_id, id)', t.name))
from t_id_indexed as t order by t.name;
select has_index('public', t.name, t.name || '_id_idx', array['id'], format('%s has %s_id_idx on (id)', t.name, t.name))
from t_id_indexed as t order by t.name;

select is(
  (select array_agg(t.name order by t.name) from t_id_indexed as t
   where not exists (select 1 from pg_index as i join pg_class as c on c.oid = i.indexrelid
                     where i.indrelid = format('public.%I', t.name)::regclass and c.relname = t.name || '_id_idx'
                       and not i.indisunique and i.indisvalid and i.indpred is null)),
  null,
  'each id index is valid, whole-table and not unique (the key (institution_id, id) is the constraint)');

-- Chosen: with a sequential scan ruled out, a lookup by id alone takes the id index, not a
-- walk of the whole key (institution_id, id).
create function pg_temp.id_lookup_plan(p_table text) returns text
language plpgsql as $$
declare
  v_line text;
  v_plan text := '';
begin
  for v_line in execute format('explain (costs off) select * from public.%I where id = %L::uuid', p_table, gen_random_uuid()) loop
    v_plan := v_plan || v_line || E'\n';
  end loop;
  return v_plan;
end
$$;
set local enable_seqscan = off;
select is(
  (select array_agg(t.name order by t.name) from t_id_indexed as t
   where pg_temp.id_lookup_plan(t.name) !~ format('(using|on) %s_id_idx\y', t.name)),
  null,
  'a lookup by id alone on each of the 15 tables uses its id index');
reset enable_seqscan;

-- And at volume, with the planner free: 5,000 more profiles in one school, the lookup by id
-- that the request context makes is an index scan on user_profiles_id_idx.
create temporary table t_volume as
select gen_random_uuid() as id, format('keys-test-%s@vidyaniketan.example', g) as email, g from generate_series(1, 5000) as g;
insert into auth.users (id, aud, role, email) select v.id, 'authenticated', 'authenticated', v.email from t_volume as v;
insert into public.user_profiles (id, institution_id, full_name, email, admission_number, role)
select v.id, '10000000-0000-4000-8000-000000000001', format('Keys test %s', v.g), v.email, format('K171-%s', v.g), 'student'
from t_volume as v;
analyze public.user_profiles;
select matches(
  pg_temp.id_lookup_plan('user_profiles'),
  '^Index Scan using user_profiles_id_idx on user_profiles',
  'with 5,000 more rows a lookup of a profile by id is an index scan on user_profiles_id_idx');

select * from finish();
rollback;
