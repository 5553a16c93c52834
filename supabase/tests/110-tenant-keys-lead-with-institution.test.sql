-- Citus-readiness, read from the catalog: every key of a tenant table includes
-- institution_id, every foreign key between tenant tables leads with it on both sides, and
-- BIG DAY's class structure is joined by exactly one composite key per pair.
begin;
\ir support/tests-schema.sql
select plan(6);

-- Tenant tables: every public table with a NOT NULL institution_id, BIG DAY's own included
-- since the contract gave them keys (institution_id, id) (20250901000400); the tables that
-- keep rows without a school are nullable and listed in 171-keys-include-institution.
create temporary view t_tenant as
select c.oid, c.relname::text as name
from pg_class as c
join pg_attribute as a on a.attrelid = c.oid and a.attname = 'institution_id' and a.attnotnull and not a.attisdropped
where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition;

select cmp_ok((select count(*)::int from t_tenant), '>=', 29, 'the HPC tables, the people/flag tables and BIG DAY''s tables are tenant tables');

select is(
  (select array_agg(format('%s.%s', t.name, i.indexrelid::regclass) order by 1)
   from t_tenant as t join pg_index as i on i.indrelid = t.oid
   where (i.indisprimary or i.indisunique)
     and not exists (select 1 from pg_attribute as a
                     where a.attrelid = t.oid and a.attname = 'institution_id' and a.attnum = any (i.indkey::int2[]))),
  null,
  'every primary key, unique constraint and unique index of a tenant table includes institution_id');

select is(
  (select array_agg(format('%s.%s', t.name, c.conname) order by 1)
   from t_tenant as t join pg_constraint as c on c.conrelid = t.oid and c.contype = 'f'
   where c.confrelid <> 'public.institutions'::regclass
     and (c.confrelid in (select oid from t_tenant)
          or c.confrelid in ('public.user_profiles'::regclass, 'public.academic_terms'::regclass, 'public.courses'::regclass,
                             'public.cohorts'::regclass, 'public.sections'::regclass, 'public.section_students'::regclass,
                             'public.section_courses'::regclass))
     and not (c.conkey[1] = (select a.attnum from pg_attribute as a where a.attrelid = t.oid and a.attname = 'institution_id')
              and c.confkey[1] = (select a.attnum from pg_attribute as a where a.attrelid = c.confrelid and a.attname = 'institution_id'))),
  null,
  'every foreign key from a tenant table to another tenant table leads with institution_id on both sides');

select is(
  (select array_agg(t.name order by 1) from t_tenant as t
   where not exists (select 1 from pg_constraint as c
                     where c.conrelid = t.oid and c.contype = 'f' and c.confrelid = 'public.institutions'::regclass)
     and t.name <> 'audit_events'),
  null,
  'every tenant table references institutions');

-- BIG DAY's class structure after the contract: each key by id replaced by its composite
-- (institution_id, fk) key, never both (BIG DAY's app embeds through these pairs, and
-- PostgREST refuses an embed between two tables joined by two keys: PGRST201).
select is(
  (select array_agg(f.conrelid::regclass::text || '.' || f.conname order by 1)
   from pg_constraint as f
   where f.contype = 'f'
     and f.conrelid in ('public.academic_terms'::regclass, 'public.courses'::regclass, 'public.cohorts'::regclass,
                        'public.sections'::regclass, 'public.section_students'::regclass, 'public.section_courses'::regclass,
                        'public.user_profiles'::regclass)
     and f.confrelid in ('public.academic_terms'::regclass, 'public.courses'::regclass, 'public.cohorts'::regclass,
                         'public.sections'::regclass, 'public.section_students'::regclass, 'public.section_courses'::regclass,
                         'public.user_profiles'::regclass)
     and cardinality(f.conkey) = 1),
  null,
  'no class-structure key of BIG DAY by id alone remains');
select is(
  (select array_agg(format('%s -> %s: %s', p.child, p.parent, coalesce(n.keys, 0)) order by 1)
   from (values ('sections', 'cohorts'), ('cohorts', 'academic_terms'), ('section_courses', 'courses'),
                ('section_courses', 'user_profiles'), ('section_students', 'user_profiles'), ('timetable_sessions', 'courses'),
                ('timetable_sessions', 'user_profiles'), ('timetables', 'sections'), ('timetables', 'academic_terms'),
                ('slot_template_assignments', 'slot_templates')) as p (child, parent)
   left join lateral (
     select count(*)::int as keys from pg_constraint as c
     where c.contype = 'f' and c.conrelid = format('public.%I', p.child)::regclass and c.confrelid = format('public.%I', p.parent)::regclass
   ) as n on true
   where coalesce(n.keys, 0) <> 1),
  null,
  'each pair of tables BIG DAY''s app embeds through is joined by exactly one key (no PGRST201)');

select * from finish();
rollback;
