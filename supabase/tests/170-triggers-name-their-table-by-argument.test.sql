-- Triggers learn which table they guard from their arguments, never from TG_TABLE_NAME (on a
-- distributed table that is the shard's name): the role checks refuse a table they have no
-- rules for instead of letting its rows through unchecked, and audit rows name the table the
-- trigger was given.
begin;
\ir support/tests-schema.sql
select plan(6);

create temporary table t_people on commit drop as
select s.institution_id as school, s.id as student, s2.id as other_student
from public.user_profiles as s
join public.user_profiles as s2 on s2.institution_id = s.institution_id and s2.role = 'student' and s2.id <> s.id
where s.role = 'student'
order by s.id, s2.id
limit 1;

-- The role checks of the two tables they know still run ------------------------------------
select throws_like($$
  insert into public.student_guardians (institution_id, student_id, guardian_id, relationship)
  select school, student, other_student, 'sibling' from t_people$$,
  '%is not a parent account (role student)', 'student_guardians: a student as guardian is refused');
select throws_like($$
  insert into public.staff_duties (institution_id, user_id, duty)
  select school, student, 'principal' from t_people$$,
  '%is not staff (role student)', 'staff_duties: a student holding a duty is refused');

-- A table they have no rules for is refused, not waved through ----------------------------
create table public.probe_people (institution_id uuid, student_id uuid, guardian_id uuid);
create trigger check_person_roles before insert on public.probe_people
  for each row execute function private.check_person_roles('probe_people');
select throws_ok($$insert into public.probe_people select school, student, other_student from t_people$$,
  '39P01', 'check_person_roles has no role rules for table probe_people',
  'a table the role checks do not know: refused');
drop trigger check_person_roles on public.probe_people;
create trigger check_person_roles before insert on public.probe_people
  for each row execute function private.check_person_roles();
select throws_ok($$insert into public.probe_people select school, student, other_student from t_people$$,
  '39P01', 'check_person_roles has no role rules for table (none given)',
  'a role-check trigger that names no table: refused');

-- Audit rows name the table given, whatever the table's own name -------------------------
create table public.probe_shard_102008 (institution_id uuid, id uuid);
create trigger audit_row_change after insert on public.probe_shard_102008
  for each row execute function private.audit_row_change('row', 'public.probe_logical', 'institution_id', 'id');
insert into public.probe_shard_102008 select school, student from t_people;
select results_eq(
  $$select table_schema, table_name, record_key ->> 'id' from public.audit_events
    where table_name in ('probe_logical', 'probe_shard_102008')$$,
  $$select 'public'::text, 'probe_logical'::text, student::text from t_people$$,
  'the audit row names the table from the trigger''s argument');

-- Partitions too: a rating's audit row names hpc_evaluations, not its partition ----------
select ok(not exists (select 1 from public.audit_events where table_name like 'hpc_evaluations_%')
          and exists (select 1 from public.audit_events where table_name = 'hpc_evaluations'),
  'ratings are audited as hpc_evaluations, never as a partition');

select * from finish();
rollback;
