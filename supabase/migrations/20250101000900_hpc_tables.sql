-- The 11 HPC tables, their enum types and their row triggers (docs/architecture.md §4).
--
-- Conventions for every table here:
-- * institution_id uuid not null; the primary key is (institution_id, id) and every unique
--   constraint and every foreign key to another tenant table includes institution_id, so a
--   cross-tenant reference cannot exist and the schema can be distributed by institution_id
--   (Citus) later. Foreign keys to the existing BIG DAY tables target their
--   unique (institution_id, id) constraints and are added at the end of the file (see there).
-- * created_at / updated_at / created_by / updated_by, stamped by private.stamp_row_authorship()
--   from auth.uid(); every insert, update and delete is audited by private.audit_row_change().
-- * Every fixed list of words is an enum type in public (PostgREST and `supabase gen types`
--   see it: the frontend gets a string union); other rules are check constraints. PARAKH
--   content (areas, abilities, levels, descriptors, icons) is data per institution and
--   versioned, never schema.
-- * RLS enabled; the policies are in 20250201000300 (docs/role-matrix.md). hpc_evaluations'
--   partitions live in the schema `partitions` (20250101000800), with RLS enabled and no
--   grants for anon / authenticated.
-- * Whole numbers are bigint (squawk prefer-bigint-*); their ranges are check constraints.
-- * Indexes: every foreign key and every column a policy or hot query filters on, with
--   institution_id leading. The tables are new and empty, so plain CREATE INDEX is fine.
set local lock_timeout = '50ms';
set local statement_timeout = '60s';

-- The enum types of the HPC tables' columns.
create type public.hpc_stage as enum ('foundational', 'preparatory', 'middle', 'secondary');
comment on type public.hpc_stage is 'A NEP 2020 school stage (hpc_parameters, hpc_rubrics, approval chains).';
create type public.hpc_cycle_status as enum ('planned', 'open', 'closed', 'locked', 'archived');
comment on type public.hpc_cycle_status is 'An assessment cycle''s status: planned → open → closed → locked → archived.';
create type public.hpc_rater_role as enum ('teacher', 'self', 'peer', 'parent');
comment on type public.hpc_rater_role is 'Who rates a student on a parameter (hpc_evaluations.rater_role).';
create type public.hpc_entry_status as enum ('draft', 'submitted');
comment on type public.hpc_entry_status is 'A rating''s or reflection''s status: draft until its author submits it.';
create type public.hpc_report_status as enum ('draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'published');
comment on type public.hpc_report_status is 'A card version''s workflow status (hpc_reports.status).';
create type public.hpc_approval_kind as enum ('chain', 'step');
comment on type public.hpc_approval_kind is 'An hpc_approval_workflows row: a configured chain step, or a step of one card''s approval.';
create type public.hpc_staff_duty as enum ('class_teacher', 'subject_teacher', 'coordinator', 'principal', 'institution_admin');
comment on type public.hpc_staff_duty is 'A staff duty in the HPC workflow (the words of staff_duties.duty): who approves a step.';
create type public.hpc_approval_decision as enum ('pending', 'approved', 'changes_requested');
comment on type public.hpc_approval_decision is 'The decision on one approval step of a card.';
create type public.hpc_analytics_scope as enum ('institution', 'stage', 'grade', 'section', 'area', 'parameter');
comment on type public.hpc_analytics_scope is 'What an hpc_analytics aggregate is computed over.';
create type public.hpc_achievement_category as enum ('academic', 'sports', 'arts', 'cultural', 'community_service', 'leadership', 'other');
comment on type public.hpc_achievement_category is 'The kind of a student''s achievement.';
create type public.hpc_achievement_level as enum ('class', 'school', 'inter_school', 'district', 'state', 'national', 'international');
comment on type public.hpc_achievement_level is 'The level at which an achievement was earned.';
create type public.hpc_reflection_kind as enum ('all_about_me', 'self_reflection', 'ambition_goal', 'ambition_review', 'parent_partnership');
comment on type public.hpc_reflection_kind is 'Which part of the card a reflection fills.';
create type public.hpc_reflection_author_role as enum ('self', 'parent', 'teacher');
comment on type public.hpc_reflection_author_role is 'Who wrote a reflection: the student (self), a parent or a teacher.';
create type public.hpc_conversation_author_role as enum ('teacher', 'parent', 'student', 'coordinator', 'principal');
comment on type public.hpc_conversation_author_role is 'In which role a person wrote a conversation message.';

-- A text value is assigned to these columns as a literal is: SQL that carries the words as
-- text (the seed, batch jobs, data loads) writes them without a cast, and a word outside the
-- list is refused by the type's input function (22P02, naming the type and the value).
-- Comparisons still need both sides of one type.
create cast (text as public.hpc_stage) with inout as assignment;
create cast (text as public.hpc_cycle_status) with inout as assignment;
create cast (text as public.hpc_rater_role) with inout as assignment;
create cast (text as public.hpc_entry_status) with inout as assignment;
create cast (text as public.hpc_report_status) with inout as assignment;
create cast (text as public.hpc_approval_kind) with inout as assignment;
create cast (text as public.hpc_staff_duty) with inout as assignment;
create cast (text as public.hpc_approval_decision) with inout as assignment;
create cast (text as public.hpc_analytics_scope) with inout as assignment;
create cast (text as public.hpc_achievement_category) with inout as assignment;
create cast (text as public.hpc_achievement_level) with inout as assignment;
create cast (text as public.hpc_reflection_kind) with inout as assignment;
create cast (text as public.hpc_reflection_author_role) with inout as assignment;
create cast (text as public.hpc_conversation_author_role) with inout as assignment;

-- Evidence files live in the storage bucket hpc-evidence under <institution_id>/<student_id>/...
create or replace function private.evidence_paths_valid(p_paths text[], p_institution_id uuid, p_student_id uuid)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(bool_and(
      path like (p_institution_id::text || '/' || p_student_id::text || '/_%')
      and path !~ '(^|/)\.\.?(/|$)'
      and length(path) <= 1024), true)
  from unnest(p_paths) as path
$$;
comment on function private.evidence_paths_valid(text[], uuid, uuid) is
  'True when every path is an object path <institution_id>/<student_id>/<...> (bucket hpc-evidence) without . or .. segments.';
revoke all on function private.evidence_paths_valid(text[], uuid, uuid) from public;

-- 1. hpc_parameters: what is assessed.
create table public.hpc_parameters (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  stage public.hpc_stage not null,
  grade_band text not null,
  grades text[] not null,
  area text not null,
  area_code text not null,
  ability text,
  activity text,
  curricular_goal text,
  code text not null,
  name text not null,
  description text,
  scale_code text not null,
  sort_order bigint not null default 0,
  version bigint not null default 1,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint hpc_parameters_pkey primary key (institution_id, id),
  constraint hpc_parameters_code_version_key unique (institution_id, code, version),
  constraint hpc_parameters_grades_not_empty check (cardinality(grades) > 0),
  constraint hpc_parameters_code_format check (code ~ '^[A-Z0-9][A-Z0-9_.-]*$'),
  constraint hpc_parameters_area_code_format check (area_code ~ '^[A-Z0-9][A-Z0-9_-]*$'),
  constraint hpc_parameters_ability_format check (ability is null or ability ~ '^[a-z][a-z_]*$'),
  constraint hpc_parameters_scale_code_format check (scale_code ~ '^[a-z0-9][a-z0-9_-]*$'),
  constraint hpc_parameters_version_positive check (version >= 1)
);
comment on table public.hpc_parameters is
  'What is assessed: per institution and stage, an area/domain (and ability, activity, curricular goal), versioned.';
create index hpc_parameters_stage_idx on public.hpc_parameters (institution_id, stage, active);

-- 2. hpc_rubrics: one row per level of a scale (stage-wide when parameter_id is null, else
--    the descriptors of one parameter), versioned.
create table public.hpc_rubrics (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  stage public.hpc_stage not null,
  scale_code text not null,
  parameter_id uuid,
  version bigint not null default 1,
  ordinal bigint not null,
  label text not null,
  descriptor text,
  icon text,
  self_statements_min bigint,
  self_statements_max bigint,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint hpc_rubrics_pkey primary key (institution_id, id),
  constraint hpc_rubrics_level_key unique nulls not distinct
    (institution_id, scale_code, parameter_id, version, ordinal),
  -- target of hpc_evaluations (institution_id, rubric_id, level_ordinal): the stored
  -- ordinal always matches the level row it names.
  constraint hpc_rubrics_id_ordinal_key unique (institution_id, id, ordinal),
  constraint hpc_rubrics_parameter_fkey foreign key (institution_id, parameter_id)
    references public.hpc_parameters (institution_id, id),
  constraint hpc_rubrics_ordinal_range check (ordinal between 1 and 10),
  constraint hpc_rubrics_version_positive check (version >= 1),
  constraint hpc_rubrics_scale_code_format check (scale_code ~ '^[a-z0-9][a-z0-9_-]*$'),
  constraint hpc_rubrics_icon_format check (icon is null or icon ~ '^[a-z][a-z0-9_-]*$'),
  -- Middle-stage self grid: how many circled statements (of 6) map to this level.
  constraint hpc_rubrics_self_statements_range check (
    (self_statements_min is null and self_statements_max is null)
    or (self_statements_min between 0 and 6 and self_statements_max between self_statements_min and 6)
  )
);
comment on table public.hpc_rubrics is
  'Level scales per stage (parameter_id null) and level descriptors per parameter: ordinal, label, descriptor, icon; versioned.';
create index hpc_rubrics_parameter_idx on public.hpc_rubrics (institution_id, parameter_id);
create index hpc_rubrics_stage_idx on public.hpc_rubrics (institution_id, stage, scale_code);

-- 4. hpc_evaluation_cycles (created before assignments, which reference it).
create table public.hpc_evaluation_cycles (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  academic_term_id uuid not null,
  name text not null,
  term_number bigint not null,
  opens_on date not null,
  closes_on date not null,
  status public.hpc_cycle_status not null default 'planned',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint hpc_evaluation_cycles_pkey primary key (institution_id, id),
  constraint hpc_evaluation_cycles_name_key unique (institution_id, academic_term_id, name),
  constraint hpc_evaluation_cycles_window check (closes_on >= opens_on),
  constraint hpc_evaluation_cycles_term_number_range check (term_number between 1 and 4)
);
comment on table public.hpc_evaluation_cycles is
  'An assessment cycle per institution and academic term: entry window and status planned → open → closed → locked → archived.';
create index hpc_evaluation_cycles_status_idx on public.hpc_evaluation_cycles (institution_id, status);

-- 3. hpc_parameter_assignments: which parameters apply where, rated by whom. Two kinds of row:
--    * parameter rows: parameter (× optional course) for a section in a cycle, the rater
--      roles, the teacher who rates it, an optional weight (student_id null = whole section);
--    * peer pairing rows: student_id is reviewed by classmate peer_reviewer_id in the
--      cycle (rater_roles = {peer}; parameter_id null = for every peer-rated parameter).
create table public.hpc_parameter_assignments (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  cycle_id uuid not null,
  -- null only on peer pairing rows (the pairing holds for every peer-rated parameter)
  parameter_id uuid,
  section_id uuid not null,
  course_id uuid,
  rater_roles public.hpc_rater_role[] not null default '{teacher,self,peer,parent}',
  teacher_id uuid,
  -- peer pairing rows: student_id is reviewed by peer_reviewer_id (rater_roles = {peer})
  student_id uuid,
  peer_reviewer_id uuid,
  weight numeric(6, 3),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint hpc_parameter_assignments_pkey primary key (institution_id, id),
  constraint hpc_parameter_assignments_scope_key unique nulls not distinct
    (institution_id, cycle_id, section_id, parameter_id, course_id, student_id, peer_reviewer_id),
  constraint hpc_parameter_assignments_cycle_fkey foreign key (institution_id, cycle_id)
    references public.hpc_evaluation_cycles (institution_id, id),
  constraint hpc_parameter_assignments_parameter_fkey foreign key (institution_id, parameter_id)
    references public.hpc_parameters (institution_id, id),
  constraint hpc_parameter_assignments_rater_roles_check check (cardinality(rater_roles) > 0),
  constraint hpc_parameter_assignments_peer_pairing check (
    peer_reviewer_id is null
    or (student_id is not null and peer_reviewer_id <> student_id and rater_roles = '{peer}')
  ),
  constraint hpc_parameter_assignments_parameter_required check (parameter_id is not null or peer_reviewer_id is not null),
  constraint hpc_parameter_assignments_weight_positive check (weight is null or weight > 0)
);
comment on table public.hpc_parameter_assignments is
  'Which parameters apply to which section (and course) in a cycle, which rater roles assess them, which teacher, which classmate reviews whom, optional weight.';
create index hpc_parameter_assignments_parameter_idx on public.hpc_parameter_assignments (institution_id, parameter_id);
create index hpc_parameter_assignments_section_idx on public.hpc_parameter_assignments (institution_id, section_id, cycle_id);
create index hpc_parameter_assignments_course_idx on public.hpc_parameter_assignments (institution_id, course_id);
create index hpc_parameter_assignments_teacher_idx on public.hpc_parameter_assignments (institution_id, teacher_id);
create index hpc_parameter_assignments_student_idx on public.hpc_parameter_assignments (institution_id, student_id);
create index hpc_parameter_assignments_peer_reviewer_idx on public.hpc_parameter_assignments (institution_id, peer_reviewer_id);

-- 5. hpc_evaluations: one rating. Hash-partitioned by institution (modulus 10); a new
--    institution needs no DDL. A scalar `institution_id = (select ...)` prunes to one
--    partition at run time.
create table public.hpc_evaluations (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  cycle_id uuid not null,
  student_id uuid not null,
  parameter_id uuid not null,
  assignment_id uuid,
  rater_role public.hpc_rater_role not null,
  rater_id uuid not null,
  rubric_id uuid,
  level_ordinal bigint,
  statements_circled bigint,
  observation text,
  evidence_paths text[] not null default '{}',
  status public.hpc_entry_status not null default 'draft',
  submitted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint hpc_evaluations_pkey primary key (institution_id, id),
  constraint hpc_evaluations_rating_key unique
    (institution_id, cycle_id, student_id, parameter_id, rater_role, rater_id),
  constraint hpc_evaluations_cycle_fkey foreign key (institution_id, cycle_id)
    references public.hpc_evaluation_cycles (institution_id, id),
  constraint hpc_evaluations_parameter_fkey foreign key (institution_id, parameter_id)
    references public.hpc_parameters (institution_id, id),
  constraint hpc_evaluations_assignment_fkey foreign key (institution_id, assignment_id)
    references public.hpc_parameter_assignments (institution_id, id),
  constraint hpc_evaluations_level_fkey foreign key (institution_id, rubric_id, level_ordinal)
    references public.hpc_rubrics (institution_id, id, ordinal),
  constraint hpc_evaluations_level_pair check ((rubric_id is null) = (level_ordinal is null)),
  constraint hpc_evaluations_self_rater check ((rater_role = 'self') = (rater_id = student_id)),
  constraint hpc_evaluations_statements_self_only check (
    statements_circled is null or (rater_role = 'self' and statements_circled between 0 and 6)
  ),
  constraint hpc_evaluations_submitted_complete check (
    status = 'draft' or (level_ordinal is not null and submitted_at is not null)
  ),
  constraint hpc_evaluations_evidence_paths_check
    check (private.evidence_paths_valid(evidence_paths, institution_id, student_id))
) partition by hash (institution_id);
comment on table public.hpc_evaluations is
  'One rating of a student on a parameter in a cycle by one rater (teacher, self, peer, parent). Hash-partitioned by institution_id into hpc_evaluations_p0..p9.';
create index hpc_evaluations_student_idx on public.hpc_evaluations (institution_id, student_id, cycle_id);
create index hpc_evaluations_parameter_idx on public.hpc_evaluations (institution_id, parameter_id);
create index hpc_evaluations_assignment_idx on public.hpc_evaluations (institution_id, assignment_id);
create index hpc_evaluations_rater_idx on public.hpc_evaluations (institution_id, rater_id, cycle_id);
create index hpc_evaluations_level_idx on public.hpc_evaluations (institution_id, rubric_id, level_ordinal);

create table partitions.hpc_evaluations_p0 partition of public.hpc_evaluations for values with (modulus 10, remainder 0);
create table partitions.hpc_evaluations_p1 partition of public.hpc_evaluations for values with (modulus 10, remainder 1);
create table partitions.hpc_evaluations_p2 partition of public.hpc_evaluations for values with (modulus 10, remainder 2);
create table partitions.hpc_evaluations_p3 partition of public.hpc_evaluations for values with (modulus 10, remainder 3);
create table partitions.hpc_evaluations_p4 partition of public.hpc_evaluations for values with (modulus 10, remainder 4);
create table partitions.hpc_evaluations_p5 partition of public.hpc_evaluations for values with (modulus 10, remainder 5);
create table partitions.hpc_evaluations_p6 partition of public.hpc_evaluations for values with (modulus 10, remainder 6);
create table partitions.hpc_evaluations_p7 partition of public.hpc_evaluations for values with (modulus 10, remainder 7);
create table partitions.hpc_evaluations_p8 partition of public.hpc_evaluations for values with (modulus 10, remainder 8);
create table partitions.hpc_evaluations_p9 partition of public.hpc_evaluations for values with (modulus 10, remainder 9);

-- 6. hpc_reports: one card per (cycle, student, version). Exactly one current version per
--    student and cycle. Status moves only through the workflow functions
--    (docs/architecture.md §4.5); a published version is immutable (trigger below); a
--    reopen makes a new version that supersedes it. lock_version is bumped on every update:
--    writers send the value they read (`... where lock_version = $n`) for optimistic
--    concurrency.
create table public.hpc_reports (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  cycle_id uuid not null,
  student_id uuid not null,
  version bigint not null default 1,
  status public.hpc_report_status not null default 'draft',
  is_current boolean not null default true,
  content jsonb not null default '{}'::jsonb,
  content_hash text,
  language text not null default 'en',
  release_at timestamptz,
  published_at timestamptz,
  published_by uuid,
  supersedes_id uuid,
  reopen_reason text,
  lock_version bigint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint hpc_reports_pkey primary key (institution_id, id),
  constraint hpc_reports_version_key unique (institution_id, cycle_id, student_id, version),
  -- The target of the approval steps' (institution_id, report_id, student_id) key.
  constraint hpc_reports_student_key unique (institution_id, id, student_id),
  constraint hpc_reports_cycle_fkey foreign key (institution_id, cycle_id)
    references public.hpc_evaluation_cycles (institution_id, id),
  constraint hpc_reports_supersedes_fkey foreign key (institution_id, supersedes_id)
    references public.hpc_reports (institution_id, id),
  constraint hpc_reports_version_positive check (version >= 1),
  constraint hpc_reports_reopen_chain check (
    (version = 1 and supersedes_id is null and reopen_reason is null)
    or (version > 1 and supersedes_id is not null and reopen_reason is not null)
  ),
  constraint hpc_reports_content_is_object check (jsonb_typeof(content) = 'object'),
  constraint hpc_reports_content_hash_format check (content_hash is null or content_hash ~ '^[0-9a-f]{64}$'),
  constraint hpc_reports_language_format check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  constraint hpc_reports_published_complete check (
    (status = 'published') = (published_at is not null)
    and (status <> 'published' or content_hash is not null)
  ),
  constraint hpc_reports_lock_version_nonnegative check (lock_version >= 0)
);
comment on table public.hpc_reports is
  'The Holistic Progress Card of a student for a cycle, one row per version: status, content snapshot, language, hash; one current version per (cycle, student).';
create unique index hpc_reports_one_current_key
  on public.hpc_reports (institution_id, cycle_id, student_id) where is_current;
create index hpc_reports_student_idx on public.hpc_reports (institution_id, student_id, cycle_id);
create index hpc_reports_status_idx on public.hpc_reports (institution_id, cycle_id, status) where is_current;
create index hpc_reports_published_by_idx on public.hpc_reports (institution_id, published_by);
create index hpc_reports_supersedes_idx on public.hpc_reports (institution_id, supersedes_id);
-- The release job (private.hpc_release_due_reports, every minute): approved current cards
-- with a release date, across institutions.
create index hpc_reports_release_due_idx
  on public.hpc_reports (release_at) where status = 'approved' and is_current and release_at is not null;

-- 7. hpc_approval_workflows: two shapes in one table, told apart by kind.
--    kind = 'chain': the institution's configured approval chain, one row per step
--      (stage null = every stage): step_order, approver_duty, versioned.
--    kind = 'step': one step of one report version's approval: round (1, then +1 after
--      each changes_requested), step_order, approver_duty, decision pending → approved |
--      changes_requested, who decided, when, comment; chain_step_id names the chain row.
create table public.hpc_approval_workflows (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  kind public.hpc_approval_kind not null,
  stage public.hpc_stage,
  version bigint not null default 1,
  step_order bigint not null,
  approver_duty public.hpc_staff_duty not null,
  name text,
  active boolean not null default true,
  report_id uuid,
  student_id uuid,
  round bigint,
  chain_step_id uuid,
  decision public.hpc_approval_decision,
  decided_by uuid,
  decided_role text,
  decided_at timestamptz,
  comment text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint hpc_approval_workflows_pkey primary key (institution_id, id),
  constraint hpc_approval_workflows_report_fkey foreign key (institution_id, report_id, student_id)
    references public.hpc_reports (institution_id, id, student_id),
  constraint hpc_approval_workflows_chain_step_fkey foreign key (institution_id, chain_step_id)
    references public.hpc_approval_workflows (institution_id, id),
  constraint hpc_approval_workflows_step_order_positive check (step_order >= 1),
  constraint hpc_approval_workflows_version_positive check (version >= 1),
  constraint hpc_approval_workflows_shape check (
    case kind
      when 'chain' then report_id is null and student_id is null and round is null and chain_step_id is null
        and decision is null and decided_by is null and decided_at is null and decided_role is null
      else report_id is not null and student_id is not null and round >= 1 and decision is not null
    end
  ),
  constraint hpc_approval_workflows_decision_complete check (
    decision is null
    or (decision = 'pending' and decided_by is null and decided_at is null)
    or (decision <> 'pending' and decided_by is not null and decided_at is not null and decided_role is not null)
  ),
  constraint hpc_approval_workflows_changes_need_comment check (
    decision is distinct from 'changes_requested' or nullif(btrim(comment), '') is not null
  )
);
comment on table public.hpc_approval_workflows is
  'kind=chain: the approval chain configured per institution (ordered approver duties); kind=step: each report version''s approval steps and decisions.';
create unique index hpc_approval_workflows_chain_key
  on public.hpc_approval_workflows (institution_id, stage, version, step_order) nulls not distinct
  where kind = 'chain';
create unique index hpc_approval_workflows_step_key
  on public.hpc_approval_workflows (institution_id, report_id, round, step_order)
  where kind = 'step';
create index hpc_approval_workflows_report_idx on public.hpc_approval_workflows (institution_id, report_id, student_id);
create index hpc_approval_workflows_chain_step_idx on public.hpc_approval_workflows (institution_id, chain_step_id);
create index hpc_approval_workflows_decided_by_idx on public.hpc_approval_workflows (institution_id, decided_by);
-- "what is waiting for me": pending steps by duty
create index hpc_approval_workflows_pending_idx
  on public.hpc_approval_workflows (institution_id, approver_duty) where decision = 'pending';

-- 8. hpc_analytics: precomputed aggregates per institution, cycle and scope. Never a
--    student rank: no student column, and values may not carry rank-like keys.
create table public.hpc_analytics (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  cycle_id uuid not null,
  scope public.hpc_analytics_scope not null,
  scope_key text not null default '',
  section_id uuid,
  parameter_id uuid,
  metric text not null,
  value jsonb not null,
  sample_size bigint,
  computed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint hpc_analytics_pkey primary key (institution_id, id),
  constraint hpc_analytics_metric_key unique (institution_id, cycle_id, scope, scope_key, metric),
  constraint hpc_analytics_cycle_fkey foreign key (institution_id, cycle_id)
    references public.hpc_evaluation_cycles (institution_id, id),
  constraint hpc_analytics_parameter_fkey foreign key (institution_id, parameter_id)
    references public.hpc_parameters (institution_id, id),
  constraint hpc_analytics_metric_format check (metric ~ '^[a-z][a-z0-9_]*$'),
  constraint hpc_analytics_scope_refs check (
    (scope <> 'section' or section_id is not null)
    and (scope <> 'parameter' or parameter_id is not null)
  ),
  constraint hpc_analytics_no_ranks check (
    not (value ?| array['rank', 'ranks', 'percentile', 'percentiles', 'student_id', 'student_ids'])
  ),
  constraint hpc_analytics_sample_size_nonnegative check (sample_size is null or sample_size >= 0)
);
comment on table public.hpc_analytics is
  'Precomputed aggregates (level distributions, completion) per institution, cycle and scope. Never per-student ranks.';
create index hpc_analytics_section_idx on public.hpc_analytics (institution_id, section_id);
create index hpc_analytics_parameter_idx on public.hpc_analytics (institution_id, parameter_id);

-- 9. hpc_achievements: accomplishments inventory.
create table public.hpc_achievements (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  student_id uuid not null,
  cycle_id uuid,
  title text not null,
  category public.hpc_achievement_category not null,
  level public.hpc_achievement_level,
  achieved_on date,
  description text,
  evidence_paths text[] not null default '{}',
  verified_by uuid,
  verified_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint hpc_achievements_pkey primary key (institution_id, id),
  constraint hpc_achievements_cycle_fkey foreign key (institution_id, cycle_id)
    references public.hpc_evaluation_cycles (institution_id, id),
  constraint hpc_achievements_verified_pair check ((verified_by is null) = (verified_at is null)),
  constraint hpc_achievements_evidence_paths_check
    check (private.evidence_paths_valid(evidence_paths, institution_id, student_id))
);
comment on table public.hpc_achievements is
  'A student''s achievements (accomplishments inventory), optionally verified by staff, with evidence object paths.';
create index hpc_achievements_student_idx on public.hpc_achievements (institution_id, student_id, achieved_on);
create index hpc_achievements_cycle_idx on public.hpc_achievements (institution_id, cycle_id);
create index hpc_achievements_verified_by_idx on public.hpc_achievements (institution_id, verified_by);

-- 10. hpc_reflections: All About Me, self-reflection, Ambition Card goals and their term
--     review, the Parent–Teacher Partnership card.
create table public.hpc_reflections (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  student_id uuid not null,
  cycle_id uuid not null,
  kind public.hpc_reflection_kind not null,
  author_id uuid not null,
  author_role public.hpc_reflection_author_role not null,
  goal_id uuid,
  content jsonb not null default '{}'::jsonb,
  body text,
  status public.hpc_entry_status not null default 'draft',
  submitted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  entry_key uuid generated always as (case kind when 'ambition_goal' then id else goal_id end) stored,
  constraint hpc_reflections_pkey primary key (institution_id, id),
  -- The upsert key (PostgREST's on_conflict names it; a partial index cannot serve an
  -- upsert): one All About Me, one self-reflection and one Partnership card per author,
  -- student and cycle; one review per goal and cycle; any number of goals.
  constraint hpc_reflections_entry_key unique nulls not distinct
    (institution_id, cycle_id, student_id, author_id, kind, entry_key),
  constraint hpc_reflections_cycle_fkey foreign key (institution_id, cycle_id)
    references public.hpc_evaluation_cycles (institution_id, id),
  constraint hpc_reflections_goal_fkey foreign key (institution_id, goal_id)
    references public.hpc_reflections (institution_id, id),
  constraint hpc_reflections_self_author check ((author_role = 'self') = (author_id = student_id)),
  constraint hpc_reflections_kind_author check (
    case kind
      when 'parent_partnership' then author_role = 'parent'
      when 'all_about_me' then author_role in ('self', 'parent')
      else author_role = 'self'
    end
  ),
  constraint hpc_reflections_review_has_goal check ((kind = 'ambition_review') = (goal_id is not null)),
  constraint hpc_reflections_content_is_object check (jsonb_typeof(content) = 'object'),
  constraint hpc_reflections_submitted_at check ((status = 'submitted') = (submitted_at is not null))
);
comment on table public.hpc_reflections is
  'Student self-reflection, All About Me, Ambition Card goals and their per-term review, and the parent''s Partnership card input.';
create index hpc_reflections_student_idx on public.hpc_reflections (institution_id, student_id, cycle_id);
create index hpc_reflections_cycle_idx on public.hpc_reflections (institution_id, cycle_id, kind);
create index hpc_reflections_author_idx on public.hpc_reflections (institution_id, author_id);
create index hpc_reflections_goal_idx on public.hpc_reflections (institution_id, goal_id);
comment on column public.hpc_reflections.entry_key is
  'Generated: the goal an ambition_review reviews, the row''s own id for an ambition_goal, else null. Part of the upsert key.';

-- 11. hpc_conversations: parent–teacher–student threads about a student (or a report).
--     Each row is a message; the thread root has thread_id = id and a subject.
create table public.hpc_conversations (
  id uuid not null default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id),
  thread_id uuid not null,
  student_id uuid not null,
  report_id uuid,
  author_id uuid not null,
  author_role public.hpc_conversation_author_role not null,
  subject text,
  body text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid default auth.uid(),
  updated_by uuid default auth.uid(),
  constraint hpc_conversations_pkey primary key (institution_id, id),
  constraint hpc_conversations_thread_fkey foreign key (institution_id, thread_id)
    references public.hpc_conversations (institution_id, id) on delete cascade,
  constraint hpc_conversations_report_fkey foreign key (institution_id, report_id)
    references public.hpc_reports (institution_id, id),
  constraint hpc_conversations_root_has_subject check ((thread_id = id) = (subject is not null)),
  constraint hpc_conversations_body_length check (char_length(body) between 1 and 4000)
);
comment on table public.hpc_conversations is
  'Messages of parent–teacher–student threads about a student or a report (root: thread_id = id). In the supabase_realtime publication.';
create index hpc_conversations_thread_idx on public.hpc_conversations (institution_id, thread_id, created_at);
create index hpc_conversations_student_idx on public.hpc_conversations (institution_id, student_id, created_at);
create index hpc_conversations_report_idx on public.hpc_conversations (institution_id, report_id);
create index hpc_conversations_author_idx on public.hpc_conversations (institution_id, author_id);

alter publication supabase_realtime add table public.hpc_conversations;

-- Behaviour the check constraints cannot express.

-- Cycle status only moves planned → open → closed → locked → archived (closed → open
-- reopens entry before locking).
create or replace function private.hpc_cycle_status_guard()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status
     and (old.status, new.status) not in (
       ('planned', 'open'), ('open', 'closed'), ('closed', 'open'), ('closed', 'locked'), ('locked', 'archived'))
  then
    raise exception 'hpc_evaluation_cycles: status cannot move from % to %', old.status, new.status
      using errcode = '23514';
  end if;
  return new;
end
$$;
revoke all on function private.hpc_cycle_status_guard() from public;
create trigger guard_status_transition
  before update of status on public.hpc_evaluation_cycles
  for each row execute function private.hpc_cycle_status_guard();

-- The level of an evaluation is a rubric level row: the pair (rubric_id, level_ordinal),
-- kept honest by the foreign key hpc_evaluations_level_fkey to (hpc_rubrics.id, ordinal).
-- Each column follows the one the caller changed, so a level is changed the way a caller
-- changes any column (an update or an upsert that sends only level_ordinal):
--   * level_ordinal changed, rubric_id not: the level row of that ordinal on the parameter's
--     scale is looked up (a parameter-specific descriptor row wins over the stage-wide one;
--     the newest version); level_ordinal null clears rubric_id;
--   * rubric_id changed, level_ordinal not: level_ordinal becomes that level row's ordinal;
--   * both changed: taken as sent (the foreign key checks that they agree);
--   * statements_circled (the Middle-stage self grid) decides the level whenever it is set,
--     from the rubric's self_statements_min/max (0–2 Beginner, 3–4 Proficient, 5–6 Advanced
--     in the demo data), never typed.
create or replace function private.hpc_evaluation_derive_level()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_scale text;
  v_rubric uuid;
  v_ordinal bigint;
  v_level_changed boolean := tg_op = 'INSERT' or new.level_ordinal is distinct from old.level_ordinal;
  v_rubric_changed boolean := tg_op = 'INSERT' or new.rubric_id is distinct from old.rubric_id;
  -- what decides the level: 'statements', 'ordinal' (find the level row), 'rubric' (take its
  -- ordinal) or nothing (as sent; the foreign key checks the pair)
  v_from text;
begin
  if new.statements_circled is not null then
    v_from := 'statements';
  elsif tg_op = 'INSERT' then
    v_from := case
      when new.level_ordinal is not null and new.rubric_id is null then 'ordinal'
      when new.rubric_id is not null and new.level_ordinal is null then 'rubric'
    end;
  else
    v_from := case
      when v_level_changed and not v_rubric_changed then 'ordinal'
      when v_rubric_changed and not v_level_changed then 'rubric'
      when new.level_ordinal is not null and new.rubric_id is null then 'ordinal'
    end;
  end if;

  if v_from = 'rubric' then
    if new.rubric_id is null then
      new.level_ordinal := null;
    else
      -- an unknown level row (or another school's) leaves the ordinal as sent, and the
      -- foreign key refuses the pair
      select r.ordinal into v_ordinal
      from public.hpc_rubrics as r
      where r.institution_id = new.institution_id and r.id = new.rubric_id;
      if found then
        new.level_ordinal := v_ordinal;
      end if;
    end if;
  elsif v_from = 'ordinal' and new.level_ordinal is null then
    new.rubric_id := null;
  elsif v_from in ('statements', 'ordinal') then
    select p.scale_code into v_scale
    from public.hpc_parameters as p
    where p.institution_id = new.institution_id and p.id = new.parameter_id;

    select r.id, r.ordinal into v_rubric, v_ordinal
    from public.hpc_rubrics as r
    where r.institution_id = new.institution_id
      and r.scale_code = v_scale
      and r.active
      and (r.parameter_id is null or r.parameter_id = new.parameter_id)
      and case
            when v_from = 'statements'
              then new.statements_circled between r.self_statements_min and r.self_statements_max
            else r.ordinal = new.level_ordinal
          end
    order by (r.parameter_id is null), r.version desc
    limit 1;

    if v_rubric is null then
      raise exception 'hpc_evaluations: no active rubric level of scale % matches (statements_circled %, level_ordinal %)',
        v_scale, new.statements_circled, new.level_ordinal
        using errcode = '23514';
    end if;
    new.rubric_id := v_rubric;
    new.level_ordinal := v_ordinal;
  end if;
  if new.status = 'submitted' and new.submitted_at is null then
    new.submitted_at := now();
  end if;
  return new;
end
$$;
revoke all on function private.hpc_evaluation_derive_level() from public;
comment on function private.hpc_evaluation_derive_level() is
  'Trigger: rubric_id and level_ordinal follow whichever the caller changed (a typed level finds its level row on the parameter''s scale; a named level row gives its ordinal); circled statements decide the self-grid level.';
-- BEFORE triggers fire in name order: resolve_level runs after keep_row_in_its_institution
-- (20250201000300), because the level lookup needs the row's institution settled first.
create trigger resolve_level
  before insert or update on public.hpc_evaluations
  for each row execute function private.hpc_evaluation_derive_level();

-- A published report version is immutable: only is_current may go true → false (when a
-- reopen creates the next version); it cannot be deleted but by the erasure of the child's
-- data (hpc.erasure = on in its transaction). Every update bumps lock_version.
create or replace function private.hpc_report_guard()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_free constant text[] := array['is_current', 'lock_version', 'updated_at', 'updated_by'];
begin
  if tg_op = 'DELETE' then
    if old.status = 'published' and current_setting('hpc.erasure', true) is distinct from 'on' then
      raise exception 'hpc_reports: a published report cannot be deleted' using errcode = '55000';
    end if;
    return old;
  end if;
  if old.status = 'published'
     and ((to_jsonb(new) - v_free) is distinct from (to_jsonb(old) - v_free)
          or (new.is_current and not old.is_current))
  then
    raise exception 'hpc_reports: version % is published and immutable; reopen to create a new version', old.version
      using errcode = '55000';
  end if;
  new.lock_version := old.lock_version + 1;
  return new;
end
$$;
revoke all on function private.hpc_report_guard() from public;
create trigger guard_published_report
  before update or delete on public.hpc_reports
  for each row execute function private.hpc_report_guard();

-- A message without thread_id starts a thread (thread_id = its own id).
create or replace function private.hpc_conversation_thread_default()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.thread_id := coalesce(new.thread_id, new.id);
  return new;
end
$$;
revoke all on function private.hpc_conversation_thread_default() from public;
create trigger default_thread
  before insert on public.hpc_conversations
  for each row execute function private.hpc_conversation_thread_default();

-- An approval step carries its report's student (see hpc_approval_workflows above). A writer
-- may give it; otherwise it is read from the report, by the full key, so that on a
-- distributed table the lookup stays on the step's own shard. The foreign key refuses a
-- student that is not the report's.
create or replace function private.hpc_approval_step_student_default()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.report_id is not null and new.student_id is null then
    select r.student_id into new.student_id
    from public.hpc_reports as r
    where r.institution_id = new.institution_id and r.id = new.report_id;
  end if;
  return new;
end
$$;
revoke all on function private.hpc_approval_step_student_default() from public;
create trigger default_step_student
  before insert on public.hpc_approval_workflows
  for each row execute function private.hpc_approval_step_student_default();

-- A write that a closed cycle refuses raises an error instead of changing nothing. Ratings
-- and reflections are written by their authors only while their cycle is open; the
-- policies decide only who may touch a row, and this trigger refuses every API write (role
-- authenticated) of a row whose cycle is not open with HP422 (HTTP 422 through PostgREST)
-- and a message naming the cycle and its status. It reads the cycle as the caller (security
-- invoker): a cycle the caller cannot see leaves the decision to the policies. The workflow
-- functions (security definer) and server jobs are not the API role and are not affected.
-- It fires before the INSERT policy's check, so an insert into a closed cycle gets the same
-- HP422 instead of 42501. Its argument says what the table's rows are called ('ratings',
-- 'reflections'): the table's own name is the shard's on a distributed table.
create or replace function private.hpc_refuse_outside_open_cycle()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_cycle record;
begin
  if current_user <> 'authenticated' then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  for v_cycle in
    select c.name, c.status
    from public.hpc_evaluation_cycles as c
    where (tg_op <> 'DELETE' and c.institution_id = new.institution_id and c.id = new.cycle_id)
       or (tg_op <> 'INSERT' and c.institution_id = old.institution_id and c.id = old.cycle_id)
  loop
    if v_cycle.status <> 'open' then
      perform private.raise_api_error('HP422',
        format('The evaluation cycle "%s" is %s: its %s can no longer be changed.', v_cycle.name, v_cycle.status,
               tg_argv[0]),
        null,
        'Ratings and reflections are entered, changed and withdrawn only while their cycle is open.');
    end if;
  end loop;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
comment on function private.hpc_refuse_outside_open_cycle() is
  'Trigger: an API write (role authenticated) of a rating or reflection whose cycle is not open raises HP422 (HTTP 422) naming the cycle.';
revoke all on function private.hpc_refuse_outside_open_cycle() from public;
grant execute on function private.hpc_refuse_outside_open_cycle() to authenticated;

create trigger only_while_cycle_open
  before insert or update or delete on public.hpc_evaluations
  for each row execute function private.hpc_refuse_outside_open_cycle('ratings');
create trigger only_while_cycle_open
  before insert or update or delete on public.hpc_reflections
  for each row execute function private.hpc_refuse_outside_open_cycle('reflections');

-- A teacher or a classmate rates only what they are assigned: a teacher, a parameter of an
-- active assignment of theirs (with the teacher among its rater roles) for a section the
-- student is in; a peer reviewer, an active assignment naming them for the student, of this
-- parameter or of all. The write policies (20250201000300) check the rest from the request
-- context; this needs other rows, which a policy may not read on Citus, so it runs before
-- the row is written and reads the rows by the rating's school (on Citus the rating's own
-- shard group). Only API writes (role authenticated) are checked: the class sheet and server
-- jobs check their own. Security definer, because a student may not read the assignments.
create or replace function private.hpc_refuse_unassigned_rating()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_assigned boolean;
begin
  if new.rater_role = 'peer' then
    select exists (
      select 1 from public.hpc_parameter_assignments as a
      where a.institution_id = new.institution_id and a.cycle_id = new.cycle_id and a.active
        and a.student_id = new.student_id and a.peer_reviewer_id = new.rater_id
        and (a.parameter_id is null or a.parameter_id = new.parameter_id))
      into v_assigned;
  else
    select exists (
      select 1
      from public.hpc_parameter_assignments as a
      join public.section_students as s
        on s.institution_id = a.institution_id and s.section_id = a.section_id
      where a.institution_id = new.institution_id and a.cycle_id = new.cycle_id and a.active
        and a.parameter_id = new.parameter_id and a.teacher_id = new.rater_id
        and 'teacher' = any (a.rater_roles)
        and s.student_id = new.student_id)
      into v_assigned;
  end if;
  if not v_assigned then
    raise exception 'This % rating is not assigned to its rater: no active assignment of this parameter for this student in this cycle.', new.rater_role
      using errcode = '42501',
            hint = 'Teachers and classmates rate the parameters they are assigned (hpc_parameter_assignments).';
  end if;
  return new;
end
$$;
comment on function private.hpc_refuse_unassigned_rating() is
  'Trigger: an API write of a teacher''s or peer''s rating without an active assignment for it is refused with 42501.';
revoke all on function private.hpc_refuse_unassigned_rating() from public;

-- current_user is the writer here (the function above runs as its owner).
create trigger rater_is_assigned
  before insert or update on public.hpc_evaluations
  for each row
  when (new.rater_role in ('teacher', 'peer') and current_user = 'authenticated')
  execute function private.hpc_refuse_unassigned_rating();

-- Authorship stamps, audit and RLS on the 11 tables.
do $$
declare
  v_table text;
begin
  foreach v_table in array array[
    'hpc_parameters', 'hpc_rubrics', 'hpc_parameter_assignments', 'hpc_evaluation_cycles',
    'hpc_evaluations', 'hpc_reports', 'hpc_approval_workflows', 'hpc_analytics',
    'hpc_achievements', 'hpc_reflections', 'hpc_conversations'
  ] loop
    execute format(
      'create trigger stamp_row_authorship before insert or update on public.%I
         for each row execute function private.stamp_row_authorship()', v_table);
    execute format(
      'create trigger audit_row_change after insert or update or delete on public.%I
         for each row execute function private.audit_row_change(''row'', %L, ''institution_id'', ''id'')', v_table, 'public.' || v_table);
    execute format('alter table public.%I enable row level security', v_table);
  end loop;

  -- Partitions do not inherit RLS: each one gets it, and no grants for the API roles, so
  -- reading hpc_evaluations_pN directly returns nothing to anon / authenticated.
  for i in 0 .. 9 loop
    execute format('alter table partitions.hpc_evaluations_p%s enable row level security', i);
    execute format('revoke all on partitions.hpc_evaluations_p%s from anon, authenticated', i);
    execute format('grant all on partitions.hpc_evaluations_p%s to service_role', i);
  end loop;
end
$$;

-- Statistics that tell the planner a cycle belongs to one school. PostgREST sends every read
-- as a prepared statement, and a generic plan is estimated from average selectivities:
-- with institution_id and cycle_id taken as independent, (institution, cycle) came out at
-- a few rows per partition instead of a school's term, and a class sheet walked the whole
-- term on the rating key (benchmarks/scale/FINDINGS.md). The functional dependency
-- cycle → school fixes the estimate. Not student_id in the same object: its dependency on
-- the school made the students' lookup look as large as the term's.
-- The planner reads extended statistics per partition, so each partition gets the object;
-- the parent's copy covers estimates over the whole table, and a partition made later with
-- `create table … (like public.hpc_evaluations including all)` (operations/partitions/split.ts)
-- copies it.
create statistics public.hpc_evaluations_school_dependencies (dependencies)
  on institution_id, cycle_id from public.hpc_evaluations;

do $$
declare
  v_part record;
begin
  for v_part in
    select c.relnamespace::regnamespace::text as schema_name, c.relname::text as table_name
    from pg_catalog.pg_inherits as i
    join pg_catalog.pg_class as c on c.oid = i.inhrelid
    where i.inhparent = 'public.hpc_evaluations'::regclass
    order by c.relname
  loop
    execute format('create statistics %I.%I (dependencies) on institution_id, cycle_id from %I.%I',
                   v_part.schema_name, v_part.table_name || '_school_dependencies', v_part.schema_name, v_part.table_name);
  end loop;
end
$$;

-- Foreign keys to the existing BIG DAY tables, last, on purpose. Adding one takes SHARE ROW
-- EXCLUSIVE on the table it references (user_profiles, sections, courses, ...), which blocks
-- the application's writes to it until this file commits. Declared inline, they held those
-- locks while the rest of the file ran (benchmarks/migration/FINDINGS.md); here they are
-- taken in the last milliseconds before the commit. The tables above are new
-- and empty, so each key's check of existing rows finds nothing to read.
alter table public.hpc_evaluation_cycles
  add constraint hpc_evaluation_cycles_term_fkey foreign key (institution_id, academic_term_id)
  references public.academic_terms (institution_id, id);
alter table public.hpc_parameter_assignments
  add constraint hpc_parameter_assignments_section_fkey foreign key (institution_id, section_id)
  references public.sections (institution_id, id);
alter table public.hpc_parameter_assignments
  add constraint hpc_parameter_assignments_course_fkey foreign key (institution_id, course_id)
  references public.courses (institution_id, id);
alter table public.hpc_parameter_assignments
  add constraint hpc_parameter_assignments_teacher_fkey foreign key (institution_id, teacher_id)
  references public.user_profiles (institution_id, id);
alter table public.hpc_parameter_assignments
  add constraint hpc_parameter_assignments_student_fkey foreign key (institution_id, student_id)
  references public.user_profiles (institution_id, id);
alter table public.hpc_parameter_assignments
  add constraint hpc_parameter_assignments_peer_reviewer_fkey foreign key (institution_id, peer_reviewer_id)
  references public.user_profiles (institution_id, id);
alter table public.hpc_evaluations
  add constraint hpc_evaluations_student_fkey foreign key (institution_id, student_id)
  references public.user_profiles (institution_id, id);
alter table public.hpc_evaluations
  add constraint hpc_evaluations_rater_fkey foreign key (institution_id, rater_id)
  references public.user_profiles (institution_id, id);
alter table public.hpc_reports
  add constraint hpc_reports_student_fkey foreign key (institution_id, student_id)
  references public.user_profiles (institution_id, id);
alter table public.hpc_reports
  add constraint hpc_reports_published_by_fkey foreign key (institution_id, published_by)
  references public.user_profiles (institution_id, id);
alter table public.hpc_approval_workflows
  add constraint hpc_approval_workflows_decided_by_fkey foreign key (institution_id, decided_by)
  references public.user_profiles (institution_id, id);
alter table public.hpc_analytics
  add constraint hpc_analytics_section_fkey foreign key (institution_id, section_id)
  references public.sections (institution_id, id);
alter table public.hpc_achievements
  add constraint hpc_achievements_student_fkey foreign key (institution_id, student_id)
  references public.user_profiles (institution_id, id);
alter table public.hpc_achievements
  add constraint hpc_achievements_verified_by_fkey foreign key (institution_id, verified_by)
  references public.user_profiles (institution_id, id);
alter table public.hpc_reflections
  add constraint hpc_reflections_student_fkey foreign key (institution_id, student_id)
  references public.user_profiles (institution_id, id);
alter table public.hpc_reflections
  add constraint hpc_reflections_author_fkey foreign key (institution_id, author_id)
  references public.user_profiles (institution_id, id);
alter table public.hpc_conversations
  add constraint hpc_conversations_student_fkey foreign key (institution_id, student_id)
  references public.user_profiles (institution_id, id);
alter table public.hpc_conversations
  add constraint hpc_conversations_author_fkey foreign key (institution_id, author_id)
  references public.user_profiles (institution_id, id);
