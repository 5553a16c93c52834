-- Every write to an HPC table and to the tenant column of existing tables leaves an audit row
-- with the actor, the institution, the key and the changed values (no personal data copied
-- from existing tables); a write that changes nothing leaves none.
begin;
\ir support/tests-schema.sql
select plan(12);

select tests.set_claims_of('00000000-0000-4000-a000-000000000005');

-- insert / update / delete of an HPC row
insert into public.hpc_parameters (id, institution_id, stage, grade_band, grades, area, area_code, ability, code, name, scale_code)
values ('50000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'preparatory', 'Grades 3-5', '{3,4,5}',
        'Mathematics', 'MATH', 'awareness', 'PR-MATH-TEST', 'Mathematics — Test', 'preparatory');
select results_eq(
  $$select actor_id, institution_id, table_name, operation::text, record_key, new_values ->> 'code', old_values is null
    from public.audit_events where record_key @> '{"id": "50000000-0000-4000-8000-000000000001"}'$$,
  $$values ('00000000-0000-4000-a000-000000000005'::uuid, '10000000-0000-4000-8000-000000000001'::uuid, 'hpc_parameters',
            'INSERT', '{"institution_id": "10000000-0000-4000-8000-000000000001", "id": "50000000-0000-4000-8000-000000000001"}'::jsonb,
            'PR-MATH-TEST', true)$$,
  'an insert leaves an audit row with actor, institution, table, key and the new row');
select is(
  (select created_by from public.hpc_parameters where id = '50000000-0000-4000-8000-000000000001'),
  '00000000-0000-4000-a000-000000000005'::uuid, 'created_by defaults to auth.uid()');

select tests.set_claims_of('00000000-0000-4000-a000-000000000004');
update public.hpc_parameters set name = 'Mathematics — Test (revised)' where id = '50000000-0000-4000-8000-000000000001';
select results_eq(
  $$select actor_id, old_values ->> 'name', new_values ->> 'name', 'name' = any (changed_columns)
    from public.audit_events where record_key @> '{"id": "50000000-0000-4000-8000-000000000001"}' and operation = 'UPDATE'$$,
  $$values ('00000000-0000-4000-a000-000000000004'::uuid, 'Mathematics — Test', 'Mathematics — Test (revised)', true)$$,
  'an update leaves old and new values and the changed columns');
select results_eq(
  $$select created_by, updated_by from public.hpc_parameters where id = '50000000-0000-4000-8000-000000000001'$$,
  $$values ('00000000-0000-4000-a000-000000000005'::uuid, '00000000-0000-4000-a000-000000000004'::uuid)$$,
  'an update stamps updated_by and keeps created_by');
update public.hpc_parameters set name = name where id = '50000000-0000-4000-8000-000000000001';
select is(
  (select count(*)::int from public.audit_events where record_key @> '{"id": "50000000-0000-4000-8000-000000000001"}' and operation = 'UPDATE'),
  1, 'an update that changes nothing leaves no audit row');
delete from public.hpc_parameters where id = '50000000-0000-4000-8000-000000000001';
select results_eq(
  $$select old_values ->> 'code', new_values is null from public.audit_events
    where record_key @> '{"id": "50000000-0000-4000-8000-000000000001"}' and operation = 'DELETE'$$,
  $$values ('PR-MATH-TEST', true)$$,
  'a delete leaves the old row');

-- the partitioned evaluations table is audited too
update public.hpc_evaluations set observation = 'Re-checked with the class teacher.'
where id = md5(format('evaluation:%s:%s:%s', md5(format('assignment:%s:%s:%s', md5('section:1:4')::uuid, 'PR-MATH-AWA', 1))::uuid,
                      '00000000-0000-4000-a000-000000000003', 'teacher'))::uuid;
select is(
  (select count(*)::int from public.audit_events where table_name = 'hpc_evaluations' and operation = 'UPDATE'
     and actor_id = '00000000-0000-4000-a000-000000000004'),
  1, 'an update of an evaluation (partitioned table) is audited');

-- existing tables: only the tenant column is audited, and without copying personal data;
-- a person's profile: every write, with the names of the columns it changed
update public.user_profiles set contact_number = '+91 98220 00000' where id = '00000000-0000-4000-a000-000000000003';
select results_eq(
  $$select old_values, new_values, 'contact_number' = any (changed_columns),
           (old_values || new_values)::text like '%98220%'
    from public.audit_events where table_name = 'user_profiles'
     and record_key = '{"id": "00000000-0000-4000-a000-000000000003"}' and operation = 'UPDATE'$$,
  $$values ('{"institution_id": "10000000-0000-4000-8000-000000000001"}'::jsonb,
            '{"institution_id": "10000000-0000-4000-8000-000000000001"}'::jsonb, true, false)$$,
  'a change to a profile is audited with the columns it changed, not their values');
-- a person is created in one school; a move to another is refused and leaves no audit row
insert into auth.users (id, aud, role, email)
values ('50000000-0000-4000-8000-000000000002', 'authenticated', 'authenticated', 'pradeep.joshi@vidyaniketan.example');
insert into public.user_profiles (id, institution_id, full_name, email, role, employee_id)
values ('50000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', 'Pradeep Joshi',
        'pradeep.joshi@vidyaniketan.example', 'staff', 'VN-E-077');
select throws_ok(
  $$update public.user_profiles set institution_id = '10000000-0000-4000-8000-000000000002'
    where id = '50000000-0000-4000-8000-000000000002'$$,
  -- on Citus the distribution column refuses it before the guard does
  case when exists (select 1 from pg_extension where extname = 'citus') then '0A000' else '42501' end,
  null, 'a person cannot be moved to another institution, even by the owner');
select results_eq(
  $$select operation::text, institution_id, old_values, new_values, changed_columns from public.audit_events
    where table_name = 'user_profiles' and record_key = '{"id": "50000000-0000-4000-8000-000000000002"}'
    order by operation::text$$,
  $$values ('INSERT', '10000000-0000-4000-8000-000000000001'::uuid, null::jsonb,
            '{"institution_id": "10000000-0000-4000-8000-000000000001"}'::jsonb, null::text[])$$,
  'a person''s institution is audited with the tenant column only (no personal data copied)');
select ok(
  (select count(*) from public.audit_events where table_name = 'user_profiles' and operation = 'INSERT') >= 400,
  'the seeded people were audited as they got their institution');
select is(
  (select count(*)::int from public.audit_events where table_name = 'hpc_evaluations' and operation = 'INSERT'),
  (select count(*)::int from public.hpc_evaluations),
  'every seeded evaluation has its insert audit row');

select * from finish();
rollback;
