-- A guardian's consent to the parent and peer parts of the card, where the school records it.
--
-- A school that requires consent (private.hpc_consent_policies, set by its institution admin)
-- stores a parent's rating of a child, or a classmate's, only while a guardian of that child
-- has consented to that part: the rating is refused with HP422 saying which consent is
-- missing. A school that does not require it is unaffected. Each consent records who gave it
-- (a guardian of the child), who recorded it (the guardian in the app, or staff from a signed
-- form), when, and its withdrawal; a withdrawn consent stops new ratings of that part (what
-- is stored stays until the school erases it) and the card says the part was not collected.
--
-- Guardians give and withdraw consent for their own children; the school's institution admin
-- or principal records a guardian's consent from a signed form. Guardians, the child's
-- teachers and the school's leaders read a child's consents.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create type public.hpc_consent_part as enum ('parent', 'peer');
comment on type public.hpc_consent_part is 'A part of the card that needs a guardian''s consent where the school records it.';

create table private.hpc_consent_policies (
  institution_id uuid primary key references public.institutions (id),
  required boolean not null,
  set_by uuid,
  set_at timestamptz not null default now()
);
comment on table private.hpc_consent_policies is
  'Whether a school stores parent and peer ratings only with a guardian''s consent; no row: consent not required.';

create table private.hpc_consents (
  institution_id uuid not null references public.institutions (id),
  id uuid not null default gen_random_uuid(),
  student_id uuid not null,
  guardian_id uuid not null,
  part public.hpc_consent_part not null,
  given_at timestamptz not null default now(),
  recorded_by uuid not null,
  withdrawn_at timestamptz,
  withdrawn_by uuid,
  constraint hpc_consents_pkey primary key (institution_id, id),
  constraint hpc_consents_withdrawal check ((withdrawn_at is null) = (withdrawn_by is null))
);
comment on table private.hpc_consents is
  'Consents to the parent and peer parts of a child''s card: who gave them (a guardian), who recorded them, when, and withdrawals.';
-- One standing consent per child and part; withdrawn ones stay as history.
create unique index hpc_consents_standing_key on private.hpc_consents (institution_id, student_id, part)
  where withdrawn_at is null;

-- Is the part of this child's card open to ratings under the school's consent rule?
create or replace function private.hpc_consent_given(p_institution_id uuid, p_student_id uuid, p_part public.hpc_consent_part)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return (
    select not coalesce((select p.required from private.hpc_consent_policies as p where p.institution_id = p_institution_id), false)
        or exists (select 1 from private.hpc_consents as c
                   where c.institution_id = p_institution_id and c.student_id = p_student_id and c.part = p_part
                     and c.withdrawn_at is null));
end
$$;
revoke all on function private.hpc_consent_given(uuid, uuid, public.hpc_consent_part) from public;
grant execute on function private.hpc_consent_given(uuid, uuid, public.hpc_consent_part) to authenticated;

create or replace function private.hpc_evaluation_needs_consent()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.rater_role in ('parent', 'peer')
     and not private.hpc_consent_given(new.institution_id, new.student_id, new.rater_role::text::public.hpc_consent_part) then
    perform private.raise_api_error('HP422',
      format('No guardian''s consent to the %s part of this child''s card is recorded: the rating cannot be stored.', new.rater_role),
      null, 'The school stores parent and peer ratings only with a guardian''s consent; a guardian gives it in the app, or the school records a signed form.');
  end if;
  return new;
end
$$;
comment on function private.hpc_evaluation_needs_consent() is
  'Trigger: where the school requires consent, a parent or peer rating of a child is stored only under a standing consent to that part (HP422 otherwise).';
revoke all on function private.hpc_evaluation_needs_consent() from public;

-- Fires only for the rater roles it concerns, so teacher and self ratings (the class sheet's
-- thousands of rows) pay nothing.
create trigger needs_consent
  before insert or update of rater_role, student_id on public.hpc_evaluations
  for each row when (new.rater_role in ('parent', 'peer'))
  execute function private.hpc_evaluation_needs_consent();

-- The API ------------------------------------------------------------------------------------

create or replace function private.hpc_set_consent_required(p_required boolean)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_institution uuid := private.hpc_institution_admin();
begin
  if p_required is null then
    perform private.raise_api_error('HP400', 'p_required is true or false.', null);
  end if;
  -- excluded.set_at is the column default, now(): Citus refuses a function in DO UPDATE SET.
  insert into private.hpc_consent_policies as p (institution_id, required, set_by)
  values (v_institution, p_required, auth.uid())
  on conflict (institution_id) do update set required = excluded.required, set_by = excluded.set_by, set_at = excluded.set_at;
  return p_required;
end
$$;
revoke all on function private.hpc_set_consent_required(boolean) from public;
grant execute on function private.hpc_set_consent_required(boolean) to authenticated;

-- A guardian gives consent for their own child; the institution admin or the principal
-- records a guardian's consent from a signed form (p_given_at: the form's date).
create or replace function private.hpc_record_consent(
  p_student_id uuid, p_guardian_id uuid, p_part public.hpc_consent_part, p_given_at timestamptz)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller record;
  v_id uuid;
  v_given_at timestamptz;
begin
  select * into v_caller from private.hpc_api_caller();
  if p_student_id is null or p_guardian_id is null or p_part is null then
    perform private.raise_api_error('HP400', 'p_student_id, p_guardian_id and p_part are required.', null);
  end if;
  if not exists (select 1 from public.student_guardians as g
                 where g.institution_id = v_caller.institution_id and g.student_id = p_student_id and g.guardian_id = p_guardian_id) then
    perform private.raise_api_error('HP404', format('No guardian %s of student %s in your school.', p_guardian_id, p_student_id), null);
  end if;
  if v_caller.user_id <> p_guardian_id and not (private.current_duties() && array['principal', 'institution_admin']) then
    perform private.raise_api_error('HP403', 'A guardian gives consent for their own child; the school''s admin or principal records a signed form.', null);
  end if;
  if p_given_at is not null and (p_given_at > now() or v_caller.user_id = p_guardian_id) then
    perform private.raise_api_error('HP400', 'p_given_at is the date of a signed form, recorded by staff, and not in the future.', null);
  end if;
  select c.id into v_id from private.hpc_consents as c
  where c.institution_id = v_caller.institution_id and c.student_id = p_student_id and c.part = p_part and c.withdrawn_at is null;
  if found then
    return v_id;
  end if;
  -- The time is taken here, not in the INSERT: Citus refuses now() inside COALESCE there.
  v_given_at := coalesce(p_given_at, now());
  insert into private.hpc_consents (institution_id, student_id, guardian_id, part, given_at, recorded_by)
  values (v_caller.institution_id, p_student_id, p_guardian_id, p_part, v_given_at, v_caller.user_id)
  returning id into v_id;
  return v_id;
end
$$;
revoke all on function private.hpc_record_consent(uuid, uuid, public.hpc_consent_part, timestamptz) from public;
grant execute on function private.hpc_record_consent(uuid, uuid, public.hpc_consent_part, timestamptz) to authenticated;

-- Any guardian of the child, or the admin or principal, withdraws the standing consent.
create or replace function private.hpc_withdraw_consent(p_student_id uuid, p_part public.hpc_consent_part)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller record;
begin
  select * into v_caller from private.hpc_api_caller();
  if not (exists (select 1 from public.student_guardians as g
                  where g.institution_id = v_caller.institution_id and g.student_id = p_student_id and g.guardian_id = v_caller.user_id)
          or private.current_duties() && array['principal', 'institution_admin']) then
    perform private.raise_api_error('HP403', 'A guardian of the child, or the school''s admin or principal, withdraws consent.', null);
  end if;
  update private.hpc_consents as c set withdrawn_at = now(), withdrawn_by = v_caller.user_id
  where c.institution_id = v_caller.institution_id and c.student_id = p_student_id and c.part = p_part and c.withdrawn_at is null;
  return found;
end
$$;
revoke all on function private.hpc_withdraw_consent(uuid, public.hpc_consent_part) from public;
grant execute on function private.hpc_withdraw_consent(uuid, public.hpc_consent_part) to authenticated;

-- A child's consents, newest first, for the child's guardians, teachers and the school's leaders.
create or replace function private.hpc_consents_of(p_student_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_caller record;
begin
  select * into v_caller from private.hpc_api_caller();
  if not (p_student_id = any (private.child_ids()) or p_student_id = any (private.taught_student_ids())
          or private.reads_whole_institution()) then
    perform private.raise_api_error('HP404', format('No student %s among yours.', p_student_id), null);
  end if;
  return jsonb_build_object(
    'required', coalesce((select p.required from private.hpc_consent_policies as p where p.institution_id = v_caller.institution_id), false),
    'consents', coalesce((
      select jsonb_agg(jsonb_build_object('id', c.id, 'part', c.part, 'guardian_id', c.guardian_id, 'guardian', g.full_name,
                                          'given_at', c.given_at, 'recorded_by', c.recorded_by,
                                          'withdrawn_at', c.withdrawn_at, 'withdrawn_by', c.withdrawn_by)
                       order by c.given_at desc, c.id)
      from private.hpc_consents as c
      left join public.user_profiles as g on g.institution_id = c.institution_id and g.id = c.guardian_id
      where c.institution_id = v_caller.institution_id and c.student_id = p_student_id), '[]'));
end
$$;
revoke all on function private.hpc_consents_of(uuid) from public;
grant execute on function private.hpc_consents_of(uuid) to authenticated;

create function public.hpc_set_consent_required(p_required boolean)
returns boolean
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.hpc_set_consent_required(p_required)
$$;
comment on function public.hpc_set_consent_required(boolean) is
  'The institution admin decides whether the school stores parent and peer ratings only with a guardian''s consent.';
revoke all on function public.hpc_set_consent_required(boolean) from public, anon, service_role;
grant execute on function public.hpc_set_consent_required(boolean) to authenticated;

create function public.hpc_record_consent(p_student_id uuid, p_guardian_id uuid, p_part public.hpc_consent_part, p_given_at timestamptz default null)
returns uuid
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.hpc_record_consent(p_student_id, p_guardian_id, p_part, p_given_at)
$$;
comment on function public.hpc_record_consent(uuid, uuid, public.hpc_consent_part, timestamptz) is
  'A guardian consents to a part of their child''s card, or the admin or principal records a signed form (p_given_at); answers the standing consent''s id.';
revoke all on function public.hpc_record_consent(uuid, uuid, public.hpc_consent_part, timestamptz) from public, anon, service_role;
grant execute on function public.hpc_record_consent(uuid, uuid, public.hpc_consent_part, timestamptz) to authenticated;

create function public.hpc_withdraw_consent(p_student_id uuid, p_part public.hpc_consent_part)
returns boolean
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.hpc_withdraw_consent(p_student_id, p_part)
$$;
comment on function public.hpc_withdraw_consent(uuid, public.hpc_consent_part) is
  'A guardian, the admin or the principal withdraws the standing consent to a part; answers whether there was one.';
revoke all on function public.hpc_withdraw_consent(uuid, public.hpc_consent_part) from public, anon, service_role;
grant execute on function public.hpc_withdraw_consent(uuid, public.hpc_consent_part) to authenticated;

create function public.hpc_consents(p_student_id uuid)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select private.hpc_consents_of(p_student_id)
$$;
comment on function public.hpc_consents(uuid) is
  'A child''s consents for their guardians, teachers and the school''s leaders: {required, consents [{id, part, guardian_id, guardian, given_at, recorded_by, withdrawn_at, withdrawn_by}]}.';
revoke all on function public.hpc_consents(uuid) from public, anon, service_role;
grant execute on function public.hpc_consents(uuid) to authenticated;
