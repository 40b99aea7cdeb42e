-- People are found by their name whatever script or accents were typed (core::SearchKey). The keys of existing
-- accounts are made at start-up (kernel::RefreshSearchKeys).
ALTER TABLE users ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE INDEX users_by_search_key ON users (search_key);
