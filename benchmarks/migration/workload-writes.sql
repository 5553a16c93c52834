-- BIG DAY writes (pgbench script): an office edit of a student's contact details, with the
-- app's own audit_logs row, in one transaction. It touches the rows the backfill rewrites.
\set s random(1, 20)
\set k random(1, 47500)
BEGIN;
UPDATE public.user_profiles SET contact_number = '+91-98' || lpad(:k::text, 8, '0'), updated_at = now()
 WHERE email = 'student.' || :k::text || '@school' || :s::text || '.example';
INSERT INTO public.audit_logs (action, table_name, record_id, new_values, performed_at)
VALUES ('update', 'user_profiles', :k::text, '{"contact_number": "changed"}', now());
END;
