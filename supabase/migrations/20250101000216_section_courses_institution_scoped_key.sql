-- Tenancy, expand: promote the unique (institution_id, id) index of public.section_courses, built
-- concurrently by 20250101000200, to a constraint. It is the target of the composite
-- foreign keys (institution_id, <x>_id) that keep references inside one institution.
-- `unique using index` is a catalog change (no scan, no build), but it takes ACCESS
-- EXCLUSIVE on the table until this file commits: one table per file, so that the lock
-- lasts milliseconds and never waits for another table's lock while holding this one.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

alter table public.section_courses
  add constraint section_courses_institution_id_id_key unique using index section_courses_institution_id_id_key;
