-- The demo data (supabase/seed.sql) loads and is consistent: three institutions in a pilot
-- rollout, people with duties and guardians, a year of two terms, PARAKH parameters and
-- rubrics per stage, a term of evaluations from all four rater roles, reports in every state.
begin;
\ir support/tests-schema.sql
select plan(36);

select results_eq(
  $$select i.slug, f.enabled from public.institutions as i
    join public.institution_feature_flags as f on f.institution_id = i.id and f.feature = 'hpc'
    where i.id in ('10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000003')
    order by i.id$$,
  $$values ('vidya-niketan-primary', true), ('sunrise-public-school', true), ('greenfield-senior-secondary', false)$$,
  'three institutions; HPC on for two and off for the third');

-- auth.users stays a local table beside the distributed profiles: each side is read on its own.
select is((with u as materialized (select id, email from auth.users where raw_app_meta_data ? 'demo')
           select count(*)::int from u join public.user_profiles as p on p.id = u.id and p.email = u.email), 20,
  'the 20 demo users are in auth.users with the same id and e-mail as their profile');
select is((with p as materialized (select id, email from public.user_profiles)
           select count(*)::int from p where not exists (select 1 from auth.users as u where u.id = p.id and u.email = p.email)), 0,
  'every seeded person has an account, as BIG DAY creates one before the profile');
select is((select count(*)::int from public.user_profiles where institution_id is null), 0, 'every seeded person belongs to an institution');
select results_eq(
  $$with u as materialized (select id from auth.users where raw_app_meta_data ? 'demo')
    select p.role, count(*)::int from u join public.user_profiles as p on p.id = u.id group by p.role order by p.role$$,
  $$values ('admin', 6), ('parent', 3), ('student', 4), ('teacher', 7)$$,
  'demo users cover admins (principals, institution admins), teachers, students and parents');
select ok((select count(*) from public.user_profiles where role = 'student') between 150 and 400, 'a few hundred students');
select is(
  (select count(*)::int from public.user_profiles as s where s.role = 'student'
     and not exists (select 1 from public.student_guardians as g join public.user_profiles as p on p.institution_id = g.institution_id and p.id = g.guardian_id
                     where g.student_id = s.id and g.is_primary and p.role = 'parent' and g.institution_id = s.institution_id)),
  0, 'every student has a primary guardian with a parent account in the same institution');
select is(
  (select array_agg(p.full_name order by p.full_name) from public.student_guardians as g join public.user_profiles as p on p.institution_id = g.institution_id and p.id = g.student_id
   where g.guardian_id = '00000000-0000-4000-a000-000000000006'),
  array['Aarav Sharma', 'Anaya Sharma'], 'Kavita Sharma is the parent of two children');
select is(
  (select count(*)::int from public.section_students as ss where not exists (
     select 1 from public.sections as s where s.institution_id = ss.institution_id and s.id = ss.section_id)),
  0, 'every placement is in a section of the same institution');

-- duties
select results_eq(
  $$select i.slug, array_agg(distinct d.duty order by d.duty) from public.staff_duties as d join public.institutions as i on i.id = d.institution_id
    group by i.slug order by i.slug$$,
  $$values ('greenfield-senior-secondary', array['class_teacher', 'coordinator', 'institution_admin', 'principal']),
           ('sunrise-public-school', array['class_teacher', 'coordinator', 'institution_admin', 'principal', 'subject_teacher']),
           ('vidya-niketan-primary', array['class_teacher', 'coordinator', 'institution_admin', 'principal'])$$,
  'each institution has a principal, a coordinator, an institution admin and class teachers');
select is(
  (select count(*)::int from public.sections as s where not exists (
     select 1 from public.staff_duties as d where d.institution_id = s.institution_id and d.section_id = s.id and d.duty = 'class_teacher')),
  0, 'every section has a class teacher');

-- year, stages, parameters, rubrics
select results_eq(
  $$select i.slug, count(*)::int, min(t.start_date), max(t.end_date) from public.academic_terms as t join public.institutions as i on i.id = t.institution_id
    group by i.slug order by i.slug$$,
  $$values ('greenfield-senior-secondary', 2, date '2026-04-01', date '2027-03-31'),
           ('sunrise-public-school', 2, date '2026-04-01', date '2027-03-31'),
           ('vidya-niketan-primary', 2, date '2026-04-01', date '2027-03-31')$$,
  'one academic year of two terms per institution');
select results_eq(
  $$select i.slug, array_agg(distinct p.stage::text order by p.stage::text) from public.hpc_parameters as p join public.institutions as i on i.id = p.institution_id
    group by i.slug order by i.slug$$,
  $$values ('greenfield-senior-secondary', array['foundational', 'middle', 'preparatory', 'secondary']),
           ('sunrise-public-school', array['foundational', 'middle', 'preparatory']),
           ('vidya-niketan-primary', array['foundational', 'preparatory'])$$,
  'parameters cover exactly the stages each school teaches');
select results_eq(
  $$select stage::text, count(distinct area_code)::int, count(distinct coalesce(ability, '-'))::int from public.hpc_parameters
    where institution_id = '10000000-0000-4000-8000-000000000003' group by stage order by stage::text$$,
  $$values ('foundational', 6, 1), ('middle', 9, 3), ('preparatory', 6, 3), ('secondary', 4, 3)$$,
  'PARAKH: 6 Foundational domains; 6 Preparatory and 9 Middle areas on 3 abilities');
select results_eq(
  $$select stage::text, array_agg(label order by ordinal) from public.hpc_rubrics
    where institution_id = '10000000-0000-4000-8000-000000000003' and parameter_id is null group by stage order by stage::text$$,
  $$values ('foundational', array['Beginner', 'Progressing', 'Proficient']),
           ('middle', array['Beginner', 'Proficient', 'Advanced']),
           ('preparatory', array['Beginner', 'Proficient', 'Advanced']),
           ('secondary', array['Beginner', 'Proficient', 'Advanced'])$$,
  'level scales per stage as in the PARAKH facts');
select results_eq(
  $$select ordinal::int, self_statements_min::int, self_statements_max::int from public.hpc_rubrics
    where institution_id = '10000000-0000-4000-8000-000000000002' and stage = 'middle' and parameter_id is null order by ordinal$$,
  $$values (1, 0, 2), (2, 3, 4), (3, 5, 6)$$,
  'Middle self grid: 0–2 Beginner, 3–4 Proficient, 5–6 Advanced');

-- evaluations
select ok((select count(*) from public.hpc_evaluations) between 2000 and 20000, 'a term of evaluations: thousands of rows');
select results_eq(
  $$select i.slug, array_agg(distinct e.rater_role::text order by e.rater_role::text) from public.hpc_evaluations as e
    join public.institutions as i on i.id = e.institution_id group by i.slug order by i.slug$$,
  $$values ('greenfield-senior-secondary', array['parent', 'peer', 'self', 'teacher']),
           ('sunrise-public-school', array['parent', 'peer', 'self', 'teacher']),
           ('vidya-niketan-primary', array['parent', 'peer', 'self', 'teacher'])$$,
  'evaluations from all four rater roles');
select is(
  (select count(*)::int from public.hpc_evaluations as e where e.rater_role = 'parent' and not exists (
     select 1 from public.student_guardians as g where g.institution_id = e.institution_id and g.student_id = e.student_id and g.guardian_id = e.rater_id)),
  0, 'every parent rating is by a guardian of the student');
select is(
  (select count(*)::int from public.hpc_evaluations as e where e.rater_role = 'peer' and not exists (
     select 1 from public.hpc_parameter_assignments as a
     where a.institution_id = e.institution_id and a.cycle_id = e.cycle_id and a.student_id = e.student_id and a.peer_reviewer_id = e.rater_id)),
  0, 'every peer rating is by the classmate paired to review that student');
select is(
  (select count(*)::int from public.hpc_evaluations as e join public.user_profiles as p on p.institution_id = e.institution_id and p.id = e.rater_id
   where e.rater_role = 'teacher' and p.role <> 'teacher'),
  0, 'every teacher rating is by a teacher');
select is(
  (select count(*)::int from public.hpc_evaluations as e join public.hpc_parameter_assignments as a
     on a.institution_id = e.institution_id and a.id = e.assignment_id
   where a.parameter_id <> e.parameter_id or not exists (
     select 1 from public.section_students as ss where ss.institution_id = e.institution_id and ss.section_id = a.section_id and ss.student_id = e.student_id)),
  0, 'every evaluation follows an assignment of its parameter to the student''s section');
select is(
  (select count(*)::int from public.hpc_evaluations as e
   where e.statements_circled is not null
     and e.level_ordinal <> case when e.statements_circled <= 2 then 1 when e.statements_circled <= 4 then 2 else 3 end),
  0, 'Middle self levels are derived from the circled statements');
select ok(
  (select count(*) from public.hpc_evaluations where statements_circled is not null) > 0
  and (select count(*) from public.hpc_evaluations where status = 'draft') > 0,
  'the demo has self-grid ratings and some ratings still in draft');
select is(
  (select count(distinct tableoid)::int from public.hpc_evaluations), 3,
  'the three institutions'' evaluations sit in three different partitions');

-- reports and approvals
select is(
  (select count(*)::int from public.user_profiles as s
   where s.role = 'student' and s.institution_id in ('10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000002')
     and (select count(*) from public.hpc_reports as r where r.institution_id = s.institution_id and r.student_id = s.id and r.is_current) <> 1),
  0, 'every student of the HPC schools has exactly one current Term 1 report');
select is(
  (select array_agg(distinct status::text order by status::text) from public.hpc_reports),
  array['approved', 'changes_requested', 'draft', 'in_review', 'published', 'submitted'],
  'reports exist in every workflow state');
select is(
  (select count(*)::int from public.hpc_reports
   where status <> 'draft' and content_hash <> encode(sha256(convert_to(content::text, 'UTF8')), 'hex')),
  0, 'every non-draft report''s hash is the SHA-256 of its content');
select results_eq(
  $$select version::int, status::text, is_current from public.hpc_reports where student_id = '00000000-0000-4000-a000-000000000009' order by version$$,
  $$values (1, 'published', false), (2, 'draft', true)$$,
  'Anaya''s reopened card: version 1 published and retired, version 2 current');
select is(
  (select count(*)::int from public.hpc_reports as r where r.status in ('approved', 'published') and (
     select count(*) from public.hpc_approval_workflows as w
     where w.institution_id = r.institution_id and w.report_id = r.id and w.kind = 'step' and w.decision = 'approved') <> 3),
  0, 'approved and published reports passed all three approval steps');
select is(
  (select count(*)::int from public.hpc_approval_workflows where kind = 'chain'), 9,
  'each institution has a three-step approval chain');

-- the rest of the card
select is((select array_agg(distinct kind::text order by kind::text) from public.hpc_reflections),
  array['all_about_me', 'ambition_goal', 'ambition_review', 'parent_partnership', 'self_reflection'],
  'reflections of every kind');
select ok((select count(*) from public.hpc_achievements) >= 30, 'achievements are seeded');
select ok((select count(*) from public.hpc_analytics) >= 10, 'analytics are seeded');
select is(
  (select count(*)::int from public.hpc_conversations where thread_id = id), 3,
  'three conversation threads');
select is(
  (select count(distinct institution_id)::int from public.hpc_conversations), 3,
  'conversations in all three schools (Greenfield''s are hidden while its flag is off)');

select * from finish();
rollback;
