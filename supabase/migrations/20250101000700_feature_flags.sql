-- Feature flags per institution (docs/architecture.md §4.4). The HPC rolls out by
-- institution (a pilot first); switching `hpc` off is the immediate rollback: policies and
-- functions ask private.hpc_enabled(institution_id) on every request, so it takes effect on
-- the next one. A missing row means off.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create table public.institution_feature_flags (
  institution_id uuid not null references public.institutions (id) on delete cascade,
  feature text not null
    constraint institution_feature_flags_feature_check check (feature in ('hpc')),
  enabled boolean not null default false,
  -- which rollout wave / pilot group the institution belongs to, e.g. 'pilot-2026-term1'
  pilot_cohort text,
  note text,
  changed_at timestamptz not null default now(),
  changed_by uuid default auth.uid(),
  constraint institution_feature_flags_pkey primary key (institution_id, feature),
  constraint institution_feature_flags_pilot_cohort_format
    check (pilot_cohort is null or pilot_cohort ~ '^[a-z0-9][a-z0-9_-]*$')
);
comment on table public.institution_feature_flags is
  'Per-institution feature switches (feature hpc: on/off, pilot cohort, when and by whom changed). No row = off.';
-- "Which institutions are in this pilot wave / have HPC on" (rollout dashboards, jobs).
create index institution_feature_flags_feature_idx
  on public.institution_feature_flags (feature, enabled, pilot_cohort);

create or replace function private.stamp_flag_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.changed_at := now();
  new.changed_by := coalesce((select auth.uid()), case when tg_op = 'INSERT' then new.changed_by end);
  return new;
end
$$;
revoke all on function private.stamp_flag_change() from public;

create trigger stamp_flag_change
  before insert or update on public.institution_feature_flags
  for each row execute function private.stamp_flag_change();

alter table public.institution_feature_flags enable row level security;

-- "Is HPC on for this institution?" Security definer so that policies evaluated as
-- `authenticated` can ask it without a policy on the flags table; stable, so a policy can
-- wrap it in (select ...) and it runs once per statement.
create or replace function private.hpc_enabled(p_institution_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return coalesce(
    (select f.enabled
     from public.institution_feature_flags as f
     where f.institution_id = p_institution_id and f.feature = 'hpc'),
    false);
end
$$;
comment on function private.hpc_enabled(uuid) is
  'True when feature hpc is enabled for the institution; false when off or when no flag row exists.';
revoke all on function private.hpc_enabled(uuid) from public;
grant execute on function private.hpc_enabled(uuid) to authenticated, service_role;
