-- Measure 3: contract-research projects (横向科研项目), their receipts and direct costs, acceptance
-- with final accounts (the surplus is recognised then, as transfer income) and the allocation of
-- the surplus to the completers. Owned by the projects module; each project is the ledger stream
-- `project:<id>`.

create table research_projects (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  title text not null,
  client_name text not null,
  client_credit_code text not null,
  contract_no text not null,
  -- Optional link to a contract of the contracts module (checked through its service).
  contract_id uuid,
  fee_kind text not null check (fee_kind in ('rate', 'amount')),
  fee_rate numeric(9,6),
  fee_amount numeric(18,2),
  allocation_ratio numeric(7,6) not null check (allocation_ratio >= 0.5 and allocation_ratio <= 1),
  status text not null default 'active' check (status in ('active', 'accepted', 'allocated')),
  accepted_on date,
  acceptance_document text,
  final_accounts_document text,
  -- Figures fixed at acceptance (with their explanations).
  receipts_total numeric(18,2),
  direct_costs_total numeric(18,2),
  management_fee numeric(18,2),
  surplus numeric(18,2) check (surplus >= 0),
  figures jsonb,
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version int not null default 1
);
create index research_projects_org_idx on research_projects(organisation_id, updated_at desc);

-- Completers: contribution shares sum to 100 per project (checked by the service, which owns the rule).
create table research_project_completers (
  id uuid primary key,
  project_id uuid not null references research_projects(id),
  position int not null,
  name text not null,
  user_id uuid references users(id),
  share numeric(5,2) not null check (share > 0 and share <= 100),
  is_head boolean not null default false,
  unique (project_id, position)
);
create index research_project_completers_user_idx on research_project_completers(user_id);

create table research_project_entries (
  id uuid primary key,
  project_id uuid not null references research_projects(id),
  kind text not null check (kind in ('receipt', 'cost')),
  category text not null,
  label text not null,
  amount numeric(18,2) not null check (amount > 0),
  on_date date not null,
  evidence text not null,
  recorded_by uuid references users(id),
  recorded_at timestamptz not null
);
create index research_project_entries_idx on research_project_entries(project_id, kind, on_date);

create table research_project_allocations (
  project_id uuid primary key references research_projects(id),
  form text not null check (form in ('cash', 'cash_and_technology')),
  pool numeric(18,2) not null check (pool >= 0),
  company_name text,
  company_credit_code text,
  tech_stake_formed_pct numeric(9,6),
  tech_stake_team_pct numeric(9,6),
  tech_stake_held_back_pct numeric(9,6),
  allocated_on date not null,
  explanation jsonb not null,
  allocated_by uuid references users(id),
  allocated_at timestamptz not null
);

-- One line per completer: the cash part (money) and the technology part (percent of the company) apart.
create table research_project_allocation_lines (
  project_id uuid not null references research_project_allocations(project_id),
  completer_id uuid not null references research_project_completers(id),
  takes text not null check (takes in ('cash', 'shares')),
  cash_part numeric(18,2) not null check (cash_part >= 0),
  tech_part numeric(9,6) not null check (tech_part >= 0),
  explanation jsonb not null,
  primary key (project_id, completer_id)
);
