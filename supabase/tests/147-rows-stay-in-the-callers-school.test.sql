-- institution_id defaults to the caller's school; a row naming another school is refused with
-- a 42501 that says so, service_role is told to send it, and a row never moves school.
--
-- On Citus a transaction cannot compute a caller's context (the owner's read), read as the
-- owner, nor act as another database role once a user wrote the school's shards ("cannot
-- perform query on placements that were modified in this transaction by a different user").
-- So the teacher acts in one transaction, authenticated once, and reads her row as she sees
-- it; service_role acts in another. Each caller's outcomes are read in their transaction and
-- asserted after it, so that pgTAP's count of tests and failures (rows in a temporary table)
-- is not rolled back with it. The values the statements need are read first (\gset) and
-- written as VALUES: an insert … select from a temporary table goes to the shards as COPY,
-- which Citus refuses under RLS.
begin;
\ir support/sunrise-rating-context.sql
select other_inst, teacher, student from t_ctx \gset
rollback;

select plan(5);

-- institution_id: another school's is refused, plainly ------------------------------------
begin;
\ir support/tests-schema.sql
select tests.authenticate_as(:'teacher');
select tests.run(format($$
  insert into public.hpc_achievements (institution_id, student_id, title, category)
  values (%L, %L, 'Quiz winner', 'academic')$$, :'other_inst', :'student')) as other_school \gset
select tests.run(format($$
  insert into public.hpc_achievements (student_id, title, category)
  values (%L, 'Quiz winner', 'academic')$$, :'student')) as no_school \gset
select coalesce((select institution_id::text from public.hpc_achievements where title = 'Quiz winner'), 'no row') as school \gset
select tests.run($$
  update public.hpc_achievements set institution_id = '10000000-0000-4000-8000-000000000001' where title = 'Quiz winner'$$) as moved \gset
rollback;

begin;
\ir support/tests-schema.sql
select tests.run_as_service_role(format($$
  insert into public.hpc_achievements (student_id, title, category)
  values (%L, 'Service quiz', 'academic')$$, :'student')) as server_no_school \gset
rollback;

select matches(:'other_school'::text, '^42501: A new hpc_achievements row names another institution than yours',
  'a row naming another school: 42501 that says so');
select is(:'no_school'::text, 'rows 1', 'an achievement without institution_id');
select is(:'school'::text, '10000000-0000-4000-8000-000000000002', 'belongs to the teacher''s school');
select matches(:'server_no_school'::text,
  -- on Citus the distribution column refuses it before the guard does
  case when exists (select 1 from pg_extension where extname = 'citus')
       then '^22004: cannot perform an INSERT with NULL in the partition column'
       else '^23502: A new hpc_achievements row needs institution_id' end,
  'service_role without institution_id is told to send it');
select matches(:'moved'::text,
  -- on Citus the distribution column refuses it before the guard does
  case when exists (select 1 from pg_extension where extname = 'citus')
       then '^0A000: modifying the partition value of rows is not allowed'
       else '^42501: ' end,
  'a row never moves to another school');

select * from finish();
