-- A teacher or a classmate writes a rating only where an active assignment names them: the
-- write policies check the request context (open cycle, own student, reviewee) and the
-- trigger rater_is_assigned the assignment itself, which lives in other rows. Server-side
-- writers (the class sheet, jobs, the owner) are not the API role and are not checked.
--
-- On Citus a transaction cannot act as a user on a school's shards after the owner wrote them,
-- nor compute another caller's context (the owner's read) after a user wrote them ("cannot
-- perform query on placements that were modified in this transaction by a different user").
-- So the assignments each case needs are committed by the owner before the caller acts and
-- removed after (a failed run's leftovers first), and each caller acts in a transaction of
-- their own, authenticated once, rolled back. The assignments are the file's own rows
-- (ids 12400000-…), not changes to the seed's: a seed row changed back would keep a new
-- updated_at. Each caller's outcomes are read in their transaction and asserted after it, so
-- that pgTAP's count of tests and failures (rows in a temporary table) is not rolled back with
-- it; the plan is set outside the transactions too. The values the statements need are read
-- first (\gset) and written as VALUES.

-- Priya's class 7-A, a classmate of Ishaan, and parameters: one assigned to her for 7-A, one of
-- another stage (assigned to nobody in 7-A), and two more of another stage that only this
-- file's assignments below name.
begin;
\ir support/sunrise-rating-context.sql
select inst, open_cycle, teacher, student, parent, param from t_ctx \gset
rollback;
select s.section_id as section,
       (select c.student_id from public.section_students as c
        where c.institution_id = s.institution_id and c.section_id = s.section_id
          and c.student_id <> s.student_id order by c.student_id limit 1) as classmate,
       (select p.id from public.hpc_parameters as p
        where p.institution_id = s.institution_id and p.code = 'MS-LR1-SEN') as other_param,
       (select p.id from public.hpc_parameters as p
        where p.institution_id = s.institution_id and p.stage <> 'middle' order by p.code limit 1) as unassigned_param,
       (select p.id from public.hpc_parameters as p
        where p.institution_id = s.institution_id and p.stage <> 'middle' order by p.code offset 1 limit 1) as inactive_param,
       (select p.id from public.hpc_parameters as p
        where p.institution_id = s.institution_id and p.stage <> 'middle' order by p.code offset 2 limit 1) as roleless_param
from public.section_students as s
where s.institution_id = :'inst' and s.student_id = :'student' \gset

-- A rating of Ishaan in the open cycle, attempted as the current caller (rolled back).
create function pg_temp.rates(p_rater_role text, p_rater uuid, p_parameter uuid,
                              p_cycle uuid default :'open_cycle', p_student uuid default :'student')
returns text language plpgsql as $$
begin
  return tests.attempt(format(
    'insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
     values (%L, %L, %L, %L, %L, 2)', p_cycle, p_student, p_parameter, p_rater_role, p_rater));
end $$;

-- Priya's assignments of those two, committed (a failed run's leftovers removed first): one no
-- longer active, the other active without the teacher among its rater roles.
begin;
delete from public.hpc_parameter_assignments
where institution_id = :'inst' and id in ('12400000-0000-4000-8000-000000000001', '12400000-0000-4000-8000-000000000002',
                                          '12400000-0000-4000-8000-000000000003', '12400000-0000-4000-8000-000000000004');
insert into public.hpc_parameter_assignments (id, institution_id, cycle_id, section_id, parameter_id, teacher_id)
values ('12400000-0000-4000-8000-000000000001', :'inst', :'open_cycle', :'section', :'inactive_param', :'teacher'),
       ('12400000-0000-4000-8000-000000000002', :'inst', :'open_cycle', :'section', :'roleless_param', :'teacher');
update public.hpc_parameter_assignments set active = false
where institution_id = :'inst' and id = '12400000-0000-4000-8000-000000000001';
update public.hpc_parameter_assignments set active = true, rater_roles = '{self,parent}'
where institution_id = :'inst' and id = '12400000-0000-4000-8000-000000000002';
commit;

select plan(14);

-- Teachers -----------------------------------------------------------------------------------
begin;
\ir support/tests-schema.sql
select tests.authenticate_as(:'teacher');
select tests.run(format(
    'insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
     values (%L, %L, %L, ''teacher'', %L, 2)', :'open_cycle', :'student', :'param', :'teacher')) as assigned \gset
select pg_temp.rates('teacher', :'teacher', :'unassigned_param') as unassigned \gset
select tests.run(format(
    'insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
     values (%L, %L, %L, ''teacher'', %L, 2)', :'open_cycle', :'student', :'unassigned_param', :'teacher')) as refusal \gset
select pg_temp.rates('teacher', :'teacher', :'inactive_param') as inactive \gset
select pg_temp.rates('teacher', :'teacher', :'roleless_param') as roleless \gset
-- Her rating above moved to a parameter she is not assigned: refused like an insert.
select tests.attempt(format(
    'update public.hpc_evaluations set parameter_id = %L
     where cycle_id = %L and student_id = %L and parameter_id = %L and rater_role = ''teacher''',
    :'unassigned_param', :'open_cycle', :'student', :'param')) as moved \gset
rollback;
begin;
delete from public.hpc_parameter_assignments
where institution_id = :'inst' and id in ('12400000-0000-4000-8000-000000000001', '12400000-0000-4000-8000-000000000002');
commit;

select is(:'assigned'::text, 'rows 1', 'a teacher rates her student on a parameter assigned to her for his section (kept)');
select is(:'unassigned'::text, 'error 42501', 'not on a parameter nobody assigned to her for his section');
select is(:'refusal'::text,
  '42501: This teacher rating is not assigned to its rater: no active assignment of this parameter for this student in this cycle.',
  'the refusal says what is missing');
select is(:'inactive'::text, 'error 42501', 'nor on one whose assignment is no longer active');
select is(:'roleless'::text, 'error 42501', 'nor on one assigned without the teacher among its rater roles');
select is(:'moved'::text, 'error 42501', 'an update that moves her rating to an unassigned parameter is refused');

-- Classmates ---------------------------------------------------------------------------------
begin;
\ir support/tests-schema.sql
select tests.authenticate_as(:'classmate');
select pg_temp.rates('peer', :'classmate', :'param') as unpaired \gset
rollback;
select is(:'unpaired'::text, 'error 42501', 'a classmate without a peer assignment rates nobody');

begin;
insert into public.hpc_parameter_assignments (id, institution_id, cycle_id, section_id, parameter_id, student_id, peer_reviewer_id, rater_roles)
values ('12400000-0000-4000-8000-000000000003', :'inst', :'open_cycle', :'section', :'param', :'student', :'classmate', '{peer}');
commit;
begin;
\ir support/tests-schema.sql
select tests.authenticate_as(:'classmate');
select pg_temp.rates('peer', :'classmate', :'param') as paired \gset
select pg_temp.rates('peer', :'classmate', :'other_param') as paired_other \gset
rollback;
select is(:'paired'::text, 'rows 1', 'a classmate assigned to review him on a parameter rates him on it');
select is(:'paired_other'::text, 'error 42501', 'and on no other parameter');

begin;
insert into public.hpc_parameter_assignments (id, institution_id, cycle_id, section_id, student_id, peer_reviewer_id, rater_roles)
values ('12400000-0000-4000-8000-000000000004', :'inst', :'open_cycle', :'section', :'student', :'classmate', '{peer}');
commit;
begin;
\ir support/tests-schema.sql
select tests.authenticate_as(:'classmate');
select pg_temp.rates('peer', :'classmate', :'other_param') as paired_all \gset
rollback;
begin;
delete from public.hpc_parameter_assignments
where institution_id = :'inst' and id in ('12400000-0000-4000-8000-000000000003', '12400000-0000-4000-8000-000000000004');
commit;
select is(:'paired_all'::text, 'rows 1', 'an assignment without a parameter lets the classmate rate him on every parameter');

-- Other rater roles and other writers ----------------------------------------------------------
begin;
\ir support/tests-schema.sql
select tests.authenticate_as(:'parent');
select pg_temp.rates('parent', :'parent', :'unassigned_param') as parent_rates \gset
rollback;
select is(:'parent_rates'::text, 'rows 1', 'a parent''s rating of her child needs no assignment');

begin;
\ir support/tests-schema.sql
select tests.attempt_as_service_role(format(
    'insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
     values (%L, %L, %L, %L, ''teacher'', %L, 2)', :'inst', :'open_cycle', :'student', :'unassigned_param', :'teacher')) as server_rates \gset
rollback;
select is(:'server_rates'::text, 'rows 1', 'the service role is not checked (server jobs)');

-- The policies themselves read no table: only the request context.
select is((select count(*)::int from pg_catalog.pg_policies as p
           where p.tablename = 'hpc_evaluations' and p.cmd in ('INSERT', 'UPDATE')
             and coalesce(p.with_check, '') ~* '(select .* from |exists)'), 0,
  'the rating write policies hold no query');
select is((select count(*)::int from pg_catalog.pg_trigger as t
           where t.tgrelid = 'public.hpc_evaluations'::regclass and t.tgname = 'rater_is_assigned'
             and t.tgenabled = 'O'), 1,
  'the assignment check is a trigger on the ratings');

select * from finish();
