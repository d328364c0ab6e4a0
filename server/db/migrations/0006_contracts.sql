-- Measure 4 and all deals: contracts, payment plans, facts that drive the schedule (events,
-- revenue reports), obligations, receipts and their allocation, guarantees and claims. Owned by
-- the contracts module; each contract is the ledger stream `contract:<id>`.

create table contract_number_counters (
  year int primary key,
  last_seq int not null
);

create table contracts (
  id uuid primary key,
  number text not null unique,
  kind text not null,
  license_type text,
  field_of_use text not null default '',
  territory text not null default '',
  title text not null,
  licensor_org_id uuid not null references organisations(id),
  licensee_org_id uuid not null references organisations(id),
  status text not null default 'draft',
  currency text not null default 'CNY',
  -- The payment plan as agreed (JSON of server/modules/contracts/payment-plan.ts PaymentPlan).
  plan jsonb,
  plan_version int not null default 0,
  total_amount numeric(18,2) not null default 0,
  technology_amount numeric(18,2),
  licensor_signed_at timestamptz,
  licensee_signed_at timestamptz,
  signed_on date,
  registration_no text,
  registered_on date,
  terminated_on date,
  termination_reason text,
  signed_scan bytea,
  signed_scan_name text,
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version int not null default 1
);
create index contracts_licensor_idx on contracts(licensor_org_id, updated_at desc);
create index contracts_licensee_idx on contracts(licensee_org_id, updated_at desc);

create table contract_achievements (
  contract_id uuid not null references contracts(id) on delete cascade,
  achievement_id uuid not null,
  primary key (contract_id, achievement_id)
);
create index contract_achievements_achievement_idx on contract_achievements(achievement_id);

-- Facts recorded by the parties: trigger events and revenue reports.
create table contract_events (
  id uuid primary key,
  contract_id uuid not null references contracts(id),
  event text not null,
  occurred_on date not null,
  evidence text not null default '',
  recorded_by uuid references users(id),
  recorded_at timestamptz not null
);
create index contract_events_idx on contract_events(contract_id);

create table revenue_reports (
  id uuid primary key,
  contract_id uuid not null references contracts(id),
  period_start date not null,
  period_end date not null,
  amount numeric(18,2) not null check (amount >= 0),
  note text not null default '',
  reported_by uuid references users(id),
  reported_at timestamptz not null,
  unique (contract_id, period_start, period_end)
);

-- The schedule, recomputed from plan + facts; keys are stable so payments stay attached.
create table obligations (
  contract_id uuid not null references contracts(id),
  key text not null,
  kind text not null,
  label text not null,
  amount numeric(18,2) not null,
  due_on date,
  state text not null,
  explanation jsonb not null,
  -- 'licensee' until a guarantor or insurer pays first and takes the claim over.
  debtor text not null default 'licensee',
  reminded_on date,
  primary key (contract_id, key)
);
create index obligations_due_idx on obligations(due_on) where state = 'scheduled';

create table receipts (
  id uuid primary key,
  contract_id uuid not null references contracts(id),
  payer text not null, -- licensee | guarantor
  form text not null,
  value numeric(18,2) not null check (value > 0),
  currency text not null,
  received_on date not null,
  valuation_note text not null default '',
  evidence text not null default '',
  recorded_by uuid references users(id),
  recorded_at timestamptz not null
);
create index receipts_contract_idx on receipts(contract_id, received_on);

create table refunds (
  id uuid primary key,
  contract_id uuid not null references contracts(id),
  amount numeric(18,2) not null check (amount > 0),
  refunded_on date not null,
  note text not null default '',
  recorded_by uuid references users(id),
  recorded_at timestamptz not null
);

create table guarantees (
  id uuid primary key,
  contract_id uuid not null references contracts(id),
  kind text not null, -- insurance | guarantee
  provider_name text not null,
  provider_credit_code text not null,
  policy_no text not null default '',
  cover_limit numeric(18,2) not null check (cover_limit > 0),
  claimed_total numeric(18,2) not null default 0,
  created_at timestamptz not null
);

create table guarantee_claims (
  id uuid primary key,
  guarantee_id uuid not null references guarantees(id),
  contract_id uuid not null references contracts(id),
  obligation_keys text[] not null,
  amount numeric(18,2) not null check (amount > 0),
  paid_on date not null,
  created_at timestamptz not null
);

-- Defaults marked on a firm's record (信用推送 starts here).
create table organisation_defaults (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  contract_id uuid not null references contracts(id),
  amount numeric(18,2) not null,
  noted_on date not null,
  note text not null default ''
);
create index organisation_defaults_org_idx on organisation_defaults(organisation_id);
