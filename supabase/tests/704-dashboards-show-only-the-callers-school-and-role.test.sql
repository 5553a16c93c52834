-- The dashboard functions answer by institution and role: leaders their school, a teacher
-- their sections, a student themselves, a parent their children; another school, HPC off or
-- the wrong role gets nothing.
begin;
\ir support/tests-schema.sql
select plan(18);
\ir support/analytics-demo-names.sql

-- Exposure: by institution and role ------------------------------------------------------------
-- The expected cycles read apart: an assertion that also reads one school's rows would go whole
-- to that school's shard on Citus, the call as the principal with it.
select array_agg(id::text order by id::text) as vidya_cycles
from public.hpc_evaluation_cycles where institution_id = tests.demo('vidya') \gset
select is(
  (select array_agg(x ->> 'cycle_id' order by x ->> 'cycle_id') from jsonb_array_elements(
     tests.rows_seen_by(tests.demo('principal'), 'select * from public.hpc_analytics_overview()')) as x),
  :'vidya_cycles'::text[],
  'principal: the overview of every cycle of their institution, nothing else');
select is(
  jsonb_array_length(tests.rows_seen_by(tests.demo('coordinator'), format('select * from public.hpc_analytics_overview(%L)', tests.demo('vidya_t1')))),
  1, 'coordinator: the overview of one cycle');
select is(tests.rows_seen_by(tests.demo('meera'), 'select * from public.hpc_analytics_overview()'), '[]',
  'a teacher gets no institution overview');
select is(tests.rows_seen_by(tests.demo('sunrise_principal'), format('select * from public.hpc_analytics_overview(%L)', tests.demo('vidya_t1'))), '[]',
  'another institution''s principal gets nothing for Vidya Niketan''s cycle');
select is(tests.rows_seen_by(tests.demo('greenfield_principal'), 'select * from public.hpc_analytics_overview()'), '[]',
  'HPC off (Greenfield): nothing');

select is(
  (select array_agg(distinct x ->> 'section_id') from jsonb_array_elements(
     tests.rows_seen_by(tests.demo('meera'), format('select * from public.hpc_analytics_level_distribution(%L)', tests.demo('vidya_t1')))) as x),
  array[tests.demo('vidya_4a')::text], 'teacher: level distributions of their section only');
select is(
  jsonb_array_length(tests.rows_seen_by(tests.demo('meera'), format('select * from public.hpc_analytics_level_distribution(%L)', tests.demo('vidya_t1')))),
  (select count(*)::int from analytics.level_distribution where cycle_id = tests.demo('vidya_t1') and section_id = tests.demo('vidya_4a')),
  'teacher: all of their section''s rows');
select is(
  tests.rows_seen_by(tests.demo('meera'), format('select * from public.hpc_analytics_level_distribution(%L, %L)', tests.demo('vidya_t1'), tests.demo('vidya_2a'))),
  '[]', 'teacher asking for another section: nothing');
select is(
  jsonb_array_length(tests.rows_seen_by(tests.demo('coordinator'), format('select * from public.hpc_analytics_level_distribution(%L)', tests.demo('vidya_t1')))),
  (select count(*)::int from analytics.level_distribution where cycle_id = tests.demo('vidya_t1')),
  'coordinator: every section of the institution');
select is(
  tests.rows_seen_by(tests.demo('aarav'), format('select * from public.hpc_analytics_level_distribution(%L)', tests.demo('vidya_t1'))),
  '[]', 'a student gets no section distributions');

select is(
  (select array_agg(distinct x ->> 'section_id') from jsonb_array_elements(
     tests.rows_seen_by(tests.demo('meera'), format('select * from public.hpc_analytics_completion(%L)', tests.demo('vidya_t1')))) as x),
  array[tests.demo('vidya_4a')::text], 'teacher: completion of their section only');
select is(
  jsonb_array_length(tests.rows_seen_by(tests.demo('admin'), format('select * from public.hpc_analytics_completion(%L)', tests.demo('vidya_t1')))),
  (select count(*)::int from analytics.completion where cycle_id = tests.demo('vidya_t1')),
  'institution admin: completion of every section');
select is(
  tests.rows_seen_by(tests.demo('kavita'), format('select * from public.hpc_analytics_completion(%L)', tests.demo('vidya_t1'))),
  '[]', 'a parent gets no completion dashboard');

select is(
  jsonb_array_length(tests.rows_seen_by(tests.demo('aarav'), format('select * from public.hpc_analytics_student_progress(%L)', tests.demo('aarav')))),
  (select count(*)::int from analytics.student_progress where student_id = tests.demo('aarav')),
  'a student: their own progress');
select is(
  tests.rows_seen_by(tests.demo('aarav'), format('select * from public.hpc_analytics_student_progress(%L)', tests.demo('anaya'))),
  '[]', 'a student: not another student''s progress');
select ok(
  jsonb_array_length(tests.rows_seen_by(tests.demo('kavita'), format('select * from public.hpc_analytics_student_progress(%L)', tests.demo('anaya')))) > 0
  and jsonb_array_length(tests.rows_seen_by(tests.demo('kavita'), format('select * from public.hpc_analytics_student_progress(%L)', tests.demo('aarav')))) > 0,
  'a parent: each of their children''s progress');
select is(
  tests.rows_seen_by(tests.demo('kavita'), format('select * from public.hpc_analytics_student_progress(%L)', tests.demo('ishaan'))),
  '[]', 'a parent: not a child of another family (or institution)');
select is(
  tests.rows_seen_by(tests.demo('meera'), format('select * from public.hpc_analytics_student_progress(%L)', tests.demo('anaya'))),
  '[]', 'a teacher: not a student outside their sections');

select * from finish();
rollback;
