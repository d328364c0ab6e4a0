-- Achievement evaluation (成果评价/评估, measure 10, DOMAIN §13), owned by the evaluation module.
-- One row per version: a draft may be edited; a finalised version is immutable (the trigger
-- below refuses any change but being superseded); a new version of the same series supersedes it
-- when it is finalised. Every status change is a hash-chained ledger event in `evaluation:<series>`.

create table evaluation_number_counters (
  year int primary key,
  last_seq int not null
);

create table evaluations (
  id uuid primary key,
  -- All versions of one evaluation share the series id and number (PG-<year>-<seq>).
  series_id uuid not null,
  number text not null,
  version_no int not null check (version_no >= 1),
  supersedes_id uuid references evaluations(id),
  achievement_id uuid not null references achievements(id),
  -- The holder of the achievement, and the organisation that asked for the evaluation.
  holder_org_id uuid not null references organisations(id),
  requester_org_id uuid not null references organisations(id),
  created_by uuid references users(id),
  status text not null default 'draft' check (status in ('draft', 'finalised', 'superseded')),
  purpose text not null default '',
  evaluator_name text not null default '',
  valuation_date date not null,
  trl int check (trl between 1 and 9),
  trl_evidence text not null default '',
  -- 五元价值 scores [{ indicator, score, weight, comment }] (GB/T 44731-2024).
  indicators jsonb not null default '[]',
  -- Inputs of each valuation, and the results computed from them when saved (kept as computed).
  valuations jsonb not null default '[]',
  results jsonb not null default '[]',
  conclusion jsonb,
  finalised_at timestamptz,
  finalised_by uuid references users(id),
  content_hash text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  row_version int not null default 1,
  unique (series_id, version_no)
);
create index evaluations_achievement_idx on evaluations(achievement_id, created_at desc);
create index evaluations_requester_idx on evaluations(requester_org_id, updated_at desc);
create index evaluations_holder_idx on evaluations(holder_org_id, updated_at desc);
-- At most one open draft per series.
create unique index evaluations_one_draft_idx on evaluations(series_id) where status = 'draft';

-- A finalised evaluation is a record: only its status may move on to superseded.
create function evaluations_finalised_immutable() returns trigger language plpgsql as $$
begin
  if old.status = 'superseded' then
    raise exception 'evaluation % is superseded and cannot change', old.id using errcode = '55000';
  end if;
  if old.status = 'finalised' and (
       new.status <> 'superseded'
       or new.trl is distinct from old.trl or new.trl_evidence <> old.trl_evidence
       or new.indicators::text <> old.indicators::text or new.valuations::text <> old.valuations::text
       or new.results::text <> old.results::text or new.conclusion::text is distinct from old.conclusion::text
       or new.valuation_date <> old.valuation_date or new.evaluator_name <> old.evaluator_name
       or new.purpose <> old.purpose or new.content_hash is distinct from old.content_hash) then
    raise exception 'evaluation % is finalised and cannot change', old.id using errcode = '55000';
  end if;
  return new;
end $$;
create trigger evaluations_finalised_immutable before update on evaluations
  for each row execute function evaluations_finalised_immutable();
create function evaluations_no_delete() returns trigger language plpgsql as $$
begin
  raise exception 'evaluation % is % and cannot be deleted', old.id, old.status using errcode = '55000';
end $$;
create trigger evaluations_no_delete before delete on evaluations
  for each row when (old.status <> 'draft') execute function evaluations_no_delete();
