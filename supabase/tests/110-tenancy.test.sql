-- Tenancy: the Citus-readiness invariants read from the catalog, cross-tenant references
-- refused by the composite keys, and the tenancy helpers.
begin;
\ir support/tests-schema.sql
select plan(34);

-- Tenant tables: every public table with a NOT NULL institution_id, except BIG DAY's own.
-- Its class structure is still being expanded (its keys are checked separately below); its
-- allocation and timetable tables keep their single-column keys, which its app embeds
-- through, and the tenant guard trigger keeps their links within a school (tests/migration).
create temporary view t_tenant as
select c.oid, c.relname::text as name
from pg_class as c
join pg_attribute as a on a.attrelid = c.oid and a.attname = 'institution_id' and a.attnotnull and not a.attisdropped
where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
  and c.relname not in ('user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections', 'section_students', 'section_courses',
                        'teacher_subject_eligibility', 'teacher_grade_eligibility', 'teacher_load_rules', 'slot_templates',
                        'slot_template_assignments', 'timetables', 'timetable_sessions', 'allocation_settings');

select cmp_ok((select count(*)::int from t_tenant), '>=', 14, 'the 11 HPC tables and the people/flag tables are tenant tables');

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

-- Cross-tenant references cannot be inserted ------------------------------------------------
-- Vidya Niketan (institution 1) rows pointing at Sunrise (institution 2) people and cycles.
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
    values ('10000000-0000-4000-8000-000000000001', md5('cycle:1:1')::uuid,
            '00000000-0000-4000-a000-000000000014', md5('parameter:1:PR-MATH-AWA')::uuid,
            'teacher', '00000000-0000-4000-a000-000000000002')$$,
  '23503', null, 'an evaluation cannot name a student of another institution');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
    values ('10000000-0000-4000-8000-000000000001', md5('cycle:2:1')::uuid,
            '00000000-0000-4000-a000-000000000003', md5('parameter:1:PR-MATH-AWA')::uuid,
            'teacher', '00000000-0000-4000-a000-000000000002')$$,
  '23503', null, 'an evaluation cannot belong to a cycle of another institution');
select throws_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
    values ('10000000-0000-4000-8000-000000000001', md5('cycle:1:1')::uuid,
            '00000000-0000-4000-a000-000000000003', md5('parameter:1:PR-MATH-AWA')::uuid,
            'teacher', '00000000-0000-4000-a000-000000000013')$$,
  '23503', null, 'a teacher of another institution cannot rate');
select throws_ok(
  $$insert into public.hpc_reports (institution_id, cycle_id, student_id, version, is_current)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:1')::uuid, '00000000-0000-4000-a000-000000000003', 1, false)$$,
  '23503', null, 'a report cannot be written for a student of another institution');
select throws_ok(
  $$insert into public.student_guardians (institution_id, student_id, guardian_id, relationship)
    values ('10000000-0000-4000-8000-000000000001', '00000000-0000-4000-a000-000000000003',
            '00000000-0000-4000-a000-000000000015', 'guardian')$$,
  '23503', null, 'a parent of another institution cannot be linked as guardian');
select throws_ok(
  $$insert into public.staff_duties (institution_id, user_id, duty, section_id)
    values ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000013', 'class_teacher', md5('section:1:3')::uuid)$$,
  '23503', null, 'a duty cannot point at a section of another institution');
select throws_ok(
  $$insert into public.hpc_parameter_assignments (institution_id, cycle_id, parameter_id, section_id)
    values ('10000000-0000-4000-8000-000000000002', md5('cycle:2:2')::uuid, md5('parameter:1:PR-MATH-AWA')::uuid, md5('section:2:4')::uuid)$$,
  '23503', null, 'an assignment cannot use a parameter of another institution');
select throws_ok(
  $$insert into public.hpc_conversations (institution_id, student_id, report_id, author_id, author_role, subject, body)
    values ('10000000-0000-4000-8000-000000000002', '00000000-0000-4000-a000-000000000014',
            md5('report:1:00000000-0000-4000-a000-000000000003')::uuid, '00000000-0000-4000-a000-000000000015', 'parent', 'x', 'y')$$,
  '23503', null, 'a conversation cannot reference a report of another institution');
select throws_ok(
  $$insert into public.section_students (institution_id, section_id, student_id)
    values ('10000000-0000-4000-8000-000000000001', md5('section:2:7')::uuid, '00000000-0000-4000-a000-000000000003')$$,
  '23503', null, 'BIG DAY class structure: a student cannot be placed in a section of another institution');
select lives_ok(
  $$insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id)
    values ('10000000-0000-4000-8000-000000000001', md5('cycle:1:2')::uuid,
            '00000000-0000-4000-a000-000000000003', md5('parameter:1:PR-MATH-AWA')::uuid,
            'teacher', '00000000-0000-4000-a000-000000000002')$$,
  'the same evaluation within one institution is accepted');

-- Helpers -----------------------------------------------------------------------------
select tests.set_claims_of('00000000-0000-4000-a000-000000000013');
select is(private.current_institution_id(), '10000000-0000-4000-8000-000000000002'::uuid,
  'current_institution_id() is the signed-in user''s institution');
select tests.set_claims_of('00000000-0000-4000-a000-000000000023');
select is(private.current_institution_id(), '10000000-0000-4000-8000-000000000003'::uuid,
  'current_institution_id() follows the caller');
select tests.set_anon_claims();
select is(private.current_institution_id(), null, 'current_institution_id() is null for an anonymous caller');

select ok(private.hpc_enabled('10000000-0000-4000-8000-000000000001'), 'HPC is on for Vidya Niketan');
select ok(not private.hpc_enabled('10000000-0000-4000-8000-000000000003'), 'HPC is off for Greenfield');
select ok(not private.hpc_enabled('10000000-0000-4000-8000-0000000000ff'), 'HPC is off for an institution without a flag row');

select tests.set_claims_of('00000000-0000-4000-a000-000000000021');
update public.institution_feature_flags set enabled = true
where institution_id = '10000000-0000-4000-8000-000000000003' and feature = 'hpc';
select ok(private.hpc_enabled('10000000-0000-4000-8000-000000000003'), 'switching the flag on takes effect at once');
select is(
  (select changed_by from public.institution_feature_flags
   where institution_id = '10000000-0000-4000-8000-000000000003' and feature = 'hpc'),
  '00000000-0000-4000-a000-000000000021'::uuid, 'the flag records who changed it');

-- BIG DAY's institution_id values with no institutions row, as its rows had them before the
-- HPC: simulated by lifting the keys and the on-the-fly registration, inserting legacy
-- values, registering them in batches, and validating.
alter table public.academic_terms drop constraint academic_terms_institution_id_fkey;
alter table public.cohorts drop constraint cohorts_tenant_term_fkey;
alter table public.academic_terms disable trigger register_unknown_institution;
insert into public.academic_terms (id, institution_id, name, start_date, end_date) values
  ('30000000-0000-4000-8000-000000000001', '3a000000-0000-4000-8000-000000000001', 'Legacy 2025-26', '2025-04-01', '2026-03-31'),
  ('30000000-0000-4000-8000-000000000002', '3a000000-0000-4000-8000-000000000002', 'Legacy 2025-26', '2025-04-01', '2026-03-31'),
  ('30000000-0000-4000-8000-000000000003', '3a000000-0000-4000-8000-000000000002', 'Legacy 2024-25', '2024-04-01', '2025-03-31');
select results_eq(
  $$select scanned, registered from private.register_institutions_from_existing_values('public.academic_terms', '30000000-0000-4000-8000-000000000000', 2)$$,
  $$values (2, 2)$$,
  'a batch registers the distinct legacy values among the rows it scanned');
select is(
  (select last_id from private.register_institutions_from_existing_values('public.academic_terms', '30000000-0000-4000-8000-000000000002', 1000)),
  null, 'a short batch reports the table as done');
insert into public.academic_terms (id, institution_id, name, start_date, end_date) values
  ('30000000-0000-4000-8000-000000000004', '3a000000-0000-4000-8000-000000000004', 'Legacy 2025-26', '2025-04-01', '2026-03-31');
select is(
  (select registered from private.register_institutions_from_existing_values()),
  1, 'the whole-database call registers what is left');
alter table public.academic_terms enable trigger register_unknown_institution;
select lives_ok(
  $$alter table public.academic_terms add constraint academic_terms_institution_id_fkey
      foreign key (institution_id) references public.institutions (id) not valid;
    alter table public.academic_terms validate constraint academic_terms_institution_id_fkey$$,
  'after registration the institution key validates');

-- cohorts carried institution_id before the HPC (in both shapes; academic_terms, courses and
-- the allocation settings too in the real one): a legacy write of an unknown value registers
-- it instead of failing; columns the HPC added stay strict. The
-- tenant guard refuses the write below on its own (its term is another school's), so it is
-- set aside here to show the registration alone.
select throws_ok(
  $$insert into public.cohorts (institution_id, academic_term_id, grade, stream)
    values ('3a000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000001', '6', 'General')$$,
  '23503', null, 'a cohort cannot name a term of another school');
alter table public.cohorts disable trigger keep_row_in_its_institution;
select lives_ok(
  $$insert into public.cohorts (institution_id, academic_term_id, grade, stream)
    values ('3a000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000001', '6', 'General')$$,
  'a legacy cohort write with an unknown institution_id is accepted');
select ok(exists (select 1 from public.institutions where id = '3a000000-0000-4000-8000-000000000003'),
  'and its institution is registered on the fly');
alter table public.cohorts enable trigger keep_row_in_its_institution;
select throws_ok(
  $$insert into public.user_profiles (institution_id, full_name, email, role, employee_id)
    values ('3a000000-0000-4000-8000-000000000005', 'Nobody', 'nobody@example.com', 'staff', 'X-1')$$,
  '23503', null, 'an unknown institution_id on a column the HPC added is refused');
select ok(
  (select slug = 'institution-3a000000-0000-4000-8000-000000000002' from public.institutions
   where id = '3a000000-0000-4000-8000-000000000002'),
  'a registered institution gets a placeholder slug');
select throws_ok(
  $$select * from private.register_institutions_from_existing_values('public.hpc_reports')$$,
  '22023', null, 'only BIG DAY tables with a legacy institution_id can be registered from');

select * from finish();
rollback;
