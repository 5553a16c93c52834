-- The runner's ledger: where a migration stands, so that a crash at any point resumes and a
-- rerun of a finished step does nothing. Lives in its own schema (not exposed by the API,
-- not part of the HPC schema: schema rollback and the dump comparison leave it out).
create schema if not exists hpc_migration;
revoke all on schema hpc_migration from public;

-- One row per runner step; `done` steps are skipped on a rerun.
create table if not exists hpc_migration.steps (
  name text primary key,
  status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed', 'undone')),
  started_at timestamptz,
  finished_at timestamptz,
  seconds numeric,
  attempts integer not null default 0,
  evidence jsonb not null default '{}'::jsonb,
  error text
);

-- Operator switches read by the backfill workers between batches.
create table if not exists hpc_migration.control (
  key text primary key,
  value text not null,
  changed_at timestamptz not null default now()
);
insert into hpc_migration.control (key, value) values ('backfill', 'run') on conflict do nothing;

-- Disjoint key ranges per table. A worker claims a range with FOR UPDATE SKIP LOCKED, and
-- every batch moves `cursor` in the same transaction as its UPDATE: exactly-once on resume.
create table if not exists hpc_migration.backfill_ranges (
  table_name text not null,
  range_no integer not null,
  lo uuid,          -- exclusive lower bound (null = from the start)
  hi uuid,          -- inclusive upper bound (null = to the end)
  cursor uuid,      -- last id processed (exclusive lower bound of the next batch)
  status text not null default 'pending' check (status in ('pending', 'running', 'done')),
  worker text,
  heartbeat timestamptz,
  rows_scanned bigint not null default 0,
  rows_updated bigint not null default 0,
  primary key (table_name, range_no)
);

-- Every batch, for rates, adaptive sizing evidence and the failed-batch trigger.
create table if not exists hpc_migration.batches (
  id bigint generated always as identity primary key,
  table_name text not null,
  range_no integer not null,
  batch_size integer not null,
  rows_updated integer not null,
  ms numeric not null,
  ok boolean not null,
  error text,
  at timestamptz not null default now()
);
create index if not exists batches_at_idx on hpc_migration.batches (at);

-- Which institution a legacy institution_id value (or an e-mail domain) maps to.
create table if not exists hpc_migration.institution_map (
  kind text not null check (kind in ('legacy_id', 'email_domain', 'fallback')),
  key text not null,
  institution_id uuid not null,
  primary key (kind, key)
);

-- The schema as it was before phase 1: what schema rollback restores.
create table if not exists hpc_migration.baseline_snapshot (
  id integer primary key check (id = 1),
  taken_at timestamptz not null default now(),
  catalog jsonb not null,
  migration_versions text[] not null
);

-- Everything the runner said (notifications, pauses, trigger firings), in order.
create table if not exists hpc_migration.events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  kind text not null,
  message text not null,
  details jsonb
);
