-- Market at scale: the default listing order (newest first, id as tie-break) read from an index
-- that holds exactly the live-listing predicate, and demands' newest-first order with its tie-break.
create index achievements_live_order_idx on achievements(published_at desc, id desc)
  where visibility = 'public' and status <> 'withdrawn';
create index market_demands_open_order_idx on market_demands(created_at desc, id)
  where status = 'open';
