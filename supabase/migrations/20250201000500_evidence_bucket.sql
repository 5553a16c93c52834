-- Evidence files (photos, work samples, recordings) for evaluations and achievements.
--
-- Private bucket hpc-evidence; object paths are <institution_id>/<student_id>/<file>. The
-- Storage API runs every request as the caller with the caller's claims, so these
-- storage.objects policies decide access, following docs/role-matrix.md: leaders read
-- everything of their institution, teachers their students' files, students their own,
-- parents their children's; whoever may rate a student may upload evidence for them; the
-- uploader (or an institution admin) may replace or remove it. HPC off hides it all.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values (
  'hpc-evidence', 'hpc-evidence', false,
  10 * 1024 * 1024,
  array['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf', 'audio/mpeg', 'audio/mp4', 'video/mp4']
)
on conflict (id) do update
set public = excluded.public,
    file_size_limit = excluded.file_size_limit,
    allowed_mime_types = excluded.allowed_mime_types;

-- Whose evidence folder is this object in, as far as the caller is concerned?
create or replace function private.evidence_access(p_name text, p_write boolean)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_institution text := (storage.foldername(p_name))[1];
  v_student text := (storage.foldername(p_name))[2];
begin
  -- The Storage API sets the claims but runs no PostgREST pre-request.
  perform private.ensure_request_context();
  if v_institution is distinct from private.caller_institution_id()::text or not private.hpc_active()
     or v_student !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  return (not p_write and private.reads_whole_institution())
      or private.teaches_student(v_student::uuid)
      or v_student::uuid = private.caller_id()
      or private.is_child(v_student::uuid)
      or (p_write and private.is_peer_reviewee(v_student::uuid));
end
$$;
revoke all on function private.evidence_access(text, boolean) from public;

-- An institution admin removes any evidence file of their school.
create or replace function private.evidence_removed_by_admin(p_name text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.ensure_request_context();
  return (storage.foldername(p_name))[1] = private.caller_institution_id()::text and private.is_institution_admin();
end
$$;
revoke all on function private.evidence_removed_by_admin(text) from public;
grant execute on function private.evidence_removed_by_admin(text) to authenticated, service_role;
grant execute on function private.evidence_access(text, boolean) to authenticated, service_role;

create policy "HPC evidence is read by the student's circle" on storage.objects
  for select to authenticated
  using (bucket_id = 'hpc-evidence' and private.evidence_access(name, false));

create policy "HPC evidence is uploaded by those who assess the student" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'hpc-evidence' and owner_id = (select auth.uid())::text and private.evidence_access(name, true));

create policy "HPC evidence is replaced by its uploader" on storage.objects
  for update to authenticated
  using (bucket_id = 'hpc-evidence' and owner_id = (select auth.uid())::text and private.evidence_access(name, true))
  with check (bucket_id = 'hpc-evidence' and owner_id = (select auth.uid())::text and private.evidence_access(name, true));

create policy "HPC evidence is removed by its uploader or an institution admin" on storage.objects
  for delete to authenticated
  using (
    bucket_id = 'hpc-evidence'
    and (
      (owner_id = (select auth.uid())::text and private.evidence_access(name, true))
      or private.evidence_removed_by_admin(name)
    )
  );
