-- The ledger list at 100,000 achievements in one institution (bench/ledger/list.ts, EXPLAIN ANALYZE):
-- * Full-text search ORs the tsvector match with `number ilike` and `title ilike`. Without an index
--   on number the OR cannot be a BitmapOr of indexes, so every search read the whole table.
-- * The list orders by `updated_at desc nulls last, id desc` (and `title asc, id asc`), which
--   achievements_org_idx (updated_at desc = nulls first, id asc) does not serve: every page sorted
--   every row of the institution, and deep pages (offset 9980) spilled the sort to disk.
create index achievements_number_trgm_idx on achievements using gin(number gin_trgm_ops);
create index achievements_org_updated_nl_idx on achievements(organisation_id, updated_at desc nulls last, id desc);
create index achievements_org_title_idx on achievements(organisation_id, title, id);
