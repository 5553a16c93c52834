-- A profile that goes leaves the rows naming it as a course's teacher, a timetable's author or
-- publisher, or a session's teacher without that link, as BIG DAY's ON DELETE SET NULL did; the
-- trigger clear_links_to_removed_profile does it in the profile's school, and the keys are
-- plain, so that Citus can keep them (docs/scale-out.md "Keys").
begin;
\ir support/tests-schema.sql
select plan(8);

select '10000000-0000-4000-8000-000000000001' as school, gen_random_uuid() as teacher,
       (select sc.id from public.section_courses as sc
        where sc.institution_id = '10000000-0000-4000-8000-000000000001' order by sc.id limit 1) as course_row
\gset
insert into public.user_profiles (id, institution_id, full_name, email, employee_id, role)
values (:'teacher', :'school', 'Leaving teacher', 'leaving-teacher-172@vidyaniketan.example', 'E172', 'teacher');
update public.section_courses set teacher_id = :'teacher' where institution_id = :'school' and id = :'course_row';

select is(
  (select array_agg(pg_catalog.pg_get_constraintdef(c.oid) ~ 'ON DELETE SET' order by c.conname)
   from pg_catalog.pg_constraint as c
   where c.conname in ('section_courses_tenant_teacher_fkey', 'timetables_tenant_generated_by_fkey',
                       'timetables_tenant_published_by_fkey', 'timetable_sessions_tenant_teacher_fkey')
     and c.convalidated),
  array[false, false, false, false],
  'the four link keys to user_profiles are validated and null nothing themselves');
select is(
  (select string_agg(pg_catalog.encode(t.tgargs, 'escape'), '') from pg_catalog.pg_trigger as t
   where t.tgrelid = 'public.user_profiles'::regclass and t.tgname = 'clear_links_to_removed_profile'),
  E'section_courses.teacher_id\\000timetable_sessions.teacher_id\\000timetables.generated_by\\000timetables.published_by\\000',
  'the trigger clears each of those links');

select lives_ok(
  format($$delete from public.user_profiles where institution_id = %L and id = %L$$, :'school', :'teacher'),
  'a teacher named on a course can be removed');
-- Read apart from the assertions: on a Citus cluster a statement that names one school goes
-- whole to that school's shard, pgTAP's own functions included.
select count(*)::int as courses, count(teacher_id)::int as with_teacher
from public.section_courses where institution_id = :'school' and id = :'course_row'
\gset
select is(:with_teacher, 0, 'and the course is left without a teacher');
select is(:courses, 1, 'the course itself stays');

select throws_ok(
  format($$update public.section_courses set teacher_id = %L where institution_id = %L and id = %L$$,
         gen_random_uuid(), :'school', :'course_row'),
  '23503', null, 'the key still refuses a teacher who is not there');

-- The contract step refuses to take SET NULL off a key whose link no trigger clears.
create table public.t_links_parent (institution_id uuid not null, id uuid not null, primary key (institution_id, id));
create table public.t_links_child (institution_id uuid not null, id uuid primary key, parent_id uuid,
  constraint t_links_child_parent_fkey foreign key (institution_id, parent_id)
    references public.t_links_parent (institution_id, id) on delete set null (parent_id));
select throws_ok(
  $$select private.drop_set_null_from_link_key('t_links_child', 't_links_child_parent_fkey')$$,
  '55000',
  'contract refused: public.t_links_child.t_links_child_parent_fkey nulls parent_id, which trigger clear_links_to_removed_profile on public.t_links_parent does not clear',
  'a key whose link no trigger clears keeps its SET NULL, and the step says why');
select ok(
  (select pg_catalog.pg_get_constraintdef(c.oid) ~ 'ON DELETE SET NULL' from pg_catalog.pg_constraint as c
   where c.conname = 't_links_child_parent_fkey'),
  'after the refusal the key is as it was');

select * from finish();
rollback;
