-- squawk-ignore-file
-- BIG DAY as it is deployed (domain/bigday-real-schema.md): the 21 tables, 29 policies,
-- 3 functions and 12 triggers a live BIG DAY project has after its three kept migrations
-- (mute_bridge, morning_cliff, create_system_settings). Written for this project from the
-- fact sheet and nothing else; no line is copied from BIG DAY's SQL.
--
-- The first migration, so that a fresh project (the local stack, the tests) is BIG DAY as
-- schools run it, and the HPC migrations land on the real thing. On a database that already
-- runs BIG DAY the runner records this file as applied and never runs it; squawk is off for
-- it because it is BIG DAY's schema as it exists, not a change to a live database.
--
-- Reproduced on purpose *with its faults*, which later migrations fix online: no
-- institutions table and five unchecked institution_id columns; no school on user_profiles;
-- admin policies that query user_profiles from user_profiles' own policies with an
-- unwrapped auth.uid() (PostgreSQL refuses them for `authenticated` with 42P17, infinite
-- recursion); a SECURITY DEFINER search function without search_path that anon may call;
-- an audit trigger whose FK to auth.users rejects profiles without an auth user. No
-- GRANT/REVOKE and no CREATE EXTENSION: Supabase's default privileges apply.
--
-- The three parts below are BIG DAY's three migrations; the `-- migration:` lines mark where
-- each begins (fixtures/legacy-bigday/shapes.ts cuts the file there to build a BIG DAY database
-- the way its own CLI history made it).

-- On a fresh project, where nothing waits on these new tables, the usual time budget holds.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- migration: 20250830114948_mute_bridge

drop table if exists user_profiles cascade;

create table user_profiles (
  id uuid primary key default gen_random_uuid(),
  full_name text not null,
  residential_address text,
  contact_number text,
  email text unique not null,
  admission_number text unique,
  employee_id text unique,
  date_of_admission date,
  date_of_joining date,
  current_standard text,
  section text,
  parent_guardian_name text,
  parent_contact_number text,
  emergency_contact text,
  accommodation_type text default 'day_boarder' check (accommodation_type in ('day_boarder', 'hosteller')),
  peer_group text default 'primary' check (peer_group in ('pre_primary', 'primary', 'secondary', 'higher_secondary', 'staff')),
  role text not null default 'student' check (role in ('student', 'teacher', 'admin', 'staff')),
  department text,
  designation text,
  blood_group text,
  date_of_birth date,
  gender text check (gender in ('male', 'female', 'other')),
  nationality text default 'Indian',
  religion text,
  caste_category text,
  status text default 'active' check (status in ('active', 'inactive', 'suspended', 'graduated', 'transferred')),
  profile_data jsonb default '{}'::jsonb,
  group_id uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  created_by uuid,
  updated_by uuid,
  -- students are identified by their admission number, everyone else by an employee id
  constraint check_student_fields check (
    (role = 'student' and admission_number is not null)
    or (role <> 'student' and employee_id is not null)
  )
);

create table audit_logs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references auth.users (id),
  action text not null check (action in ('create', 'update', 'delete', 'view', 'export')),
  table_name text not null,
  record_id text not null,
  old_values jsonb,
  new_values jsonb,
  performed_by uuid references auth.users (id),
  performed_at timestamptz default now(),
  ip_address inet,
  user_agent text
);

create table system_reports (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  type text not null check (type in ('user_summary', 'academic_report', 'attendance_summary', 'performance_analysis')),
  filters jsonb default '{}'::jsonb,
  generated_at timestamptz default now(),
  generated_by uuid references auth.users (id),
  file_path text,
  status text default 'generating' check (status in ('generating', 'completed', 'failed')),
  file_size bigint,
  download_count integer default 0
);

create table user_groups (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  type text not null check (type in ('class', 'department', 'custom')),
  description text,
  parent_group_id uuid references user_groups (id),
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table user_permissions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references user_profiles (id) on delete cascade,
  permission text not null,
  resource text,
  granted_by uuid references auth.users (id),
  granted_at timestamptz default now(),
  expires_at timestamptz,
  unique (user_id, permission, resource)
);

-- user_groups exists only now, so the profile's group link is added afterwards.
alter table user_profiles
  add constraint fk_user_profiles_group_id foreign key (group_id) references user_groups (id);

create index idx_user_profiles_role on user_profiles (role);
create index idx_user_profiles_status on user_profiles (status);
create index idx_user_profiles_peer_group on user_profiles (peer_group);
create index idx_user_profiles_department on user_profiles (department);
create index idx_user_profiles_admission_number on user_profiles (admission_number);
create index idx_user_profiles_employee_id on user_profiles (employee_id);
create index idx_user_profiles_email on user_profiles (email);
create index idx_user_profiles_full_name on user_profiles (full_name);
create index idx_user_profiles_created_at on user_profiles (created_at);
create index idx_user_profiles_search on user_profiles using gin (
  to_tsvector('english',
    coalesce(full_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(admission_number, '') || ' '
    || coalesce(employee_id, '') || ' ' || coalesce(contact_number, ''))
);

create index idx_audit_logs_user_id on audit_logs (user_id);
create index idx_audit_logs_table_name on audit_logs (table_name);
create index idx_audit_logs_performed_at on audit_logs (performed_at);
create index idx_audit_logs_action on audit_logs (action);

create index idx_system_reports_type on system_reports (type);
create index idx_system_reports_status on system_reports (status);
create index idx_system_reports_generated_by on system_reports (generated_by);
create index idx_system_reports_generated_at on system_reports (generated_at);

alter table user_profiles enable row level security;
alter table audit_logs enable row level security;
alter table system_reports enable row level security;
alter table user_groups enable row level security;
alter table user_permissions enable row level security;

-- The admin test queries user_profiles, also from user_profiles' own policies.
create policy "Admins can manage all user profiles" on user_profiles
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Users can view their own profile" on user_profiles
  for select to authenticated
  using (id = auth.uid());

create policy "Teachers can view student profiles in their groups" on user_profiles
  for select to authenticated
  using (role = 'student'
         and exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'teacher'));

create policy "Admins can view all audit logs" on audit_logs
  for select to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "System can insert audit logs" on audit_logs
  for insert to authenticated
  with check (true);

create policy "Admins can manage all reports" on system_reports
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Authenticated users can view groups" on user_groups
  for select to authenticated
  using (true);

create policy "Admins can manage groups" on user_groups
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Users can view their own permissions" on user_permissions
  for select to authenticated
  using (user_id = auth.uid());

create policy "Admins can manage all permissions" on user_permissions
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create or replace function update_updated_at_column()
returns trigger
language plpgsql
as $$
begin
  new.updated_at = now();
  return new;
end;
$$;

-- One audit row per profile change, as the caller (SECURITY INVOKER). user_id is the
-- profile's own id, which audit_logs checks against auth.users.
create or replace function log_user_changes()
returns trigger
language plpgsql
as $$
begin
  if tg_op = 'INSERT' then
    insert into audit_logs (user_id, action, table_name, record_id, new_values, performed_by)
    values (new.id, 'create', tg_table_name, new.id::text, to_jsonb(new), auth.uid());
    return new;
  elsif tg_op = 'UPDATE' then
    insert into audit_logs (user_id, action, table_name, record_id, old_values, new_values, performed_by)
    values (new.id, 'update', tg_table_name, new.id::text, to_jsonb(old), to_jsonb(new), auth.uid());
    return new;
  elsif tg_op = 'DELETE' then
    insert into audit_logs (user_id, action, table_name, record_id, old_values, performed_by)
    values (old.id, 'delete', tg_table_name, old.id::text, to_jsonb(old), auth.uid());
    return old;
  end if;
  return null;
end;
$$;

-- Runs as its owner and names no search_path: whoever may execute it reads every profile.
create or replace function search_users(
  search_term text default '',
  filter_role text[] default null,
  filter_status text[] default null,
  filter_peer_group text[] default null,
  filter_department text[] default null,
  limit_count integer default 50,
  offset_count integer default 0
)
returns table (
  id uuid,
  full_name text,
  email text,
  role text,
  status text,
  peer_group text,
  department text,
  admission_number text,
  employee_id text,
  contact_number text,
  created_at timestamptz,
  total_count bigint
)
language plpgsql
security definer
as $$
begin
  return query
  select p.id, p.full_name, p.email, p.role, p.status, p.peer_group, p.department,
         p.admission_number, p.employee_id, p.contact_number, p.created_at,
         count(*) over () as total_count
  from user_profiles p
  where (coalesce(search_term, '') = ''
         or to_tsvector('english',
              coalesce(p.full_name, '') || ' ' || coalesce(p.email, '') || ' ' || coalesce(p.admission_number, '') || ' '
              || coalesce(p.employee_id, '') || ' ' || coalesce(p.contact_number, ''))
            @@ plainto_tsquery('english', search_term))
    and (filter_role is null or p.role = any (filter_role))
    and (filter_status is null or p.status = any (filter_status))
    and (filter_peer_group is null or p.peer_group = any (filter_peer_group))
    and (filter_department is null or p.department = any (filter_department))
  order by p.created_at desc
  limit limit_count offset offset_count;
end;
$$;

create trigger update_user_profiles_updated_at
  before update on user_profiles
  for each row execute function update_updated_at_column();

create trigger audit_user_profiles_changes
  after insert or update or delete on user_profiles
  for each row execute function log_user_changes();

-- Global groups, inserted without a conflict guard.
insert into user_groups (name, type, description) values
  ('Pre-Primary', 'class', 'Nursery to UKG'),
  ('Primary', 'class', 'Classes 1 to 5'),
  ('Secondary', 'class', 'Classes 6 to 10'),
  ('Higher Secondary', 'class', 'Classes 11 and 12'),
  ('Computer Science', 'department', 'Computer Science department'),
  ('Mathematics', 'department', 'Mathematics department'),
  ('Science', 'department', 'Science department'),
  ('Languages', 'department', 'Languages department'),
  ('Administration', 'department', 'Administrative staff'),
  ('Support Staff', 'department', 'Support and maintenance staff');

-- migration: 20250831105539_morning_cliff

create table if not exists academic_terms (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null,
  name text not null,
  start_date date not null,
  end_date date not null,
  frozen boolean default false,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table if not exists cohorts (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null,
  academic_term_id uuid not null references academic_terms (id) on delete cascade,
  stream text not null,
  grade text not null,
  boarding_type text default 'day_scholar' check (boarding_type in ('day_scholar', 'hosteller')),
  periods_per_day integer default 8,
  days_per_week integer default 5,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table if not exists sections (
  id uuid primary key default gen_random_uuid(),
  cohort_id uuid not null references cohorts (id) on delete cascade,
  name text not null,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table if not exists section_students (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references sections (id) on delete cascade,
  student_id uuid not null references user_profiles (id) on delete cascade,
  created_at timestamptz default now(),
  unique (section_id, student_id)
);

create table if not exists courses (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null,
  title text not null,
  code text not null,
  description text,
  active boolean default true,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table if not exists section_courses (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references sections (id) on delete cascade,
  course_id uuid not null references courses (id) on delete cascade,
  teacher_id uuid references user_profiles (id) on delete set null,
  weekly_theory_periods integer default 0,
  weekly_lab_periods integer default 0,
  lab_block_size integer default 1,
  priority integer default 1,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  unique (section_id, course_id)
);

create table if not exists teacher_subject_eligibility (
  id uuid primary key default gen_random_uuid(),
  teacher_id uuid not null references user_profiles (id) on delete cascade,
  course_id uuid not null references courses (id) on delete cascade,
  created_at timestamptz default now(),
  unique (teacher_id, course_id)
);

create table if not exists teacher_grade_eligibility (
  id uuid primary key default gen_random_uuid(),
  teacher_id uuid not null references user_profiles (id) on delete cascade,
  grade text not null,
  created_at timestamptz default now(),
  unique (teacher_id, grade)
);

create table if not exists teacher_load_rules (
  id uuid primary key default gen_random_uuid(),
  teacher_id uuid not null unique references user_profiles (id) on delete cascade,
  max_periods_per_day integer default 6,
  max_periods_per_week integer default 30,
  availability jsonb default '{}'::jsonb,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table if not exists slot_templates (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null,
  name text not null,
  days_per_week integer default 5,
  periods_per_day integer default 8,
  bells jsonb default '{}'::jsonb,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table if not exists slot_template_assignments (
  id uuid primary key default gen_random_uuid(),
  slot_template_id uuid not null references slot_templates (id) on delete cascade,
  cohort_id uuid references cohorts (id) on delete cascade,
  section_id uuid references sections (id) on delete cascade,
  created_at timestamptz default now(),
  check (cohort_id is not null or section_id is not null)
);

create table if not exists timetables (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references sections (id) on delete cascade,
  academic_term_id uuid not null references academic_terms (id) on delete cascade,
  status text default 'draft' check (status in ('draft', 'published', 'archived')),
  generated_at timestamptz default now(),
  generated_by uuid references user_profiles (id) on delete set null,
  published_at timestamptz,
  published_by uuid references user_profiles (id) on delete set null,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table if not exists timetable_sessions (
  id uuid primary key default gen_random_uuid(),
  timetable_id uuid not null references timetables (id) on delete cascade,
  section_id uuid not null references sections (id) on delete cascade,
  course_id uuid not null references courses (id) on delete cascade,
  teacher_id uuid references user_profiles (id) on delete set null,
  day_of_week integer not null check (day_of_week between 1 and 7),
  period_index integer not null check (period_index >= 1),
  duration_periods integer default 1,
  session_type text default 'theory' check (session_type in ('theory', 'lab', 'practical')),
  locked boolean default false,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table if not exists timetable_conflicts (
  id uuid primary key default gen_random_uuid(),
  teacher_id uuid references user_profiles (id) on delete cascade,
  section_id uuid references sections (id) on delete cascade,
  course_id uuid references courses (id) on delete cascade,
  day_of_week integer not null check (day_of_week between 1 and 7),
  period_index integer not null check (period_index >= 1),
  conflict_type text not null check (conflict_type in ('teacher_double_booked', 'section_double_booked', 'resource_conflict')),
  details jsonb default '{}'::jsonb,
  resolved boolean default false,
  created_at timestamptz default now()
);

create table if not exists allocation_settings (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null,
  teacher_max_periods_per_day integer default 6,
  class_periods_per_day integer default 8,
  days_per_week integer default 5,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create index if not exists idx_academic_terms_institution on academic_terms (institution_id);
create index if not exists idx_academic_terms_dates on academic_terms (start_date, end_date);
create index if not exists idx_cohorts_academic_term on cohorts (academic_term_id);
create index if not exists idx_cohorts_grade on cohorts (grade);
create index if not exists idx_sections_cohort on sections (cohort_id);
create index if not exists idx_section_students_section on section_students (section_id);
create index if not exists idx_section_students_student on section_students (student_id);
create index if not exists idx_courses_institution on courses (institution_id);
create index if not exists idx_courses_active on courses (active);
create index if not exists idx_section_courses_section on section_courses (section_id);
create index if not exists idx_section_courses_teacher on section_courses (teacher_id);
create index if not exists idx_teacher_subject_eligibility_teacher on teacher_subject_eligibility (teacher_id);
create index if not exists idx_teacher_grade_eligibility_teacher on teacher_grade_eligibility (teacher_id);
create index if not exists idx_slot_templates_institution on slot_templates (institution_id);
create index if not exists idx_timetables_section on timetables (section_id);
create index if not exists idx_timetables_academic_term on timetables (academic_term_id);
create index if not exists idx_timetables_status on timetables (status);
create index if not exists idx_timetable_sessions_timetable on timetable_sessions (timetable_id);
create index if not exists idx_timetable_sessions_section on timetable_sessions (section_id);
create index if not exists idx_timetable_sessions_teacher on timetable_sessions (teacher_id);
create index if not exists idx_timetable_sessions_schedule on timetable_sessions (day_of_week, period_index);
create index if not exists idx_timetable_conflicts_teacher on timetable_conflicts (teacher_id);
create index if not exists idx_timetable_conflicts_section on timetable_conflicts (section_id);
create index if not exists idx_timetable_conflicts_resolved on timetable_conflicts (resolved);

alter table academic_terms enable row level security;
alter table cohorts enable row level security;
alter table sections enable row level security;
alter table section_students enable row level security;
alter table courses enable row level security;
alter table section_courses enable row level security;
alter table teacher_subject_eligibility enable row level security;
alter table teacher_grade_eligibility enable row level security;
alter table teacher_load_rules enable row level security;
alter table slot_templates enable row level security;
alter table slot_template_assignments enable row level security;
alter table timetables enable row level security;
alter table timetable_sessions enable row level security;
alter table timetable_conflicts enable row level security;
alter table allocation_settings enable row level security;

create policy "Admins can manage academic terms" on academic_terms
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage cohorts" on cohorts
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage sections" on sections
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage section students" on section_students
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage courses" on courses
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Teachers can view courses" on courses
  for select to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role in ('teacher', 'admin')));

create policy "Admins can manage section courses" on section_courses
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage teacher subject eligibility" on teacher_subject_eligibility
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage teacher grade eligibility" on teacher_grade_eligibility
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage teacher load rules" on teacher_load_rules
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage slot templates" on slot_templates
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage slot template assignments" on slot_template_assignments
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage timetables" on timetables
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage timetable sessions" on timetable_sessions
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage timetable conflicts" on timetable_conflicts
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can manage allocation settings" on allocation_settings
  for all to authenticated
  using (exists (select 1 from user_profiles up where up.id = auth.uid() and up.role = 'admin'));

-- The same body as before, defined again.
create or replace function update_updated_at_column()
returns trigger
language plpgsql
as $$
begin
  new.updated_at = now();
  return new;
end;
$$;

-- A trigger is created only if no trigger of that name exists yet, on whatever table.
do $$
declare
  t text;
begin
  foreach t in array array['academic_terms', 'cohorts', 'sections', 'courses', 'section_courses',
                           'teacher_load_rules', 'slot_templates', 'timetables', 'timetable_sessions',
                           'allocation_settings']
  loop
    if not exists (select 1 from information_schema.triggers
                   where trigger_name = 'update_' || t || '_updated_at') then
      execute format('create trigger %I before update on %I for each row execute function update_updated_at_column()',
                     'update_' || t || '_updated_at', t);
    end if;
  end loop;
end;
$$;

-- migration: 20251013110434_create_system_settings

create table system_settings (
  id uuid primary key default gen_random_uuid(),
  key text unique not null,
  value text not null,
  category text not null,
  description text,
  updated_at timestamptz default now(),
  updated_by uuid references auth.users (id)
);

create index idx_system_settings_category on system_settings (category);
create index idx_system_settings_key on system_settings (key);

alter table system_settings enable row level security;

create policy "Admins can read all settings" on system_settings
  for select to authenticated
  using (exists (select 1 from user_profiles
                 where user_profiles.id = auth.uid() and user_profiles.role = 'admin'));

create policy "Admins can update settings" on system_settings
  for update to authenticated
  using (exists (select 1 from user_profiles
                 where user_profiles.id = auth.uid() and user_profiles.role = 'admin'))
  with check (exists (select 1 from user_profiles
                      where user_profiles.id = auth.uid() and user_profiles.role = 'admin'));

create policy "All authenticated users can read public settings" on system_settings
  for select to authenticated
  using (category = 'public' or category = 'branding');

insert into system_settings (key, value, category, description) values
  ('institution_name', 'GD Goenka, Indore', 'branding', 'Name of the institution shown in the app'),
  ('institution_type', 'school', 'branding', 'Kind of institution'),
  ('product_name', 'BIG DAY', 'branding', 'Product name shown in the app')
on conflict (key) do nothing;
