-- Measure 10: listing with publicity (挂牌) and English auctions (竞价), owned by the auctions
-- module, keyed by achievement id. Each auction is the ledger stream `auction:<id>`; every bid is
-- an event there. Bids are serialised by a row lock on the auction (select … for update).

create table auctions (
  id uuid primary key,
  achievement_id uuid not null references achievements(id),
  holder_org_id uuid not null references organisations(id),
  kind text not null check (kind in ('transfer', 'license', 'ufpl_license', 'equity')),
  title text not null,
  currency text not null default 'CNY',
  starting_price numeric(18,2) not null check (starting_price > 0),
  reserve_price numeric(18,2) check (reserve_price > 0),
  increment numeric(18,2) not null check (increment > 0),
  deposit_amount numeric(18,2) not null check (deposit_amount >= 0),
  -- 挂牌公示: the listing is published for N working or calendar days before bidding opens.
  listed_on date not null,
  publicity_days int not null check (publicity_days between 1 and 60),
  publicity_day_kind text not null check (publicity_day_kind in ('working', 'calendar')),
  publicity_last_day date not null,
  starts_at timestamptz not null,
  -- The current close (moved by anti-sniping extensions) and the close first announced.
  ends_at timestamptz not null,
  original_ends_at timestamptz not null,
  extension_minutes int not null check (extension_minutes between 0 and 60),
  status text not null default 'scheduled' check (status in ('scheduled', 'closed_won', 'closed_unsold', 'cancelled')),
  highest_amount numeric(18,2),
  highest_bid_id uuid,
  bid_count int not null default 0,
  winner_org_id uuid references organisations(id),
  contract_id uuid,
  closed_at timestamptz,
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (ends_at > starts_at)
);
create index auctions_achievement_idx on auctions(achievement_id, created_at desc);
create index auctions_open_idx on auctions(ends_at) where status = 'scheduled';
-- One live auction per achievement.
create unique index auctions_one_live_idx on auctions(achievement_id) where status = 'scheduled';

-- Deposits (保证金) as recorded paid by the holder's office or the market operator.
create table auction_deposits (
  auction_id uuid not null references auctions(id),
  org_id uuid not null references organisations(id),
  amount numeric(18,2) not null check (amount >= 0),
  reference text not null default '',
  recorded_by uuid references users(id),
  recorded_at timestamptz not null,
  primary key (auction_id, org_id)
);

create table auction_bids (
  id uuid primary key,
  auction_id uuid not null references auctions(id),
  seq int not null,
  bidder_org_id uuid not null references organisations(id),
  bidder_user_id uuid references users(id),
  amount numeric(18,2) not null check (amount > 0),
  placed_at timestamptz not null,
  ends_at_after timestamptz not null,
  extended boolean not null default false,
  unique (auction_id, seq),
  unique (auction_id, amount)
);
