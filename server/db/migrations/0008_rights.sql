-- Measure 2: ownership grants (赋权), agreed proceeds (约定收益) and the rectification of past
-- spin-offs (合规整改). Owned by the rights module; each grant is the ledger stream `rights:<id>`,
-- each agreement `proceeds:<id>`, each case `rectification:<id>`; a recorded grant also writes
-- `achievement.ownership_granted` on the achievement's own stream.

-- The institution's rule (单位规定), versioned: the version in force on a day is the one with the
-- latest effective_from on or before it.
create table rights_policies (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  version int not null,
  effective_from date not null,
  max_team_share numeric(7,6) not null check (max_team_share > 0 and max_team_share <= 1),
  use_right_first_term_years int not null check (use_right_first_term_years > 0),
  use_right_cumulative_min_years int not null check (use_right_cumulative_min_years > 0),
  min_appraised_value numeric(18,2),
  require_clear_title boolean not null,
  require_counterparty boolean not null,
  publicity_days int not null check (publicity_days > 0),
  agreed_proceeds_trigger_reward boolean not null default false,
  note text not null default '',
  created_by uuid references users(id),
  created_at timestamptz not null,
  unique (organisation_id, version),
  unique (organisation_id, effective_from)
);

create table rights_grant_counters (
  year int primary key,
  last_seq int not null
);

create table rights_grants (
  id uuid primary key,
  number text not null unique,
  organisation_id uuid not null references organisations(id),
  achievement_id uuid not null,
  applicant_user_id uuid references users(id),
  status text not null,
  kind text not null check (kind in ('ownership', 'use_right')),
  team_share numeric(7,6),
  use_right_years int,
  first_term_years int,
  -- 转化实施方案 and eligibility facts: summary, counterparty, appraisal, clear title.
  plan jsonb not null,
  -- 全体完成人书面意见: one entry per completer.
  consents jsonb not null,
  policy_id uuid references rights_policies(id),
  policy_version int not null,
  policy jsonb not null,
  publicity_starts_on date,
  publicity_ends_on date,
  agreement_no text,
  agreement_signed_on date,
  recorded_on date,
  registration_ref text,
  unit_pct_before numeric(5,2),
  unit_pct_after numeric(5,2),
  rectification_case_id uuid,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version int not null default 1
);
create index rights_grants_org_idx on rights_grants(organisation_id, updated_at desc);
create index rights_grants_achievement_idx on rights_grants(achievement_id);

create table rights_grant_objections (
  id uuid primary key,
  grant_id uuid not null references rights_grants(id),
  raised_by uuid references users(id),
  raised_by_name text not null,
  content text not null,
  raised_at timestamptz not null,
  resolution text,
  resolution_note text,
  resolved_by uuid references users(id),
  resolved_at timestamptz
);
create index rights_grant_objections_idx on rights_grant_objections(grant_id);

-- The co-ownership in force per achievement after a recorded grant (the ledger event is the record).
create table rights_ownership (
  achievement_id uuid primary key,
  grant_id uuid not null references rights_grants(id),
  kind text not null,
  unit_share numeric(7,6) not null,
  team_share numeric(7,6) not null,
  use_right_from date,
  use_right_until date,
  recorded_on date not null
);

-- 约定收益: the institution's agreed share s_u of the equity E formed by investing the achievement.
create table agreed_proceeds (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  achievement_id uuid not null,
  grant_id uuid references rights_grants(id),
  rectification_case_id uuid,
  company_org_id uuid not null references organisations(id),
  company_name text not null,
  company_credit_code char(18) not null,
  equity_shares bigint not null check (equity_shares > 0),
  held_shares bigint not null check (held_shares >= 0),
  institution_share numeric(7,6) not null check (institution_share > 0 and institution_share <= 1),
  agreed_on date not null,
  policy_version int not null,
  status text not null default 'active',
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index agreed_proceeds_org_idx on agreed_proceeds(organisation_id, company_credit_code);

create table agreed_proceeds_events (
  id uuid primary key,
  agreement_id uuid not null references agreed_proceeds(id),
  kind text not null,
  occurred_on date not null,
  evidence text not null,
  inputs jsonb not null,
  due numeric(18,2) not null check (due >= 0),
  held_before bigint not null,
  held_after bigint not null,
  explanation jsonb not null,
  obligation_key text,
  recorded_by uuid references users(id),
  recorded_at timestamptz not null
);
create index agreed_proceeds_events_idx on agreed_proceeds_events(agreement_id, occurred_on);

-- The contract (owned by the contracts module) through which the dues of an agreement are collected.
create table agreed_proceeds_contracts (
  agreement_id uuid primary key references agreed_proceeds(id),
  contract_id uuid not null unique
);

create table rectification_counters (
  year int primary key,
  last_seq int not null
);

-- 历史衍生企业合规整改.
create table rectification_cases (
  id uuid primary key,
  number text not null unique,
  organisation_id uuid not null references organisations(id),
  company_name text not null,
  company_credit_code char(18) not null,
  founded_on date,
  original_holdings jsonb not null,
  findings text not null,
  status text not null,
  decision_no text,
  decided_on date,
  decision_summary text,
  decision_doc bytea,
  decision_doc_name text,
  decision_generated boolean not null default false,
  grant_id uuid references rights_grants(id),
  agreement_id uuid references agreed_proceeds(id),
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index rectification_cases_org_idx on rectification_cases(organisation_id, updated_at desc);
