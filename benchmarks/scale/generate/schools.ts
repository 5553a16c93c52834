// The schools, set-based: institutions with their sizes and terms, sections spread over
// grades 1–12, the people in them, and PARAKH content per institution. Each step fills
// scale_gen helper tables (what later steps and the evaluations read) and then public tables.
import type { Preset } from './presets.ts';

/** The named steps that build the schools, in order. */
export function schoolSteps(preset: Preset): [name: string, sql: string][] {
  return [
    // Institutions and their sizes: weight i^-0.7, at least 30 students, the rounding
    // remainder goes to the largest so the total is exact.
    [
      'institutions',
      `
      drop table if exists scale_gen.inst;
      create unlogged table scale_gen.inst as
      with w as (
        select i, power(i, -0.7) as w from generate_series(1, ${preset.institutions}) as i
      ), s as (
        select i, greatest(30, round(${preset.students} * w / sum(w) over ())::integer) as students from w
      )
      select i, scale_gen.sid(16, i, 0) as id,
             students + case when i = 1 then ${preset.students} - sum(students) over () else 0 end as students
      from s;
      alter table scale_gen.inst add primary key (i);
      alter table scale_gen.inst add column sections integer;
      update scale_gen.inst set sections = ceil(students / 40.0)::integer;
      insert into public.institutions (id, name, slug)
      select id, 'Scale School ' || i, 'scale-' || i from scale_gen.inst;
      insert into public.institution_feature_flags (institution_id, feature, enabled, pilot_cohort)
      select id, 'hpc', true, 'scale' from scale_gen.inst;
      insert into public.academic_terms (id, institution_id, name, start_date, end_date)
      select scale_gen.sid(17, i, t), id, '2026-27 Term ' || t,
             case t when 1 then date '2026-04-01' else date '2026-10-01' end,
             case t when 1 then date '2026-09-30' else date '2027-03-31' end
      from scale_gen.inst cross join generate_series(1, 2) as t;
    `,
    ],
    // Sections (40 students each, the last one smaller but never below 2), spread over
    // grades 1–12; one cohort per grade present.
    [
      'sections',
      `
      drop table if exists scale_gen.sec;
      create unlogged table scale_gen.sec as
      select n.i, k, n.id as institution_id,
             1 + (k * 12 / n.sections) as grade,
             case when 1 + (k * 12 / n.sections) <= 2 then 0 when 1 + (k * 12 / n.sections) <= 5 then 1
                  when 1 + (k * 12 / n.sections) <= 8 then 2 else 3 end as stage_no,
             k * 40 as first_student,
             least(40, n.students - k * 40) as size
      from scale_gen.inst as n cross join lateral generate_series(0, n.sections - 1) as k;
      alter table scale_gen.sec add primary key (i, k);
      insert into public.cohorts (id, institution_id, academic_term_id, grade, stream)
      select distinct scale_gen.sid(18, i, grade), institution_id, scale_gen.sid(17, i, 1), grade::text,
             case when grade > 10 then 'Science' else 'General' end
      from scale_gen.sec;
      insert into public.sections (id, institution_id, cohort_id, name)
      select scale_gen.sid(19, i, k), institution_id, scale_gen.sid(18, i, grade),
             grade || '-' || chr(65 + (k % 26)) || (k / 26)
      from scale_gen.sec;
    `,
    ],
    // People: students, one guardian each, a class teacher per section, a principal (BIG DAY
    // role admin) and a coordinator per institution.
    [
      'people',
      `
      drop table if exists scale_gen.stu;
      create unlogged table scale_gen.stu as
      select s.i, s.k, s.institution_id, s.stage_no, s.grade, s.first_student + p as j, p as pos, s.size
      from scale_gen.sec as s cross join lateral generate_series(0, s.size - 1) as p;
      alter table scale_gen.stu add primary key (i, j);
      insert into public.user_profiles (id, institution_id, full_name, email, role, admission_number, current_standard, status)
      select scale_gen.sid(32, i, j), institution_id, 'Student ' || i || '-' || j, 's' || j || '.i' || i || '@scale.example',
             'student', 'S' || i || '-' || j, grade::text, 'active'
      from scale_gen.stu;
      insert into public.user_profiles (id, institution_id, full_name, email, role, status)
      select scale_gen.sid(33, i, j), institution_id, 'Parent ' || i || '-' || j, 'p' || j || '.i' || i || '@scale.example',
             'parent', 'active'
      from scale_gen.stu;
      insert into public.user_profiles (id, institution_id, full_name, email, role, employee_id, status)
      select scale_gen.sid(34, i, k), institution_id, 'Teacher ' || i || '-' || k, 't' || k || '.i' || i || '@scale.example',
             'teacher', 'T' || i || '-' || k, 'active'
      from scale_gen.sec;
      insert into public.user_profiles (id, institution_id, full_name, email, role, employee_id, status)
      select scale_gen.sid(35, i, r), id, case r when 0 then 'Principal ' else 'Coordinator ' end || i,
             case r when 0 then 'principal' else 'coordinator' end || '.i' || i || '@scale.example',
             case r when 0 then 'admin' else 'teacher' end, 'M' || i || '-' || r, 'active'
      from scale_gen.inst cross join generate_series(0, 1) as r;
      insert into public.section_students (id, institution_id, section_id, student_id)
      select scale_gen.sid(20, i, j), institution_id, scale_gen.sid(19, i, k), scale_gen.sid(32, i, j) from scale_gen.stu;
      insert into public.student_guardians (institution_id, student_id, guardian_id, relationship, is_primary)
      select institution_id, scale_gen.sid(32, i, j), scale_gen.sid(33, i, j),
             case j % 2 when 0 then 'mother' else 'father' end, true
      from scale_gen.stu;
      insert into public.staff_duties (id, institution_id, user_id, duty, section_id)
      select scale_gen.sid(36, i, k), institution_id, scale_gen.sid(34, i, k), 'class_teacher', scale_gen.sid(19, i, k)
      from scale_gen.sec;
      insert into public.staff_duties (id, institution_id, user_id, duty)
      select scale_gen.sid(37, i, r), id, scale_gen.sid(35, i, r), case r when 0 then 'principal' else 'coordinator' end
      from scale_gen.inst cross join generate_series(0, 1) as r;
    `,
    ],
    // PARAKH content per institution: 4 stages × 4 areas × 3 abilities, a 3-level scale per
    // stage (Middle: the self grid's statements ranges), two cycles.
    [
      'parameters and cycles',
      `
      drop table if exists scale_gen.par;
      create unlogged table scale_gen.par as
      select st.stage_no, st.stage, st.grades, a.area_no, a.area_code, a.area, b.ability_no, b.ability,
             st.stage_no * 12 + a.area_no * 3 + b.ability_no as param_no
      from (values (0, 'foundational', array['1','2']), (1, 'preparatory', array['3','4','5']),
                   (2, 'middle', array['6','7','8']), (3, 'secondary', array['9','10','11','12']))
             as st (stage_no, stage, grades)
      cross join lateral (
        select area_no - 1 as area_no, area_code, area
        from unnest(case st.stage_no
               when 0 then array['PHY', 'SEE', 'COG', 'LAN']
               when 1 then array['LR1', 'MAT', 'TWA', 'ART']
               when 2 then array['LR1', 'MAT', 'SCI', 'SST']
               else array['LR1', 'MAT', 'SCI', 'SKL'] end,
             case st.stage_no
               when 0 then array['Physical Development', 'Socio-emotional and Ethical', 'Cognitive', 'Language and Literacy']
               when 1 then array['Language R1', 'Mathematics', 'The World Around Us', 'Art Education']
               when 2 then array['Language R1', 'Mathematics', 'Science', 'Social Science']
               else array['Language R1', 'Mathematics', 'Science', 'Skill Education'] end)
             with ordinality as x (area_code, area, area_no)
      ) as a
      cross join (values (0, 'awareness'), (1, 'sensitivity'), (2, 'creativity')) as b (ability_no, ability);
      insert into public.hpc_parameters (id, institution_id, stage, grade_band, grades, area, area_code, ability, code, name, scale_code, sort_order)
      select scale_gen.sid(48, n.i, p.param_no), n.id, p.stage, p.grades[1] || '-' || p.grades[cardinality(p.grades)], p.grades,
             p.area, p.area_code, p.ability, upper(left(p.stage, 3)) || '-' || p.area_code || '-' || upper(left(p.ability, 3)),
             p.area || ': ' || p.ability, p.stage || '-3', p.param_no
      from scale_gen.inst as n cross join scale_gen.par as p;
      insert into public.hpc_rubrics (id, institution_id, stage, scale_code, ordinal, label, icon, self_statements_min, self_statements_max)
      select scale_gen.sid(49, n.i, st.stage_no * 10 + o), n.id, st.stage, st.stage || '-3', o,
             case when st.stage_no = 0 then (array['Beginner', 'Progressing', 'Proficient'])[o]
                  else (array['Beginner', 'Proficient', 'Advanced'])[o] end,
             (array['stream', 'mountain', 'sky'])[o],
             case when st.stage_no = 2 then (array[0, 3, 5])[o] end,
             case when st.stage_no = 2 then (array[2, 4, 6])[o] end
      from scale_gen.inst as n
      cross join (values (0, 'foundational'), (1, 'preparatory'), (2, 'middle'), (3, 'secondary')) as st (stage_no, stage)
      cross join generate_series(1, 3) as o;
      insert into public.hpc_evaluation_cycles (id, institution_id, academic_term_id, name, term_number, opens_on, closes_on, status)
      select scale_gen.sid(50, i, c), id, scale_gen.sid(17, i, c), 'Term ' || c, c,
             case c when 1 then date '2026-08-01' else date '2027-02-01' end,
             case c when 1 then date '2026-09-15' else date '2027-03-15' end,
             case c when 1 then 'closed' else 'open' end
      from scale_gen.inst cross join generate_series(1, 2) as c;
      insert into public.hpc_parameter_assignments (id, institution_id, cycle_id, parameter_id, section_id, teacher_id)
      select scale_gen.sid(51, s.i, (s.k * 2 + c) * 100 + p.param_no), s.institution_id, scale_gen.sid(50, s.i, c),
             scale_gen.sid(48, s.i, p.param_no), scale_gen.sid(19, s.i, s.k), scale_gen.sid(34, s.i, s.k)
      from scale_gen.sec as s
      join scale_gen.par as p on p.stage_no = s.stage_no
      cross join generate_series(1, 2) as c;
    `,
    ],
  ];
}
