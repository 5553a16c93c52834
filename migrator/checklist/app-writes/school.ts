// The school an app-write replay works in, and the rows of it the writes aim at: found through
// the legacy institution_id and the class links only, so nothing here needs HPC objects.
import type { Sql } from '../../db.ts';

export interface School {
  institutionId: string;
  termId: string;
  cohortId: string;
  spareCohortId: string;
  sectionId: string;
  sectionCourse: { id: string; courseId: string; teacherId: string };
  spareCourseId: string;
  courseId: string;
  adminId: string;
  adminEmail: string;
  domain: string;
  teacherId: string;
  newTeacherId: string;
  newTeacherRulesId: string | null;
  /** A course and a grade of the school the new teacher is not eligible for yet. */
  newTeacherCourseId: string;
  newTeacherGrade: string;
  studentIds: string[];
  subjectEligibilityId: string;
  gradeEligibilityId: string;
  timetableId: string;
  sessionId: string;
  slotTemplateId: string;
}

/** The school with institutionId (else that of the oldest academic term) and its rows the writes aim at. */
export async function findSchool(sql: Sql, institutionId?: string): Promise<School> {
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined || value === null) throw new Error(`replayAppWrites: the school ${institutionId ?? '(first)'} has no ${what}`);
    return value;
  };
  if (!institutionId) {
    const [first] = await sql`select institution_id::text as id from public.academic_terms
                              group by institution_id order by min(created_at), institution_id::text limit 1`;
    institutionId = need(first?.id as string | undefined, 'academic term');
  }
  const inst = institutionId;
  // The term, cohort and section with students and courses (the current term's classes).
  const [cls] = await sql`
    select c.academic_term_id::text as term, c.id::text as cohort, s.id::text as section
    from public.cohorts as c join public.sections as s on s.cohort_id = c.id
    join public.academic_terms as t on t.id = c.academic_term_id
    where c.institution_id = ${inst}
      and exists (select 1 from public.section_students as ss where ss.section_id = s.id)
      and exists (select 1 from public.section_courses as sc where sc.section_id = s.id and sc.teacher_id is not null)
    order by t.start_date, c.grade, s.name limit 1`;
  need(cls, 'section with students and courses');
  const [spareCohort] = await sql`select id::text from public.cohorts where institution_id = ${inst} and id <> ${cls!.cohort}
                                  order by (select count(*) from public.sections as s where s.cohort_id = cohorts.id), created_at limit 1`;
  const [sc] = await sql`select id::text, course_id::text, teacher_id::text from public.section_courses
                         where section_id = ${cls!.section} and teacher_id is not null order by priority, course_id limit 1`;
  const [spareCourse] = await sql`select id::text from public.courses as c where institution_id = ${inst}
                                  and not exists (select 1 from public.section_courses as sc where sc.section_id = ${cls!.section} and sc.course_id = c.id)
                                  order by code limit 1`;
  const students = await sql`select student_id::text as id from public.section_students where section_id = ${cls!.section}
                             order by student_id limit 3`;
  // People reach a school only through links and e-mail: the students' domain names the school.
  const [domain] = await sql`select split_part(u.email, '@', 2) as d from public.section_students as ss
                             join public.user_profiles as u on u.id = ss.student_id where ss.section_id = ${cls!.section} limit 1`;
  const [admin] = await sql`
    select u.id::text, u.email from public.user_profiles as u
    where u.role = 'admin'
    order by (split_part(u.email, '@', 2) = ${domain?.d ?? ''}) desc,
             exists (select 1 from public.timetables as tt join public.sections as s on s.id = tt.section_id
                     join public.cohorts as c on c.id = s.cohort_id
                     where c.institution_id = ${inst} and u.id in (tt.generated_by, tt.published_by)) desc,
             u.created_at, u.id
    limit 1`;
  // A teacher of the school with no classes yet (else the section's teacher).
  const teacherId = sc?.teacher_id as string;
  const [unallocated] = await sql`
    select u.id::text from public.user_profiles as u
    where u.role = 'teacher' and split_part(u.email, '@', 2) = ${domain?.d ?? ''}
      and not exists (select 1 from public.section_courses as x where x.teacher_id = u.id)
    order by u.created_at, u.id limit 1`;
  const newTeacherId = (unallocated?.id as string | undefined) ?? teacherId;
  const [rules] = await sql`select id::text from public.teacher_load_rules where teacher_id = ${newTeacherId}`;
  const [newCourse] = await sql`select id::text from public.courses as c where institution_id = ${inst}
                                and not exists (select 1 from public.teacher_subject_eligibility as e
                                                where e.teacher_id = ${newTeacherId} and e.course_id = c.id)
                                order by code limit 1`;
  const [newGrade] = await sql`select grade from public.cohorts as c where institution_id = ${inst}
                               and not exists (select 1 from public.teacher_grade_eligibility as e
                                               where e.teacher_id = ${newTeacherId} and e.grade = c.grade)
                               order by grade limit 1`;
  const [tse] = await sql`select id::text from public.teacher_subject_eligibility where teacher_id = ${teacherId} order by id limit 1`;
  const [tge] = await sql`select id::text from public.teacher_grade_eligibility where teacher_id = ${teacherId} order by id limit 1`;
  const [tt] = await sql`select id::text from public.timetables where section_id = ${cls!.section} and academic_term_id = ${cls!.term}
                         order by (status = 'published') desc, created_at desc limit 1`;
  const [session] = tt
    ? await sql`select id::text from public.timetable_sessions where timetable_id = ${tt.id}
                                   order by day_of_week, period_index limit 1`
    : [];
  const [template] = await sql`select id::text from public.slot_templates where institution_id = ${inst} order by created_at, id limit 1`;
  return {
    institutionId: inst,
    termId: cls!.term,
    cohortId: cls!.cohort,
    spareCohortId: need(spareCohort?.id, 'second cohort'),
    sectionId: cls!.section,
    sectionCourse: { id: sc!.id, courseId: sc!.course_id, teacherId },
    spareCourseId: need(spareCourse?.id, 'course the section does not take'),
    courseId: sc!.course_id,
    adminId: need(admin?.id, 'admin'),
    adminEmail: admin!.email,
    domain: domain?.d || 'replay.example',
    teacherId,
    newTeacherId,
    newTeacherRulesId: (rules?.id as string | undefined) ?? null,
    newTeacherCourseId: need(newCourse?.id, 'course a teacher is not eligible for'),
    newTeacherGrade: need(newGrade?.grade, 'grade a teacher is not eligible for'),
    studentIds: need(students.length >= 3 ? students.map((r) => r.id as string) : undefined, 'section with 3 students'),
    subjectEligibilityId: need(tse?.id, 'subject eligibility of the section teacher'),
    gradeEligibilityId: need(tge?.id, 'grade eligibility of the section teacher'),
    timetableId: need(tt?.id, 'timetable for the section'),
    sessionId: need(session?.id, 'timetable session'),
    slotTemplateId: need(template?.id, 'slot template'),
  };
}
