-- The whole transition matrix. For a card in each status (draft, submitted,
-- in_review, changes_requested, approved, published), every action (submit, approve,
-- request_changes, publish, reopen) by every kind of actor (class teacher, subject teacher,
-- coordinator, principal, institution admin, parent, a teacher without duty, another
-- school's principal) is attempted and rolled back; the outcome must be exactly the
-- expected one: ok, HP403 (not this actor's move), HP422 (not a move from this status) or
-- HP404 (the actor may not see the card).
begin;
\ir support/tests-schema.sql
select plan(30);
\ir reports/fixture.sql
\ir reports/actions.sql

-- four more students in 7-A, so that each status has its own card
insert into auth.users (id, aud, role, email)
select format('a5a5a5a5-0005-4000-8002-0000000001%s', lpad(n::text, 2, '0'))::uuid, 'authenticated', 'authenticated',
       format('matrix%s.a5a5a5a5@t5.example', n)
from generate_series(1, 4) n;
insert into public.user_profiles (id, institution_id, full_name, email, role, admission_number, current_standard)
select format('a5a5a5a5-0005-4000-8002-0000000001%s', lpad(n::text, 2, '0'))::uuid, pg_temp.school(1),
       format('Matrix Student %s', n), format('matrix%s.a5a5a5a5@t5.example', n), 'student', format('M-a5a5a5a5-%s', n), '7'
from generate_series(1, 4) n;
insert into public.section_students (institution_id, section_id, student_id)
select pg_temp.school(1), pg_temp.section(31), format('a5a5a5a5-0005-4000-8002-0000000001%s', lpad(n::text, 2, '0'))::uuid
from generate_series(1, 4) n;

create temp table t_cards (status text primary key, report uuid) on commit drop;
insert into t_cards values
  ('draft', pg_temp.card_in_status('draft', pg_temp.person(7))),
  ('submitted', pg_temp.card_in_status('submitted', pg_temp.person(8))),
  ('in_review', pg_temp.card_in_status('in_review', pg_temp.person(101))),
  ('changes_requested', pg_temp.card_in_status('changes_requested', pg_temp.person(102))),
  ('approved', pg_temp.card_in_status('approved', pg_temp.person(103))),
  ('published', pg_temp.card_in_status('published', pg_temp.person(104)));

-- one attempt, rolled back whatever happens; returns 'ok' or the SQLSTATE
create function pg_temp.attempt(p_actor uuid, p_report uuid, p_action text) returns text language plpgsql as $$
declare v_outcome text;
begin
  begin
    perform pg_temp.transition(p_actor, p_report, p_action, 'a comment or reason');
    v_outcome := 'ok';
    raise exception 'undo' using errcode = 'P0RBK';
  exception
    when sqlstate 'P0RBK' then null;
    when others then v_outcome := sqlstate;
  end;
  return v_outcome;
end $$;

create temp table t_actors (name text primary key, n int, ord int) on commit drop;
insert into t_actors values ('class_teacher', 3, 1), ('subject_teacher', 4, 2), ('coordinator', 2, 3), ('principal', 1, 4),
  ('admin', 6, 5), ('parent', 10, 6), ('no_duty', 11, 7), ('other_school', 21, 8);

-- who may make which move from which status (default chain: class teacher → coordinator → principal)
create function pg_temp.expected(p_status text, p_action text, p_actor text) returns text language sql immutable as $$
  select case
    when p_actor in ('parent', 'no_duty', 'other_school') then 'HP404'
    when (p_action, p_status) in (('submit', 'draft'), ('submit', 'changes_requested')) then
      case when p_actor = 'class_teacher' then 'ok' else 'HP403' end
    when p_action in ('approve', 'request_changes') and p_status = 'submitted' then
      case when p_actor = 'coordinator' then 'ok' else 'HP403' end
    when p_action in ('approve', 'request_changes') and p_status = 'in_review' then
      case when p_actor = 'principal' then 'ok' else 'HP403' end
    when (p_action, p_status) in (('request_changes', 'approved'), ('publish', 'approved'), ('reopen', 'published')) then
      case when p_actor = 'principal' then 'ok' else 'HP403' end
    else 'HP422'
  end
$$;

select is(
  (select string_agg(a.name || '=' || pg_temp.attempt(pg_temp.person(a.n), c.report, x.action), ' ' order by a.ord) from t_actors a),
  (select string_agg(a.name || '=' || pg_temp.expected(c.status, x.action, a.name), ' ' order by a.ord) from t_actors a),
  format('%s card, %s: every actor gets exactly the expected outcome', c.status, x.action))
from t_cards c
cross join (values ('submit', 1), ('approve', 2), ('request_changes', 3), ('publish', 4), ('reopen', 5)) as x (action, ord)
order by array_position(array['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'published'], c.status), x.ord;

select * from finish();
rollback;
