-- Evidence files: the private hpc-evidence bucket and the storage.objects policies, with
-- the demo data's people. Uploads are inserts into storage.objects as the caller, as the
-- Storage API performs them.
begin;
\ir support/tests-schema.sql
select plan(13);

-- One query a value, each naming the school: on Citus every one runs on that school's shard.
select d.institution_id as school, d.user_id as teacher, d.section_id as section
from public.staff_duties d join public.institution_feature_flags f using (institution_id)
where d.duty = 'class_teacher' and d.active and f.feature = 'hpc' and f.enabled
order by d.user_id limit 1 \gset
select s.student_id as taught from public.section_students s
where s.institution_id = :'school' and s.section_id = :'section' order by s.student_id limit 1 \gset
select s.student_id as untaught from public.section_students s
where s.institution_id = :'school' and s.section_id <> :'section'
  and s.student_id not in (select s2.student_id from public.section_students s2
                           where s2.institution_id = :'school' and s2.section_id = :'section')
order by s.student_id limit 1 \gset
select f.institution_id as other_institution from public.institution_feature_flags f
where f.institution_id <> :'school' and f.feature = 'hpc' and f.enabled order by f.institution_id limit 1 \gset
select g.guardian_id as parent from public.student_guardians g
where g.institution_id = :'school' and g.student_id = :'taught' order by g.guardian_id limit 1 \gset
create temp table who as
select :'school'::uuid as institution_id, :'teacher'::uuid as teacher, :'taught'::uuid as taught,
       :'untaught'::uuid as untaught, :'other_institution'::uuid as other_institution, :'parent'::uuid as parent;
grant select on who to authenticated;

select results_eq(
  $$select public, file_size_limit, 'image/jpeg' = any (allowed_mime_types), 'application/x-msdownload' = any (allowed_mime_types)
    from storage.buckets where id = 'hpc-evidence'$$,
  $$values (false, 10485760::bigint, true, false)$$,
  'hpc-evidence is private, 10 MiB per file, images allowed, executables not');
select ok((select parent from who) is not null and (select untaught from who) is not null and (select other_institution from who) is not null,
  'the demo data has a taught student with a parent, an untaught student and a second institution');

-- Uploads as the teacher.
select tests.authenticate_as((select teacher from who));
select lives_ok(
  format($$insert into storage.objects (bucket_id, name, owner_id) values ('hpc-evidence', '%s/%s/drawing.jpg', auth.uid()::text)$$,
         (select institution_id from who), (select taught from who)),
  'a teacher uploads evidence for a student they teach');
select throws_ok(
  format($$insert into storage.objects (bucket_id, name, owner_id) values ('hpc-evidence', '%s/%s/drawing.jpg', auth.uid()::text)$$,
         (select institution_id from who), (select untaught from who)),
  '42501', null, 'but not for a student they do not teach');
select throws_ok(
  format($$insert into storage.objects (bucket_id, name, owner_id) values ('hpc-evidence', '%s/%s/drawing.jpg', auth.uid()::text)$$,
         (select other_institution from who), (select taught from who)),
  '42501', null, 'nor into another institution''s folder');
select throws_ok(
  format($$insert into storage.objects (bucket_id, name, owner_id) values ('hpc-evidence', '%s/%s/x.jpg', 'someone-else')$$,
         (select institution_id from who), (select taught from who)),
  '42501', null, 'nor as somebody else''s upload');
select throws_ok(
  format($$insert into storage.objects (bucket_id, name, owner_id) values ('hpc-evidence', '%s/not-a-uuid/x.jpg', auth.uid()::text)$$,
         (select institution_id from who)),
  '42501', null, 'a malformed path is refused, not an error');
select is((select count(*)::int from storage.objects where bucket_id = 'hpc-evidence'), 1, 'the teacher reads the file they uploaded');
select tests.clear_authentication();

-- Reads by the family.
select tests.authenticate_as((select taught from who));
select is((select count(*)::int from storage.objects where bucket_id = 'hpc-evidence'), 1, 'the student reads their own evidence');
select tests.clear_authentication();
select tests.authenticate_as((select parent from who));
select is((select count(*)::int from storage.objects where bucket_id = 'hpc-evidence'), 1, 'their parent reads it too');
select tests.clear_authentication();
select tests.authenticate_as((select untaught from who));
select is((select count(*)::int from storage.objects where bucket_id = 'hpc-evidence'), 0, 'another student does not');
select is_empty(
  format($$delete from storage.objects where bucket_id = 'hpc-evidence' returning 1$$),
  'and cannot remove it');
select tests.clear_authentication();

-- HPC off hides the files from the institution's own staff.
update public.institution_feature_flags set enabled = false where institution_id = (select institution_id from who);
select tests.authenticate_as((select teacher from who));
select is((select count(*)::int from storage.objects where bucket_id = 'hpc-evidence'), 0, 'with HPC off even the uploader sees nothing');
select tests.clear_authentication();

select * from finish();
rollback;
