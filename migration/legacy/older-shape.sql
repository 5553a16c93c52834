-- BIG DAY core schema as older deployments have it (domain/bigday-existing-schema.md).
-- This is the platform the HPC lands on, reproduced on purpose *with its weaknesses*:
-- no institution_id on user_profiles, academic_terms and courses; cohorts carry an
-- unchecked institution_id with no institutions table; admin policies that join
-- user_profiles per row with an unwrapped auth.uid() and no tenant boundary.
-- The shape before BIG DAY's allocation and timetable tables: migration/legacy builds legacy
-- databases of it (pushed through the Supabase CLI as the baseline version, as those
-- deployments recorded it), so that the HPC migrations are proven on both shapes.

-- Every migration here carries its own time budget (docs/architecture.md §10.3). The
-- Supabase CLI runs each file in one transaction, so `set local` ends with the file.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create table public.user_groups (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.user_profiles (
  id uuid primary key default gen_random_uuid(),
  full_name text not null,
  email text not null unique,
  residential_address text,
  contact_number text,
  admission_number text unique,
  employee_id text unique,
  date_of_admission date,
  date_of_joining date,
  current_standard text,
  section text,
  parent_guardian_name text,
  parent_contact_number text,
  emergency_contact text,
  accommodation_type text check (accommodation_type in ('day_boarder', 'hosteller')),
  peer_group text check (peer_group in ('pre_primary', 'primary', 'secondary', 'higher_secondary', 'staff')),
  role text not null default 'student' constraint user_profiles_role_check
    check (role in ('student', 'teacher', 'admin', 'staff')),
  department text,
  designation text,
  blood_group text,
  date_of_birth date,
  gender text check (gender in ('male', 'female', 'other')),
  nationality text default 'Indian',
  religion text,
  caste_category text,
  status text not null default 'active'
    check (status in ('active', 'inactive', 'suspended', 'graduated', 'transferred')),
  profile_data jsonb default '{}'::jsonb,
  group_id uuid references public.user_groups (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  constraint user_profiles_identifier_check check (
    (role = 'student' and admission_number is not null)
    or (role <> 'student' and employee_id is not null)
  )
);

create index user_profiles_role_idx on public.user_profiles (role);
create index user_profiles_status_idx on public.user_profiles (status);
create index user_profiles_peer_group_idx on public.user_profiles (peer_group);
create index user_profiles_department_idx on public.user_profiles (department);
create index user_profiles_full_name_idx on public.user_profiles (full_name);
create index user_profiles_created_at_idx on public.user_profiles (created_at);
create index user_profiles_group_id_idx on public.user_profiles (group_id);
create index user_profiles_search_idx on public.user_profiles using gin (
  to_tsvector('simple', coalesce(full_name, '') || ' ' || coalesce(email, '') || ' '
    || coalesce(admission_number, '') || ' ' || coalesce(employee_id, ''))
);

create table public.academic_terms (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  start_date date not null,
  end_date date not null,
  frozen boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (end_date > start_date)
);

create table public.courses (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  code text not null,
  description text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index courses_code_idx on public.courses (code);

-- Class structure. cohorts already carries institution_id, but nothing checks it.
create table public.cohorts (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null,
  academic_term_id uuid not null references public.academic_terms (id),
  grade text not null,
  stream text,
  boarding_type text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index cohorts_academic_term_id_idx on public.cohorts (academic_term_id);

create table public.sections (
  id uuid primary key default gen_random_uuid(),
  cohort_id uuid not null references public.cohorts (id) on delete cascade,
  name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sections_cohort_id_idx on public.sections (cohort_id);

create table public.section_students (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references public.sections (id) on delete cascade,
  student_id uuid not null references public.user_profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  unique (section_id, student_id)
);
create index section_students_student_id_idx on public.section_students (student_id);

create table public.section_courses (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references public.sections (id) on delete cascade,
  course_id uuid not null references public.courses (id),
  teacher_id uuid references public.user_profiles (id),
  -- squawk-ignore prefer-bigint-over-int
  weekly_periods integer check (weekly_periods >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (section_id, course_id)
);
create index section_courses_course_id_idx on public.section_courses (course_id);
create index section_courses_teacher_id_idx on public.section_courses (teacher_id);

create table public.audit_logs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid,
  action text not null check (action in ('create', 'update', 'delete', 'view', 'export')),
  table_name text not null,
  record_id text,
  old_values jsonb,
  new_values jsonb,
  performed_by uuid,
  performed_at timestamptz not null default now(),
  ip_address inet,
  user_agent text
);
create index audit_logs_performed_at_idx on public.audit_logs (performed_at);

-- Row security as deployed today. Deliberately weak (see the header); kept verbatim so the
-- HPC migrations are tested against what is really out there.
alter table public.user_groups enable row level security;
alter table public.user_profiles enable row level security;
alter table public.academic_terms enable row level security;
alter table public.courses enable row level security;
alter table public.cohorts enable row level security;
alter table public.sections enable row level security;
alter table public.section_students enable row level security;
alter table public.section_courses enable row level security;
alter table public.audit_logs enable row level security;

-- The deployment that hit infinite recursion in user_profiles moved the admin test into
-- this helper; it still has a mutable search_path and no tenant boundary.
create function public.is_admin() returns boolean
language sql stable security definer as $$
  select exists (select 1 from public.user_profiles where id = auth.uid() and role = 'admin')
$$;

create policy "Users can view own profile" on public.user_profiles
  for select using (auth.uid() = id);
create policy "Users can update own profile" on public.user_profiles
  for update using (auth.uid() = id);
create policy "Admins can manage all profiles" on public.user_profiles
  for all using (public.is_admin());

create policy "Authenticated users can view groups" on public.user_groups
  for select using (auth.role() = 'authenticated');
create policy "Admins can manage groups" on public.user_groups
  for all using (exists (select 1 from public.user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Authenticated users can view terms" on public.academic_terms
  for select using (auth.role() = 'authenticated');
create policy "Admins can manage terms" on public.academic_terms
  for all using (exists (select 1 from public.user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Authenticated users can view courses" on public.courses
  for select using (auth.role() = 'authenticated');
create policy "Admins can manage courses" on public.courses
  for all using (exists (select 1 from public.user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Authenticated users can view cohorts" on public.cohorts
  for select using (auth.role() = 'authenticated');
create policy "Admins can manage cohorts" on public.cohorts
  for all using (exists (select 1 from public.user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Authenticated users can view sections" on public.sections
  for select using (auth.role() = 'authenticated');
create policy "Admins can manage sections" on public.sections
  for all using (exists (select 1 from public.user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Authenticated users can view section students" on public.section_students
  for select using (auth.role() = 'authenticated');
create policy "Admins can manage section students" on public.section_students
  for all using (exists (select 1 from public.user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Authenticated users can view section courses" on public.section_courses
  for select using (auth.role() = 'authenticated');
create policy "Admins can manage section courses" on public.section_courses
  for all using (exists (select 1 from public.user_profiles up where up.id = auth.uid() and up.role = 'admin'));

create policy "Admins can view audit logs" on public.audit_logs
  for select using (exists (select 1 from public.user_profiles up where up.id = auth.uid() and up.role = 'admin'));
create policy "Authenticated users can write audit logs" on public.audit_logs
  for insert with check (auth.role() = 'authenticated');
