-- Measure 1: the separate ledger of duty achievements (职务科技成果单列台账), owned by the
-- achievements module. Every status change is also a hash-chained ledger event in the stream
-- `achievement:<id>`; these tables are the current state, the ledger is the history.

-- Human-readable numbers QD-<year>-<seq>, one sequence per year across the platform.
create table achievement_number_counters (
  year int primary key,
  last_seq int not null
);

create table achievements (
  id uuid primary key,
  number text not null unique,
  organisation_id uuid not null references organisations(id),
  created_by uuid references users(id),
  title text not null,
  title_en text,
  summary text not null default '',
  summary_en text,
  problem text not null default '',
  benefit text not null default '',
  keywords text[] not null default '{}',
  field_code text not null,
  subfield_code text,
  ip_type text not null,
  ip_numbers text[] not null default '{}',
  ip_status text not null default '',
  authorised boolean not null,
  source_project text not null default '',
  source_project_no text not null default '',
  funding_type text not null default 'fiscal',
  attribute text not null default 'applied',
  trl int check (trl between 1 and 9),
  trl_notes text not null default '',
  ownership_unit_pct numeric(5,2) not null default 100,
  ownership_team_pct numeric(5,2) not null default 0 check (ownership_unit_pct + ownership_team_pct = 100),
  status text not null default 'draft',
  transformation_status text not null default 'not_transformed',
  transformation_mode text,
  pricing_method text,
  asking_price numeric(18,2) check (asking_price >= 0),
  agreed_price numeric(18,2) check (agreed_price >= 0),
  cooperation_modes text[] not null default '{}',
  contract_amount numeric(18,2) not null default 0,
  received_amount numeric(18,2) not null default 0,
  maintenance_costs numeric(18,2) not null default 0,
  tech_contract_reg_no text not null default '',
  visibility text not null default 'internal',
  published_at timestamptz,
  disclosed_at timestamptz,
  transformed_at timestamptz,
  -- Segmented text (jieba) for full-text search: title, summary, keywords, completers.
  search_text text not null default '',
  search_vector tsvector generated always as (to_tsvector('simple', search_text)) stored,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version int not null default 1
);
create index achievements_org_idx on achievements(organisation_id, updated_at desc, id);
create index achievements_org_status_idx on achievements(organisation_id, status);
create index achievements_public_idx on achievements(published_at desc) where visibility = 'public';
create index achievements_search_idx on achievements using gin(search_vector);
create index achievements_title_trgm_idx on achievements using gin(title gin_trgm_ops);

-- 完成人: contribution shares sum to 100 per achievement (checked by the service, which owns the rule).
create table achievement_completers (
  achievement_id uuid not null references achievements(id) on delete cascade,
  position int not null,
  name text not null,
  user_id uuid references users(id),
  share numeric(5,2) not null check (share > 0 and share <= 100),
  is_head boolean not null default false,
  primary key (achievement_id, position)
);
create index achievement_completers_user_idx on achievement_completers(user_id);

create table achievement_attachments (
  id uuid primary key,
  achievement_id uuid not null references achievements(id) on delete cascade,
  filename text not null,
  content_type text not null,
  size_bytes int not null,
  sha256 text not null,
  data bytea not null,
  uploaded_by uuid references users(id),
  uploaded_at timestamptz not null
);
create index achievement_attachments_idx on achievement_attachments(achievement_id);

-- Protection: patent and other filings, with the annuity due date that must not lapse.
create table achievement_filings (
  id uuid primary key,
  achievement_id uuid not null references achievements(id) on delete cascade,
  ip_type text not null,
  application_no text not null,
  filed_on date,
  granted_on date,
  status text not null default 'filed',
  next_annuity_due date,
  annuity_reminded_for date,
  created_at timestamptz not null
);
create index achievement_filings_annuity_idx on achievement_filings(next_annuity_due) where status <> 'lapsed';

-- Internal publicity of an agreed price (协议定价公示, at least 15 days) and objections to it.
create table achievement_publicity (
  id uuid primary key,
  achievement_id uuid not null references achievements(id) on delete cascade,
  price numeric(18,2) not null,
  starts_on date not null,
  ends_on date not null,
  status text not null default 'running', -- running | passed | cancelled
  objection_contact text not null default '',
  created_at timestamptz not null
);
create index achievement_publicity_idx on achievement_publicity(achievement_id);

create table achievement_objections (
  id uuid primary key,
  publicity_id uuid not null references achievement_publicity(id) on delete cascade,
  raised_by uuid references users(id),
  raised_by_name text not null,
  content text not null,
  raised_at timestamptz not null,
  resolution text, -- upheld | dismissed
  resolution_note text,
  resolved_at timestamptz
);
create index achievement_objections_idx on achievement_objections(publicity_id);

-- Equity sub-ledger: holdings formed by 作价入股, excluded from value-preservation assessment.
create table equity_holdings (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  achievement_id uuid references achievements(id),
  company_name text not null,
  company_credit_code text not null,
  shares_pct numeric(9,6) not null check (shares_pct > 0 and shares_pct <= 100),
  book_value numeric(18,2) not null check (book_value >= 0),
  acquired_on date not null,
  excluded_from_preservation boolean not null default true,
  status text not null default 'held', -- held | partly_disposed | disposed
  created_at timestamptz not null
);
create index equity_holdings_org_idx on equity_holdings(organisation_id);

create table equity_disposals (
  id uuid primary key,
  holding_id uuid not null references equity_holdings(id),
  kind text not null, -- allocation 划转 | sale 转让 | exit 退出 | write_off 损失核销
  shares_pct numeric(9,6) not null check (shares_pct > 0),
  book_value numeric(18,2) not null check (book_value >= 0),
  proceeds numeric(18,2) not null default 0 check (proceeds >= 0),
  decision_doc_no text not null,
  decision_date date not null,
  disposed_on date not null,
  note text not null default '',
  created_at timestamptz not null
);
create index equity_disposals_holding_idx on equity_disposals(holding_id);

-- Saved filters of the ledger list, per person.
create table achievement_saved_filters (
  id uuid primary key,
  user_id uuid not null references users(id) on delete cascade,
  organisation_id uuid not null references organisations(id),
  name text not null,
  query jsonb not null,
  created_at timestamptz not null,
  unique (user_id, organisation_id, name)
);

-- Imports run as jobs; the report and progress live here.
create table achievement_imports (
  id uuid primary key,
  organisation_id uuid not null references organisations(id),
  created_by uuid references users(id),
  format text not null, -- xlsx | jsonl
  filename text not null,
  mode text not null, -- all_or_nothing | valid_only
  publish boolean not null default false,
  status text not null default 'pending', -- pending | validating | importing | completed | failed | rejected
  total_rows int not null default 0,
  processed_rows int not null default 0,
  imported_rows int not null default 0,
  report jsonb not null default '[]',
  file bytea,
  created_at timestamptz not null,
  finished_at timestamptz
);
create index achievement_imports_org_idx on achievement_imports(organisation_id, created_at desc);
