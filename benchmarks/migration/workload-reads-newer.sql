-- BIG DAY reads on its newer shape (pgbench script): a student's profile screen, their class
-- roster and their published timetable, as the app does all day. Emails are the generator's
-- (student.<k>@school<s>.example).
\set s random(1, 20)
\set k random(1, 47500)
SELECT id, full_name, current_standard, section, status, parent_guardian_name
  FROM public.user_profiles WHERE email = 'student.' || :k::text || '@school' || :s::text || '.example';
SELECT u.full_name, u.admission_number
  FROM public.section_students AS ss JOIN public.user_profiles AS u ON u.id = ss.student_id
 WHERE ss.section_id = (SELECT x.section_id FROM public.section_students AS x JOIN public.user_profiles AS me ON me.id = x.student_id
                         WHERE me.email = 'student.' || :k::text || '@school' || :s::text || '.example' LIMIT 1)
 ORDER BY u.full_name;
SELECT ts.day_of_week, ts.period_index, ts.session_type, c.title, t.full_name
  FROM public.timetable_sessions AS ts
  JOIN public.timetables AS tt ON tt.id = ts.timetable_id AND tt.status = 'published'
  JOIN public.courses AS c ON c.id = ts.course_id
  LEFT JOIN public.user_profiles AS t ON t.id = ts.teacher_id
 WHERE ts.section_id = (SELECT x.section_id FROM public.section_students AS x JOIN public.user_profiles AS me ON me.id = x.student_id
                         WHERE me.email = 'student.' || :k::text || '@school' || :s::text || '.example' LIMIT 1)
 ORDER BY ts.day_of_week, ts.period_index;
