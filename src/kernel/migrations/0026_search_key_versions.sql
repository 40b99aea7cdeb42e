-- How the search keys of each table were made (core::kSearchKeyVersion). When the way keys are made changes, the
-- keys already stored are made again at start-up (kernel::RefreshSearchKeys).
CREATE TABLE search_key_versions (
  table_name TEXT PRIMARY KEY,
  version    INTEGER NOT NULL
);
