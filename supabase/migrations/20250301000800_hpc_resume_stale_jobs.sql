-- Report generation and approvals (issue 5), part 8: batches finish even when nobody drives
-- them. The hpc-reports function runs a background batch chunk by chunk; if the function
-- is stopped (deploy, wall-clock limit, crash) the batch stays queued or running with its
-- cursor. Every minute pg_cron resumes such stale batches on behalf of their requester:
-- the requester's claims are set for the transaction, so every card is still checked
-- against the requester's own duties (and audited with the requester as actor). A batch
-- whose requester may no longer run it (HPC switched off, duty gone) is cancelled with the
-- reason in its errors.
set local lock_timeout = '50ms';
set local statement_timeout = '60s';

create or replace function private.hpc_resume_stale_jobs(
  p_stale interval default interval '2 minutes', p_max_jobs bigint default 5)
returns bigint
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_job record;
  v_resumed bigint := 0;
  v_state text;
  v_message text;
begin
  for v_job in
    select j.institution_id, j.id, j.requested_by
    from public.report_jobs as j
    where j.status in ('queued', 'running') and j.updated_at < now() - p_stale
    order by j.updated_at
    limit greatest(p_max_jobs, 0)
  loop
    perform set_config('request.jwt.claims',
      json_build_object('sub', v_job.requested_by, 'role', 'authenticated')::text, true);
    begin
      perform private.hpc_batch_run(v_job.id, 500, 20000);
      v_resumed := v_resumed + 1;
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
      if v_state in ('HPOFF', 'HP403', 'HP404') then
        update public.report_jobs as j
           set status = 'cancelled', finished_at = now(),
               errors = j.errors || jsonb_build_array(jsonb_build_object(
                 'student_id', null, 'code', v_state, 'message', 'batch cancelled: ' || v_message))
         where j.institution_id = v_job.institution_id and j.id = v_job.id;
      else
        raise warning 'report job %: % %', v_job.id, v_state, v_message;
      end if;
    end;
  end loop;
  perform set_config('request.jwt.claims', '', true);
  return v_resumed;
end
$$;
comment on function private.hpc_resume_stale_jobs(interval, bigint) is
  'pg_cron, every minute: resumes report batches untouched for p_stale on behalf of their requester; cancels those the requester may no longer run.';
revoke all on function private.hpc_resume_stale_jobs(interval, bigint) from public;

select cron.schedule('hpc-resume-stale-report-jobs', '* * * * *', $job$select private.hpc_resume_stale_jobs()$job$);
