-- Measure 10: inquiries and the deal room, owned by the deals module. Keyed by achievement id
-- (a public achievement of the ledger) so that it stands apart from the market's own tables.
-- Each room is the ledger stream `deal:<id>`: inquiry, NDA acceptance, offers and their answers.

-- The confidential pack of an achievement: files the holder's office uploads for parties who
-- accepted the NDA (stored like achievement attachments).
create table deal_pack_files (
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
create index deal_pack_files_idx on deal_pack_files(achievement_id, uploaded_at);

-- One room per achievement and firm: the inquiry, the NDA, the messages, the offers.
create table deal_rooms (
  id uuid primary key,
  achievement_id uuid not null references achievements(id),
  holder_org_id uuid not null references organisations(id),
  firm_org_id uuid not null references organisations(id),
  opened_by uuid references users(id),
  pack_requested boolean not null default false,
  status text not null default 'open' check (status in ('open', 'deal', 'closed')),
  nda_version text,
  nda_text_sha256 text,
  nda_accepted_by uuid references users(id),
  nda_accepted_at timestamptz,
  nda_ip text,
  contract_id uuid,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (achievement_id, firm_org_id)
);
create index deal_rooms_holder_idx on deal_rooms(holder_org_id, updated_at desc);
create index deal_rooms_firm_idx on deal_rooms(firm_org_id, updated_at desc);

-- Messages both ways: plain text, stored as typed (never rendered as HTML).
create table deal_messages (
  id uuid primary key,
  -- Order of writing (several messages can share one instant).
  seq bigint generated always as identity,
  room_id uuid not null references deal_rooms(id),
  side text not null check (side in ('firm', 'holder')),
  author_user_id uuid references users(id),
  body text not null,
  created_at timestamptz not null
);
create index deal_messages_idx on deal_messages(room_id, seq);

-- Who opened which file of the pack, and when: visible to the holder.
create table deal_pack_access (
  id uuid primary key,
  seq bigint generated always as identity,
  room_id uuid not null references deal_rooms(id),
  file_id uuid not null references deal_pack_files(id),
  user_id uuid references users(id),
  accessed_at timestamptz not null,
  ip text
);
create index deal_pack_access_idx on deal_pack_access(room_id, seq);

-- Offers and counter-offers: an amount in CNY or 面议 terms, a kind, a validity.
create table deal_offers (
  id uuid primary key,
  room_id uuid not null references deal_rooms(id),
  seq int not null,
  side text not null check (side in ('firm', 'holder')),
  kind text not null check (kind in ('transfer', 'license', 'ufpl_license', 'equity')),
  amount numeric(18,2) check (amount > 0),
  currency text not null default 'CNY',
  terms text not null default '',
  valid_until date not null,
  status text not null default 'open' check (status in ('open', 'countered', 'accepted', 'declined', 'withdrawn')),
  responds_to uuid references deal_offers(id),
  contract_id uuid,
  created_by uuid references users(id),
  created_at timestamptz not null,
  decided_by uuid references users(id),
  decided_at timestamptz,
  unique (room_id, seq)
);
-- At most one open offer per room: the other side answers it before a new one is made.
create unique index deal_offers_one_open_idx on deal_offers(room_id) where status = 'open';
