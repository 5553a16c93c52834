-- One card shape: every seeded card is exactly what the compiler (hpc_generate_report's
-- private.hpc_compile_card) makes of the demo data, with the compiler's hash.
begin;
\ir support/tests-schema.sql
select plan(3);
select ok((select count(*) from public.hpc_reports) >= 100, 'the demo data has cards');
select is(
  (with r as materialized (select institution_id, cycle_id, student_id, content from public.hpc_reports)
   select count(*)::int from r
   where r.content is distinct from private.hpc_compile_card(r.institution_id, r.cycle_id, r.student_id)),
  0, 'every seeded card equals a fresh compilation of its data');
select is(
  (select count(*)::int from public.hpc_reports as r
   where r.content_hash is not null and r.content_hash <> private.hpc_content_hash(r.content)),
  0, 'and carries the compiler''s content hash');
select * from finish();
rollback;
