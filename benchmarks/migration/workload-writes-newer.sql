-- BIG DAY writes on its newer shape (pgbench script): an office edit of a student's contact
-- details (BIG DAY's own trigger writes the audit_logs row) and the review screen locking or
-- unlocking one of the student's section's timetable sessions. Both touch rows the backfill
-- rewrites.
\set s random(1, 20)
\set k random(1, 47500)
\set d random(1, 5)
BEGIN;
UPDATE public.user_profiles SET contact_number = '+91-98' || lpad(:k::text, 8, '0'), updated_at = now()
 WHERE email = 'student.' || :k::text || '@school' || :s::text || '.example';
UPDATE public.timetable_sessions SET locked = NOT locked
 WHERE id = (SELECT ts.id FROM public.timetable_sessions AS ts
              WHERE ts.section_id = (SELECT x.section_id FROM public.section_students AS x JOIN public.user_profiles AS me ON me.id = x.student_id
                                      WHERE me.email = 'student.' || :k::text || '@school' || :s::text || '.example' LIMIT 1)
                AND ts.day_of_week = :d
              LIMIT 1);
END;
