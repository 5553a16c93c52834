-- BIG DAY's institution_id values with no institutions row, as its rows had them before the
-- HPC: registered in batches, so that the institution keys validate. During the expand phase a
-- legacy write of an unknown value registered it on the fly; since the contract the key
-- refuses it, as it always did on the columns the HPC added.
begin;
\ir support/tests-schema.sql
select plan(10);

-- Simulated by lifting the keys, inserting legacy values, registering them in batches, and
-- validating.
alter table public.academic_terms drop constraint academic_terms_institution_id_fkey;
alter table public.cohorts drop constraint cohorts_tenant_term_fkey;
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
-- Added valid, so that adding it checks every row: one statement (a cluster passes a
-- statement on to its workers alone).
select lives_ok(
  $$alter table public.academic_terms add constraint academic_terms_institution_id_fkey
      foreign key (institution_id) references public.institutions (id)$$,
  'after registration the institution key validates');

-- cohorts carried institution_id before the HPC (in both shapes; academic_terms, courses and
-- the allocation settings too in the real one). The tenant guard refuses the write below on
-- its own (its term is another school's), so it is set aside here to show the key alone.
select throws_ok(
  $$insert into public.cohorts (institution_id, academic_term_id, grade, stream)
    values ('3a000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000001', '6', 'General')$$,
  '23503', null, 'a cohort cannot name a term of another school');
alter table public.cohorts disable trigger keep_row_in_its_institution;
select throws_ok(
  $$insert into public.cohorts (institution_id, academic_term_id, grade, stream)
    values ('3a000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000001', '6', 'General')$$,
  '23503', null, 'since the contract a legacy cohort write with an unknown institution_id is refused by its key');
select ok(not exists (select 1 from public.institutions where id = '3a000000-0000-4000-8000-000000000003'),
  'and no institution is registered on the fly');
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
