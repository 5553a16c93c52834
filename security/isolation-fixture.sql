-- The isolation fixture: one institution's worth of people and HPC rows, written with
-- {name} placeholders that the generator fills for institution A, its mirror B, and C
-- (HPC off). Inserted as postgres (no RLS) and committed before the matrix runs, removed
-- after it (security/generate.ts).
--
-- Who is who: admin (institution admin), principal, coordinator, teacher (class teacher of
-- section1), teacher2 (class teacher of section2); student and classmate in section1,
-- other in section2; parent of student, parent2 of other. The classmate reviews the
-- student (peer). Cycles: open, released (locked), planned. *_spare rows have no
-- dependents, so that deleting them tests only the policies.

insert into public.institutions (id, name, slug) values ({institution}, 'Fixture school {side}', 'fixture-school-{side}');
insert into public.institution_feature_flags (institution_id, feature, enabled) values ({institution}, 'hpc', {hpc_enabled});

-- Everyone has an account first, as BIG DAY creates it (its audit trigger logs each new
-- profile under the person's id, which audit_logs checks against auth.users); `new` has an
-- account and no profile yet, for the matrix's profile insert.
insert into auth.users (id, aud, role, email)
select id::uuid, 'authenticated', 'authenticated', format('%s-{side}@fixture.example', name)
from (values ({admin}, 'admin'), ({principal}, 'principal'), ({coordinator}, 'coordinator'), ({teacher}, 'teacher'),
             ({teacher2}, 'teacher2'), ({student}, 'student'), ({classmate}, 'classmate'), ({other}, 'other'),
             ({person_spare}, 'spare'), ({parent}, 'parent'), ({parent2}, 'parent2'), ({account_new}, 'new')) as people (id, name);

insert into public.user_profiles (id, institution_id, full_name, email, role, employee_id, admission_number) values
  ({admin}, {institution}, 'Admin {side}', 'admin-{side}@fixture.example', 'admin', 'E-{side}-1', null),
  ({principal}, {institution}, 'Principal {side}', 'principal-{side}@fixture.example', 'staff', 'E-{side}-2', null),
  ({coordinator}, {institution}, 'Coordinator {side}', 'coordinator-{side}@fixture.example', 'teacher', 'E-{side}-3', null),
  ({teacher}, {institution}, 'Teacher {side}', 'teacher-{side}@fixture.example', 'teacher', 'E-{side}-4', null),
  ({teacher2}, {institution}, 'Teacher two {side}', 'teacher2-{side}@fixture.example', 'teacher', 'E-{side}-5', null),
  ({student}, {institution}, 'Student {side}', 'student-{side}@fixture.example', 'student', null, 'S-{side}-1'),
  ({classmate}, {institution}, 'Classmate {side}', 'classmate-{side}@fixture.example', 'student', null, 'S-{side}-2'),
  ({other}, {institution}, 'Other student {side}', 'other-{side}@fixture.example', 'student', null, 'S-{side}-3'),
  ({person_spare}, {institution}, 'Spare student {side}', 'spare-{side}@fixture.example', 'student', null, 'S-{side}-4'),
  ({parent}, {institution}, 'Parent {side}', 'parent-{side}@fixture.example', 'parent', null, null),
  ({parent2}, {institution}, 'Parent two {side}', 'parent2-{side}@fixture.example', 'parent', null, null);

insert into public.academic_terms (id, institution_id, name, start_date, end_date) values
  ({term}, {institution}, 'Term 1', '2026-04-01', '2026-09-30'),
  ({term_spare}, {institution}, 'Spare term', '2027-04-01', '2027-09-30');
insert into public.courses (id, institution_id, title, code) values
  ({course}, {institution}, 'Mathematics', 'MATH'),
  ({course_spare}, {institution}, 'Spare course', 'SPARE');
insert into public.cohorts (id, institution_id, academic_term_id, grade, stream) values
  ({cohort}, {institution}, {term}, '4', 'General'),
  ({cohort_spare}, {institution}, {term}, '5', 'General');
insert into public.sections (id, institution_id, cohort_id, name) values
  ({section1}, {institution}, {cohort}, '4-A'),
  ({section2}, {institution}, {cohort}, '4-B'),
  ({section_spare}, {institution}, {cohort}, '4-C');
insert into public.section_students (institution_id, section_id, student_id) values
  ({institution}, {section1}, {student}),
  ({institution}, {section1}, {classmate}),
  ({institution}, {section2}, {other});
insert into public.section_courses (institution_id, section_id, course_id, teacher_id, weekly_theory_periods) values
  ({institution}, {section1}, {course}, {teacher}, 6);

-- BIG DAY's groups, permissions, reports, settings, allocation and timetable rows.
insert into public.user_groups (id, institution_id, name, type) values ({user_group}, {institution}, 'Science club {side}', 'custom');
insert into public.user_permissions (institution_id, user_id, permission, resource) values
  ({institution}, {admin}, 'users.manage', null),
  ({institution}, {principal}, 'reports.view', null),
  ({institution}, {coordinator}, 'timetable.edit', null),
  ({institution}, {teacher}, 'timetable.view', null),
  ({institution}, {student}, 'library.borrow', null),
  ({institution}, {parent}, 'fees.view', null);
insert into public.system_reports (id, institution_id, name, type) values ({system_report}, {institution}, 'Users {side}', 'user_summary');
insert into public.system_settings (institution_id, key, value, category) values
  ({institution}, 'school_motto', 'Learn together', 'public'),
  ({institution}, 'sms_api_key', 'secret-{side}', 'integrations');
insert into public.teacher_subject_eligibility (institution_id, teacher_id, course_id) values ({institution}, {teacher}, {course});
insert into public.teacher_grade_eligibility (institution_id, teacher_id, grade) values ({institution}, {teacher}, '4');
insert into public.teacher_load_rules (institution_id, teacher_id) values ({institution}, {teacher});
insert into public.slot_templates (id, institution_id, name) values ({slot_template}, {institution}, 'Weekdays {side}');
insert into public.allocation_settings (institution_id) values ({institution});
insert into public.slot_template_assignments (institution_id, slot_template_id, cohort_id) values ({institution}, {slot_template}, {cohort});
insert into public.timetables (id, institution_id, section_id, academic_term_id, status) values ({timetable}, {institution}, {section1}, {term}, 'published');
insert into public.timetable_sessions (institution_id, timetable_id, section_id, course_id, teacher_id, day_of_week, period_index) values
  ({institution}, {timetable}, {section1}, {course}, {teacher}, 1, 1);
insert into public.timetable_conflicts (institution_id, teacher_id, section_id, course_id, day_of_week, period_index, conflict_type) values
  ({institution}, {teacher}, {section1}, {course}, 1, 1, 'teacher_double_booked');

insert into public.staff_duties (id, institution_id, user_id, duty, section_id, course_id, stage) values
  (gen_random_uuid(), {institution}, {admin}, 'institution_admin', null, null, null),
  (gen_random_uuid(), {institution}, {principal}, 'principal', null, null, null),
  (gen_random_uuid(), {institution}, {coordinator}, 'coordinator', null, null, null),
  (gen_random_uuid(), {institution}, {teacher}, 'class_teacher', {section1}, null, null),
  (gen_random_uuid(), {institution}, {teacher2}, 'class_teacher', {section2}, null, null),
  ({duty_spare}, {institution}, {teacher2}, 'subject_teacher', {section_spare}, {course}, null);
insert into public.student_guardians (institution_id, student_id, guardian_id, relationship, is_primary) values
  ({institution}, {student}, {parent}, 'mother', true),
  ({institution}, {other}, {parent2}, 'father', true);

insert into public.hpc_evaluation_cycles (id, institution_id, academic_term_id, name, term_number, opens_on, closes_on, status) values
  ({cycle_open}, {institution}, {term}, 'Term 1 open', 1, '2026-04-01', '2026-09-30', 'open'),
  ({cycle_released}, {institution}, {term}, 'Term 0 released', 1, '2025-10-01', '2026-03-31', 'locked'),
  ({cycle_planned}, {institution}, {term}, 'Term 2 planned', 2, '2026-10-01', '2027-03-31', 'planned');
insert into public.hpc_parameters (id, institution_id, stage, grade_band, grades, area, area_code, code, name, scale_code) values
  ({param}, {institution}, 'preparatory', '3-5', array['4'], 'Mathematics', 'MATH', 'MATH-AW', 'Mathematics: awareness', 'prep'),
  ({param2}, {institution}, 'preparatory', '3-5', array['4'], 'Mathematics', 'MATH', 'MATH-CR', 'Mathematics: creativity', 'prep'),
  ({param_spare}, {institution}, 'preparatory', '3-5', array['4'], 'Art Education', 'ART', 'ART-SE', 'Art: sensitivity', 'prep');
insert into public.hpc_rubrics (id, institution_id, stage, scale_code, ordinal, label) values
  ({rubric1}, {institution}, 'preparatory', 'prep', 1, 'Beginner'),
  ({rubric2}, {institution}, 'preparatory', 'prep', 2, 'Proficient'),
  ({rubric3}, {institution}, 'preparatory', 'prep', 3, 'Advanced'),
  ({rubric_spare}, {institution}, 'preparatory', 'spare', 1, 'Spare level');
insert into public.parameter_translations (institution_id, parameter_id, language, name) values
  ({institution}, {param}, 'hi', 'गणित: जागरूकता'),
  ({institution}, {param_spare}, 'hi', 'कला: संवेदनशीलता');
insert into public.rubric_translations (institution_id, rubric_id, language, label) values
  ({institution}, {rubric1}, 'hi', 'आरंभिक'),
  ({institution}, {rubric_spare}, 'hi', 'अतिरिक्त स्तर');
insert into public.cycle_translations (institution_id, cycle_id, language, name) values
  ({institution}, {cycle_open}, 'hi', 'सत्र 1'),
  ({institution}, {cycle_planned}, 'hi', 'सत्र 2');
insert into public.hpc_parameter_assignments (id, institution_id, cycle_id, parameter_id, section_id, teacher_id, rater_roles, student_id, peer_reviewer_id) values
  ({assign1}, {institution}, {cycle_open}, {param}, {section1}, {teacher}, array['teacher','self','peer','parent'], null, null),
  ({assign2}, {institution}, {cycle_open}, {param}, {section2}, {teacher2}, array['teacher','self','peer','parent'], null, null),
  ({assign_p2}, {institution}, {cycle_open}, {param2}, {section1}, {teacher}, array['teacher','self','peer','parent'], null, null),
  ({assign_peer}, {institution}, {cycle_open}, null, {section1}, null, array['peer'], {student}, {classmate}),
  ({assign_released}, {institution}, {cycle_released}, {param}, {section1}, {teacher}, array['teacher','self','peer','parent'], null, null),
  ({assign_spare}, {institution}, {cycle_open}, {param2}, {section2}, {teacher2}, array['teacher'], null, null);
insert into public.hpc_evaluations (id, institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id, rubric_id, level_ordinal, status) values
  ({eval_teacher}, {institution}, {cycle_open}, {student}, {param}, 'teacher', {teacher}, {rubric2}, 2, 'submitted'),
  ({eval_self}, {institution}, {cycle_open}, {student}, {param}, 'self', {student}, {rubric3}, 3, 'draft'),
  ({eval_peer}, {institution}, {cycle_open}, {student}, {param}, 'peer', {classmate}, {rubric2}, 2, 'draft'),
  ({eval_parent}, {institution}, {cycle_open}, {student}, {param}, 'parent', {parent}, {rubric2}, 2, 'draft'),
  ({eval_teacher2}, {institution}, {cycle_open}, {other}, {param}, 'teacher', {teacher2}, {rubric1}, 1, 'submitted'),
  ({eval_teacher_draft}, {institution}, {cycle_open}, {classmate}, {param}, 'teacher', {teacher}, {rubric1}, 1, 'draft'),
  ({eval_released_teacher}, {institution}, {cycle_released}, {student}, {param}, 'teacher', {teacher}, {rubric2}, 2, 'submitted'),
  ({eval_released_self}, {institution}, {cycle_released}, {student}, {param}, 'self', {student}, {rubric2}, 2, 'submitted');
insert into public.hpc_reports (id, institution_id, cycle_id, student_id, status, published_at, content_hash) values
  ({report_draft}, {institution}, {cycle_open}, {student}, 'draft', null, null),
  ({report_published}, {institution}, {cycle_released}, {student}, 'published', now(), repeat('a', 64)),
  ({report_other_draft}, {institution}, {cycle_open}, {other}, 'draft', null, null),
  ({report_other_published}, {institution}, {cycle_released}, {other}, 'published', now(), repeat('b', 64));
insert into public.hpc_approval_workflows (id, institution_id, kind, step_order, approver_duty, report_id, round, decision, decided_by, decided_role, decided_at) values
  ({chain1}, {institution}, 'chain', 1, 'coordinator', null, null, null, null, null, null),
  ({chain2}, {institution}, 'chain', 2, 'principal', null, null, null, null, null, null),
  ({step1}, {institution}, 'step', 1, 'coordinator', {report_published}, 1, 'approved', {coordinator}, 'coordinator', now());
insert into public.hpc_analytics (id, institution_id, cycle_id, scope, scope_key, section_id, metric, value) values
  ({analytics_s1}, {institution}, {cycle_open}, 'section', '4-A', {section1}, 'completion_rate', '{"value": 0.5}'),
  ({analytics_s2}, {institution}, {cycle_open}, 'section', '4-B', {section2}, 'completion_rate', '{"value": 0.25}'),
  ({analytics_inst}, {institution}, {cycle_open}, 'institution', '', null, 'completion_rate', '{"value": 0.4}');
insert into public.hpc_achievements (id, institution_id, student_id, title, category) values
  ({achievement}, {institution}, {student}, 'Inter-house quiz winner', 'academic'),
  ({achievement_other}, {institution}, {other}, 'Football team', 'sports');
insert into public.hpc_reflections (id, institution_id, student_id, cycle_id, kind, author_id, author_role, body) values
  ({reflection_self}, {institution}, {student}, {cycle_open}, 'self_reflection', {student}, 'self', 'I enjoy puzzles.'),
  ({reflection_parent}, {institution}, {student}, {cycle_open}, 'parent_partnership', {parent}, 'parent', 'Reads every evening.'),
  ({reflection_other}, {institution}, {other}, {cycle_open}, 'self_reflection', {other}, 'self', 'I like football.');
insert into public.hpc_conversations (id, institution_id, thread_id, student_id, author_id, author_role, subject, body) values
  ({conversation}, {institution}, {conversation}, {student}, {teacher}, 'teacher', 'Term 1 progress', 'A good start.'),
  ({conversation_other}, {institution}, {conversation_other}, {other}, {teacher2}, 'teacher', 'Sports day', 'Well played.');
insert into public.comment_bank_phrases (id, institution_id, parameter_id, level_ordinal, language, phrase) values
  ({phrase}, {institution}, {param}, 2, 'en', '{name} compares numbers with care.'),
  ({phrase_spare}, {institution}, {param2}, 3, 'hi', '{name} नई पहेलियाँ {बनाता|बनाती} है।');
insert into public.report_narratives (id, institution_id, cycle_id, student_id, author_id, summary, source_phrase_id, source_phrase_text) values
  ({narrative}, {institution}, {cycle_open}, {student}, {teacher}, 'Curious, careful with numbers.', {phrase}, '{name} compares numbers with care.');
-- Finished batches: a queued one, committed, would be resumed by the scheduler
-- (private.hpc_resume_stale_jobs) while the matrix runs.
insert into public.report_jobs (id, institution_id, kind, cycle_id, section_id, requested_by, status) values
  ({job_teacher}, {institution}, 'generate', {cycle_open}, {section1}, {teacher}, 'completed'),
  ({job_coordinator}, {institution}, 'generate', {cycle_open}, null, {coordinator}, 'completed');
insert into public.report_share_links (id, institution_id, report_id, student_id, guardian_id, language, expires_at, issued_by) values
  ({share_link}, {institution}, {report_published}, {student}, {parent}, 'en', now() + interval '7 days', {teacher}),
  ({share_link_other}, {institution}, {report_other_published}, {other}, {parent2}, 'en', now() + interval '7 days', {teacher2});
insert into public.report_share_link_opens (id, institution_id, link_id) values
  ({share_open}, {institution}, {share_link}),
  ({share_open_other}, {institution}, {share_link_other});
