-- Foundation: organisations, people, roles, sessions, tokens, audit, ledger, calendar,
-- notifications, jobs, idempotency. Must run on PostgreSQL 15 (Debian) and PGlite (PG 18).

create extension if not exists pg_trgm;

create table organisations (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('university','research_institute','hospital','new_rd_institution',
    'state_owned_enterprise','enterprise','tech_transfer_agency','investment_platform',
    'financial_institution','science_bureau')),
  name text not null,
  name_en text,
  credit_code char(18) not null unique,
  district text not null,
  parent_id uuid references organisations(id),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index organisations_parent_idx on organisations(parent_id);

create table users (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  email text unique,
  mobile text unique,
  password_hash text not null,
  locale text not null default 'zh-CN' check (locale in ('zh-CN','en-US')),
  is_active boolean not null default true,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (email is not null or mobile is not null)
);

create table memberships (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id),
  organisation_id uuid not null references organisations(id),
  role text not null check (role in ('researcher','tto_officer','org_admin','enterprise','broker',
    'operator','investor','bureau','admin')),
  created_at timestamptz not null default now(),
  unique (user_id, organisation_id, role)
);
create index memberships_org_idx on memberships(organisation_id);

create table sessions (
  id_hash text primary key,
  user_id uuid not null references users(id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now(),
  user_agent text,
  ip text
);
create index sessions_user_idx on sessions(user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  token_hash text not null unique,
  token_prefix text not null,
  user_id uuid not null references users(id),
  organisation_id uuid not null references organisations(id),
  role text not null,
  scopes text[] not null,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Failed login attempts per identifier and per IP; the throttle reads a sliding window.
create table login_failures (
  id bigint generated always as identity primary key,
  identifier text not null,
  ip text,
  at timestamptz not null default now()
);
create index login_failures_identifier_idx on login_failures(identifier, at);
create index login_failures_ip_idx on login_failures(ip, at);

-- Every change: who, when, what, before and after.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id uuid references users(id),
  actor_token_id uuid references api_tokens(id),
  action text not null,
  entity text not null,
  entity_id text,
  organisation_id uuid references organisations(id),
  before jsonb,
  after jsonb,
  request_id text,
  ip text
);
create index audit_log_entity_idx on audit_log(entity, entity_id);
create index audit_log_at_idx on audit_log(at);

-- Append-only, hash-chained ledger. Each stream (e.g. achievement:<id>) is its own chain.
create table ledger_streams (
  stream text primary key,
  last_seq integer not null,
  last_hash text not null
);

create table ledger_events (
  id bigint generated always as identity primary key,
  stream text not null,
  seq integer not null,
  type text not null,
  payload jsonb not null,
  actor_user_id uuid,
  reason text,
  occurred_at timestamptz not null,
  prev_hash text not null,
  hash text not null,
  unique (stream, seq)
);
create index ledger_events_type_idx on ledger_events(type, occurred_at);

create function ledger_events_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'ledger_events is append-only: % refused', tg_op using errcode = 'P0001';
end $$;
create trigger ledger_events_no_update before update or delete on ledger_events
  for each row execute function ledger_events_refuse_change();
create trigger ledger_events_no_truncate before truncate on ledger_events
  for each statement execute function ledger_events_refuse_change();

-- Administrator-maintained working-day calendar for dates the bundled calendar does not know.
create table calendar_overrides (
  day date primary key,
  is_workday boolean not null,
  name text not null,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now()
);

-- In-app notification centre: every module posts here.
create table notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id),
  kind text not null,
  title_zh text not null,
  title_en text not null,
  body_zh text,
  body_en text,
  link text,
  dedupe_key text,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (user_id, dedupe_key)
);
create index notifications_user_unread_idx on notifications(user_id, created_at desc) where read_at is null;

-- Background jobs: claimed with FOR UPDATE SKIP LOCKED, so several app servers can work the queue.
create table jobs (
  id bigint generated always as identity primary key,
  queue text not null,
  payload jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending','running','completed','failed')),
  run_at timestamptz not null default now(),
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  singleton_key text,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  completed_at timestamptz
);
create index jobs_due_idx on jobs(run_at) where status in ('pending','running');
create unique index jobs_singleton_idx on jobs(queue, singleton_key) where singleton_key is not null and status in ('pending','running');

create table job_schedules (
  name text primary key,
  queue text not null,
  every_seconds integer not null check (every_seconds > 0),
  payload jsonb not null default '{}',
  next_run_at timestamptz not null
);

-- Idempotency keys for requests that move money or shares: the first response is replayed.
create table idempotency_keys (
  key text not null,
  user_id uuid not null references users(id),
  route text not null,
  request_hash text not null,
  status_code integer,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);
