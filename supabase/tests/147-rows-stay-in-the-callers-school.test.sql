-- institution_id defaults to the caller's school; a row naming another school is refused with
-- a 42501 that says so, service_role is told to send it, and a row never moves school.
begin;
\ir support/tests-schema.sql
select plan(5);
\ir support/sunrise-rating-context.sql

-- institution_id: another school's is refused, plainly ------------------------------------
select matches(tests.run_as((select teacher from t_ctx), $$
  insert into public.hpc_achievements (institution_id, student_id, title, category)
  select other_inst, student, 'Quiz winner', 'academic' from t_ctx$$),
  '^42501: A new hpc_achievements row names another institution than yours', 'a row naming another school: 42501 that says so');
select is(tests.run_as((select teacher from t_ctx), $$
  insert into public.hpc_achievements (student_id, title, category)
  select student, 'Quiz winner', 'academic' from t_ctx$$),
  'rows 1', 'an achievement without institution_id');
select is((select institution_id from public.hpc_achievements where title = 'Quiz winner'),
  '10000000-0000-4000-8000-000000000002'::uuid, 'belongs to the teacher''s school');
select matches(tests.run_as_service_role($$
  insert into public.hpc_achievements (student_id, title, category)
  select student, 'Service quiz', 'academic' from t_ctx$$),
  '^23502: A new hpc_achievements row needs institution_id', 'service_role without institution_id is told to send it');
select matches(tests.run_as((select teacher from t_ctx), $$
  update public.hpc_achievements set institution_id = '10000000-0000-4000-8000-000000000001' where title = 'Quiz winner'$$),
  '^42501: ', 'a row never moves to another school');

select * from finish();
rollback;
