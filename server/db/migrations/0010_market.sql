-- Measure 10: the Marine Technology Market (海洋科技大市场), owned by the market module.
-- Listings are public achievements of the ledger (the achievements module owns them); this
-- module adds what a buyer-facing listing needs besides (indicators, expiry, view counts),
-- firms' technical demands (技术需求), the operator-maintained synonym map, and feedback on
-- matches.

-- What a listing adds to its achievement, one row per achievement, written by its office.
create table market_listings (
  achievement_id uuid primary key references achievements(id) on delete cascade,
  -- Key indicators for buyers: [{ "name": "测量精度", "value": "±0.1", "unit": "mg/L" }].
  indicators jsonb not null default '[]',
  -- The listing ends on this day unless renewed; null: one year after publication.
  expires_on date,
  -- The expiry day a reminder was last sent for, per threshold ("2027-01-01:30").
  reminded_for text,
  updated_by uuid references users(id),
  updated_at timestamptz not null
);

-- Views of a listing page, per day (one row per listing and day, a counter).
create table market_listing_views (
  achievement_id uuid not null references achievements(id) on delete cascade,
  day date not null,
  views int not null default 0,
  primary key (achievement_id, day)
);

-- 技术需求: a firm's problem in its own words.
create table market_demands (
  id uuid primary key,
  number text not null unique,
  organisation_id uuid not null references organisations(id),
  created_by uuid references users(id),
  title text not null,
  description text not null,
  context text not null default '',
  targets text not null default '',
  budget numeric(18,2) check (budget >= 0),
  regions text[] not null default '{}',
  deadline date,
  field_code text,
  cooperation_modes text[] not null default '{}',
  visibility text not null default 'public' check (visibility in ('public', 'platform')),
  status text not null default 'open' check (status in ('open', 'closed')),
  closed_reason text,
  -- Segmented words (jieba + domain dictionary) per field, for weighted ranking and matching.
  title_terms text not null default '',
  body_terms text not null default '',
  search_vector tsvector not null default ''::tsvector,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz,
  version int not null default 1
);
create index market_demands_search_idx on market_demands using gin(search_vector);
create index market_demands_open_idx on market_demands(created_at desc) where status = 'open';
create index market_demands_org_idx on market_demands(organisation_id, created_at desc);
create index market_demands_title_trgm_idx on market_demands using gin(title gin_trgm_ops);

create table market_demand_counters (
  year int primary key,
  last_seq int not null
);

-- Operators' edits of the synonym map (firms' words → technical terms). The seed map ships with
-- the code (server/modules/market/synonyms.json); a row here replaces or disables the seed entry
-- of the same term. Every change bumps the map version and is a ledger event in 'market:synonyms'.
create table market_synonyms (
  term text primary key,
  expansions text[] not null,
  weight numeric(3,2) not null default 0.80 check (weight > 0 and weight <= 1),
  disabled boolean not null default false,
  note text not null default '',
  version int not null,
  updated_by uuid references users(id),
  updated_at timestamptz not null
);

-- Feedback on one match, from the demand's side or the listing's side.
create table market_match_feedback (
  id uuid primary key,
  demand_id uuid not null references market_demands(id) on delete cascade,
  achievement_id uuid not null references achievements(id) on delete cascade,
  user_id uuid not null references users(id),
  verdict text not null check (verdict in ('relevant', 'too_early', 'benefit_unclear', 'too_expensive', 'other')),
  note text not null default '',
  score numeric(6,4),
  synonym_version int,
  created_at timestamptz not null
);
create index market_match_feedback_demand_idx on market_match_feedback(demand_id, achievement_id);

-- Small module state: the ledger position up to which publications were matched against demands.
create table market_state (
  key text primary key,
  value text not null
);
