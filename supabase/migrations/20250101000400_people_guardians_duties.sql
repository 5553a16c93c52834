-- People and relations the HPC needs: parents as accounts, guardians, staff duties.
--
-- * Parents become real accounts: user_profiles.role gains 'parent' (with auth.users +
--   user_profiles rows like every other person), and a parent needs neither an
--   admission_number nor an employee_id. The role and identifier checks are replaced
--   online: the new checks are added NOT VALID at the end of this file (no scan; the
--   ACCESS EXCLUSIVE lock they take on user_profiles, which also holds up its readers, is
--   taken last so that it lasts only until the commit right after), validated in
--   20250101000500 (SHARE UPDATE EXCLUSIVE only), and the old ones dropped in
--   20250101000600. Until the old checks are dropped a 'parent' row is still refused.
-- * public.student_guardians: which parent accounts are guardians of which student.
-- * public.staff_duties: per-institution HPC duties of staff (class teacher of a section,
--   subject teacher, coordinator of a stage, principal, institution admin). The BIG DAY
--   role ('teacher', 'admin', ...) says what a person is; the duty says what they may do
--   in the HPC workflow.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

create table public.student_guardians (
  institution_id uuid not null references public.institutions (id),
  student_id uuid not null,
  guardian_id uuid not null,
  relationship text not null
    constraint student_guardians_relationship_check
    check (relationship in ('mother', 'father', 'guardian', 'grandparent', 'sibling', 'other')),
  is_primary boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint student_guardians_pkey primary key (institution_id, student_id, guardian_id),
  constraint student_guardians_not_self check (student_id <> guardian_id)
);
comment on table public.student_guardians is
  'Links a student to the parent accounts (role parent) who are their guardians, within one institution.';
-- A parent's children (policies filter on guardian_id = auth.uid()).
create index student_guardians_guardian_idx on public.student_guardians (institution_id, guardian_id);
-- At most one primary guardian per student.
create unique index student_guardians_one_primary_key
  on public.student_guardians (institution_id, student_id) where is_primary;

create table public.staff_duties (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  user_id uuid not null,
  duty text not null
    constraint staff_duties_duty_check
    check (duty in ('class_teacher', 'subject_teacher', 'coordinator', 'principal', 'institution_admin')),
  section_id uuid,
  course_id uuid,
  stage text
    constraint staff_duties_stage_check
    check (stage in ('foundational', 'preparatory', 'middle', 'secondary')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint staff_duties_pkey primary key (institution_id, id),
  -- class teacher: of a section; subject teacher: of a course in a section; coordinator:
  -- optionally of one stage; principal and institution admin: the whole institution.
  constraint staff_duties_scope_check check (
    case duty
      when 'class_teacher' then section_id is not null and course_id is null and stage is null
      when 'subject_teacher' then section_id is not null and course_id is not null and stage is null
      when 'coordinator' then section_id is null and course_id is null
      else section_id is null and course_id is null and stage is null
    end
  ),
  constraint staff_duties_unique_key unique nulls not distinct
    (institution_id, user_id, duty, section_id, course_id, stage)
);
comment on table public.staff_duties is
  'Per-institution HPC duties of staff: class_teacher (section), subject_teacher (section + course), coordinator (optionally a stage), principal, institution_admin.';
create index staff_duties_section_idx on public.staff_duties (institution_id, section_id);
create index staff_duties_course_idx on public.staff_duties (institution_id, course_id);
create index staff_duties_duty_idx on public.staff_duties (institution_id, duty) where active;
-- One active class teacher per section.
create unique index staff_duties_one_class_teacher_key
  on public.staff_duties (institution_id, section_id) where duty = 'class_teacher' and active;

create or replace function private.trigger_runs_on_a_shard(p_relid oid, p_table text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select coalesce(pg_catalog.pg_partition_root(p_relid), p_relid::pg_catalog.regclass)
         is distinct from pg_catalog.to_regclass(pg_catalog.format('public.%I', p_table))
$$;
comment on function private.trigger_runs_on_a_shard(oid, text) is
  'Whether a trigger on table p_table (by name, in public) fires on a Citus shard of it: its relation (tg_relid) is neither the table nor one of its partitions.';
revoke all on function private.trigger_runs_on_a_shard(oid, text) from public;

-- On Citus a table without institution_id is a reference table: a copy on every node, and a
-- trigger on it fires on each copy. A trigger that writes a distributed table (the audit log)
-- may do so only from the coordinator's copy, which the coordinator writes itself; the
-- workers' copies are written over Citus' own connections, where a write that reaches another
-- node is refused ("cannot execute a distributed query from a query on a shard"). This says
-- whether the trigger fires on a worker's copy, so that it leaves the write to the
-- coordinator's. pg_dist_local_group exists only with Citus; its group 0 is the coordinator.
create or replace function private.fires_on_a_worker_copy(p_relid oid, p_table text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
declare
  v_group integer;
begin
  if not private.trigger_runs_on_a_shard(p_relid, p_table) or pg_catalog.to_regclass('pg_catalog.pg_dist_local_group') is null then
    return false;
  end if;
  execute 'select groupid from pg_catalog.pg_dist_local_group' into v_group;
  return v_group is distinct from 0;
end
$$;
comment on function private.fires_on_a_worker_copy(oid, text) is
  'Whether a trigger on table p_table (by name, in public) fires on a worker''s copy of a Citus reference table, whose writes to distributed tables the coordinator''s copy makes.';
revoke all on function private.fires_on_a_worker_copy(oid, text) from public;

create or replace function private.refuse_link_outside_school_on_a_shard(p_relid oid, p_table text, p_column text)
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if private.trigger_runs_on_a_shard(p_relid, p_table) then
    raise exception 'This % row links (%) to a row outside its institution.', p_table, p_column
      using errcode = '23503';
  end if;
end
$$;
comment on function private.refuse_link_outside_school_on_a_shard(oid, text, text) is
  'In a trigger on a Citus shard: refuses (23503) a link the trigger did not find in the row''s own school.';
revoke all on function private.refuse_link_outside_school_on_a_shard(oid, text, text) from public;

-- Role consistency that a check constraint cannot see (it lives in another row). The table
-- is named by the trigger's argument, not TG_TABLE_NAME (on a distributed table that is the
-- shard's name); a table it does not know is refused rather than let through unchecked.
create or replace function private.check_person_roles()
returns trigger
language plpgsql
-- security definer: it runs as the writing user, and reads profiles the writer may not see
-- under RLS (it would then misreport a valid row as a role mismatch)
security definer
set search_path = ''
as $$
declare
  v_role text;
begin
  -- Each person is looked up in the row's own school first: on Citus that is the row's own
  -- shard group, which a trigger running on a shard may read; by id alone it would ask every
  -- shard, which Citus refuses there. Only a person of another school, or nobody, goes on to
  -- the lookup by id (and the composite foreign key refuses the row in any case); on a shard,
  -- where that lookup is refused, the row is refused as that key would refuse it.
  if tg_argv[0] = 'student_guardians' then
    select p.role into v_role from public.user_profiles as p where p.institution_id = new.institution_id and p.id = new.student_id;
    if not found then
      perform private.refuse_link_outside_school_on_a_shard(tg_relid, tg_argv[0], 'student_id');
      select p.role into v_role from public.user_profiles as p where p.id = new.student_id;
    end if;
    if v_role is distinct from 'student' then
      raise exception 'student_guardians.student_id % is not a student (role %)', new.student_id, v_role
        using errcode = '23514';
    end if;
    select p.role into v_role from public.user_profiles as p where p.institution_id = new.institution_id and p.id = new.guardian_id;
    if not found then
      perform private.refuse_link_outside_school_on_a_shard(tg_relid, tg_argv[0], 'guardian_id');
      select p.role into v_role from public.user_profiles as p where p.id = new.guardian_id;
    end if;
    if v_role is distinct from 'parent' then
      raise exception 'student_guardians.guardian_id % is not a parent account (role %)', new.guardian_id, v_role
        using errcode = '23514';
    end if;
  elsif tg_argv[0] = 'staff_duties' then
    select p.role into v_role from public.user_profiles as p where p.institution_id = new.institution_id and p.id = new.user_id;
    if not found then
      perform private.refuse_link_outside_school_on_a_shard(tg_relid, tg_argv[0], 'user_id');
      select p.role into v_role from public.user_profiles as p where p.id = new.user_id;
    end if;
    if v_role is null or v_role not in ('teacher', 'admin', 'staff') then
      raise exception 'staff_duties.user_id % is not staff (role %)', new.user_id, v_role
        using errcode = '23514';
    end if;
  else
    raise exception 'check_person_roles has no role rules for table %', coalesce(tg_argv[0], '(none given)')
      using errcode = '39P01', hint = 'Name the table as the trigger''s argument: student_guardians or staff_duties.';
  end if;
  return new;
end
$$;
revoke all on function private.check_person_roles() from public;

create trigger check_person_roles
  before insert or update on public.student_guardians
  for each row execute function private.check_person_roles('student_guardians');
create trigger check_person_roles
  before insert or update on public.staff_duties
  for each row execute function private.check_person_roles('staff_duties');
create trigger stamp_row_authorship
  before insert or update on public.student_guardians
  for each row execute function private.stamp_row_authorship();
create trigger stamp_row_authorship
  before insert or update on public.staff_duties
  for each row execute function private.stamp_row_authorship();

-- Policies come in 20250201000200; until then only service_role / postgres reach the rows.
alter table public.student_guardians enable row level security;
alter table public.staff_duties enable row level security;

-- Foreign keys to the existing BIG DAY tables, last, on purpose. Adding one takes SHARE ROW
-- EXCLUSIVE on the table it references (user_profiles, sections, courses, ...), which blocks
-- the application's writes to it until this file commits. Declared inline, they held those
-- locks while the rest of the file ran (benchmarks/migration/FINDINGS.md); here they are
-- taken in the last milliseconds before the commit. The tables above are new
-- and empty, so each key's check of existing rows finds nothing to read.
alter table public.student_guardians
  add constraint student_guardians_student_fkey foreign key (institution_id, student_id)
  references public.user_profiles (institution_id, id) on delete cascade;
alter table public.student_guardians
  add constraint student_guardians_guardian_fkey foreign key (institution_id, guardian_id)
  references public.user_profiles (institution_id, id) on delete cascade;
alter table public.staff_duties
  add constraint staff_duties_user_fkey foreign key (institution_id, user_id)
  references public.user_profiles (institution_id, id) on delete cascade;
alter table public.staff_duties
  add constraint staff_duties_section_fkey foreign key (institution_id, section_id)
  references public.sections (institution_id, id) on delete cascade;
alter table public.staff_duties
  add constraint staff_duties_course_fkey foreign key (institution_id, course_id)
  references public.courses (institution_id, id) on delete cascade;

-- The role and identifier checks (see the top of the file), the very last statements.
alter table public.user_profiles
  add constraint user_profiles_role_allowed
  check (role in ('student', 'teacher', 'admin', 'staff', 'parent')) not valid;
alter table public.user_profiles
  add constraint user_profiles_identifier_by_role check (
    (role = 'student' and admission_number is not null)
    or (role in ('teacher', 'admin', 'staff') and employee_id is not null)
    or role = 'parent'
  ) not valid;
