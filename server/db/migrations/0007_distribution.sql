-- Income distribution (measures 2 and 3, the law's reward floors): each institution's policy in
-- versions, one distribution per receipt taken from the contracts module's `contract.receipt`
-- events, each person's reward, the publicity notice and its objections, equity rewards for
-- 作价入股. Owned by the distribution module; each distribution is the ledger stream
-- `distribution:<id>`.

create table distribution_policies (
  organisation_id uuid not null references organisations(id),
  version int not null,
  effective_from date not null,
  team_share_of_net_income numeric(7,6) not null,
  team_share_of_equity numeric(7,6) not null,
  team_share_of_operating_profit numeric(7,6) not null,
  operating_profit_years int not null,
  main_contributors_share numeric(7,6) not null,
  office_share_of_retained numeric(7,6) not null,
  college_share_of_remainder numeric(7,6) not null,
  publicity_working_days int not null,
  note text not null default '',
  created_by uuid references users(id),
  created_at timestamptz not null,
  primary key (organisation_id, version),
  unique (organisation_id, effective_from)
);

create table distributions (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  -- receipt: a receipt of a transfer or licence contract; excluded: a receipt handled elsewhere.
  source text not null,
  receipt_id uuid unique,
  contract_id uuid,
  contract_number text,
  contract_kind text,
  registration_no text,
  achievement_ids uuid[] not null default '{}',
  title text not null,
  received_on date not null,
  gross numeric(18,2) not null,
  deductions jsonb not null default '[]',
  completers jsonb not null default '[]',
  policy_version int not null,
  -- The explained split (rules.ts ReceiptSplit), or null while completers are missing.
  result jsonb,
  excluded_reason jsonb,
  status text not null default 'computed', -- computed | approved | publicity | confirmed | excluded
  publicity_from date,
  publicity_until date,
  approved_by uuid references users(id),
  approved_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version int not null default 1
);
create index distributions_org_idx on distributions(organisation_id, received_on desc);

-- Each person's cash reward of a distribution; payment is recorded per person.
create table distribution_rewards (
  distribution_id uuid not null references distributions(id),
  position int not null,
  user_id uuid references users(id),
  name text not null,
  amount numeric(18,2) not null check (amount >= 0),
  paid_on date,
  taxable numeric(18,2),
  primary key (distribution_id, position)
);
create index distribution_rewards_user_idx on distribution_rewards(user_id);

create table distribution_objections (
  id uuid primary key,
  distribution_id uuid not null references distributions(id),
  raised_by uuid references users(id),
  raised_by_name text not null,
  text text not null,
  raised_at timestamptz not null,
  resolution text, -- upheld | dismissed
  resolution_note text,
  resolved_by uuid references users(id),
  resolved_at timestamptz
);
create index distribution_objections_idx on distribution_objections(distribution_id);

-- Equity rewards for 作价入股: one per equity holding, each person's stake.
create table equity_rewards (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  holding_id uuid not null unique references equity_holdings(id),
  policy_version int not null,
  team_pct numeric(9,6) not null,
  held_back_pct numeric(9,6) not null,
  -- Book value of the shares allocated to the people (the 划转's book value).
  book_value numeric(18,2) not null default 0,
  result jsonb not null,
  created_by uuid references users(id),
  created_at timestamptz not null
);

create table equity_reward_allocations (
  equity_reward_id uuid not null references equity_rewards(id),
  position int not null,
  user_id uuid references users(id),
  name text not null,
  shares_pct numeric(9,6) not null check (shares_pct >= 0),
  primary key (equity_reward_id, position)
);
