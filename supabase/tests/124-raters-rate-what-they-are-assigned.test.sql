-- A teacher or a classmate writes a rating only where an active assignment names them: the
-- write policies check the request context (open cycle, own student, reviewee) and the
-- trigger rater_is_assigned the assignment itself, which lives in other rows. Server-side
-- writers (the class sheet, jobs, the owner) are not the API role and are not checked.
begin;
\ir support/tests-schema.sql
select plan(14);
\ir support/sunrise-rating-context.sql

-- Priya's class 7-A, a classmate of Ishaan, and parameters: one assigned to her for 7-A, one of
-- another stage (assigned to nobody in 7-A).
create temporary table t_more on commit drop as
select s.section_id,
       (select c.student_id from public.section_students as c
        where c.institution_id = s.institution_id and c.section_id = s.section_id
          and c.student_id <> s.student_id order by c.student_id limit 1) as classmate,
       (select p.id from public.hpc_parameters as p
        where p.institution_id = s.institution_id and p.code = 'MS-LR1-SEN') as other_param,
       (select p.id from public.hpc_parameters as p
        where p.institution_id = s.institution_id and p.stage <> 'middle' order by p.code limit 1) as unassigned_param
from public.section_students as s, t_ctx as x
where s.institution_id = x.inst and s.student_id = x.student;
grant select on t_more to authenticated;

create function pg_temp.teacher_rates(p_parameter uuid) returns text language sql as $$
  select tests.attempt_as(x.teacher, format(
    'insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
     values (%L, %L, %L, ''teacher'', %L, 2)', x.open_cycle, x.student, p_parameter, x.teacher))
  from t_ctx as x
$$;
create function pg_temp.classmate_rates(p_parameter uuid) returns text language sql as $$
  select tests.attempt_as(m.classmate, format(
    'insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
     values (%L, %L, %L, ''peer'', %L, 2)', x.open_cycle, x.student, p_parameter, m.classmate))
  from t_ctx as x, t_more as m
$$;

-- Teachers -----------------------------------------------------------------------------------
select is((select tests.run_as(x.teacher, format(
    'insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
     values (%L, %L, %L, ''teacher'', %L, 2)', x.open_cycle, x.student, x.param, x.teacher))
  from t_ctx as x),
  'rows 1', 'a teacher rates her student on a parameter assigned to her for his section (kept)');
select is(pg_temp.teacher_rates((select unassigned_param from t_more)), 'error 42501',
  'not on a parameter nobody assigned to her for his section');
select is((select tests.run_as(x.teacher, format(
    'insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
     values (%L, %L, %L, ''teacher'', %L, 2)', x.open_cycle, x.student, m.unassigned_param, x.teacher))
  from t_ctx as x, t_more as m),
  '42501: This teacher rating is not assigned to its rater: no active assignment of this parameter for this student in this cycle.',
  'the refusal says what is missing');

update public.hpc_parameter_assignments as a set active = false
from t_ctx as x, t_more as m
where a.institution_id = x.inst and a.cycle_id = x.open_cycle and a.section_id = m.section_id
  and a.parameter_id = m.other_param and a.teacher_id = x.teacher;
select is(pg_temp.teacher_rates((select other_param from t_more)), 'error 42501',
  'nor on one whose assignment is no longer active');
update public.hpc_parameter_assignments as a set active = true, rater_roles = '{self,parent}'
from t_ctx as x, t_more as m
where a.institution_id = x.inst and a.cycle_id = x.open_cycle and a.section_id = m.section_id
  and a.parameter_id = m.other_param and a.teacher_id = x.teacher;
select is(pg_temp.teacher_rates((select other_param from t_more)), 'error 42501',
  'nor on one assigned without the teacher among its rater roles');

-- Her rating above moved to a parameter she is not assigned: refused like an insert.
select is((select tests.attempt_as(x.teacher, format(
    'update public.hpc_evaluations set parameter_id = %L
     where cycle_id = %L and student_id = %L and parameter_id = %L and rater_role = ''teacher''',
    m.unassigned_param, x.open_cycle, x.student, x.param))
  from t_ctx as x, t_more as m),
  'error 42501', 'an update that moves her rating to an unassigned parameter is refused');

-- Classmates ---------------------------------------------------------------------------------
select is(pg_temp.classmate_rates((select param from t_ctx)), 'error 42501',
  'a classmate without a peer assignment rates nobody');
insert into public.hpc_parameter_assignments (institution_id, cycle_id, section_id, parameter_id, student_id, peer_reviewer_id, rater_roles)
select x.inst, x.open_cycle, m.section_id, x.param, x.student, m.classmate, '{peer}'
from t_ctx as x, t_more as m;
select is(pg_temp.classmate_rates((select param from t_ctx)), 'rows 1',
  'a classmate assigned to review him on a parameter rates him on it');
select is(pg_temp.classmate_rates((select other_param from t_more)), 'error 42501',
  'and on no other parameter');
insert into public.hpc_parameter_assignments (institution_id, cycle_id, section_id, student_id, peer_reviewer_id, rater_roles)
select x.inst, x.open_cycle, m.section_id, x.student, m.classmate, '{peer}'
from t_ctx as x, t_more as m;
select is(pg_temp.classmate_rates((select other_param from t_more)), 'rows 1',
  'an assignment without a parameter lets the classmate rate him on every parameter');

-- Other rater roles and other writers ----------------------------------------------------------
select is((select tests.attempt_as(x.parent, format(
    'insert into public.hpc_evaluations (cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
     values (%L, %L, %L, ''parent'', %L, 2)', x.open_cycle, x.student, m.unassigned_param, x.parent))
  from t_ctx as x, t_more as m),
  'rows 1', 'a parent''s rating of her child needs no assignment');
select is((select tests.attempt_as_service_role(format(
    'insert into public.hpc_evaluations (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, level_ordinal)
     values (%L, %L, %L, %L, ''teacher'', %L, 2)', x.inst, x.open_cycle, x.student, m.unassigned_param, x.teacher))
  from t_ctx as x, t_more as m),
  'rows 1', 'the service role is not checked (server jobs)');

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
rollback;
