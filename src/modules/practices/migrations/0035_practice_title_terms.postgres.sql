-- The terms of each practice's titles beside those of all its texts: a search ranks by the titles alone, a small
-- tsvector read for every match, instead of by all the texts, a 4 KB tsvector fetched from TOAST and decompressed for
-- every match (55 ms for 7,000 matches of 10,000 practices). Filled at start-up (kernel::RefreshFullTextIndexes), as
-- the index's version in practices_module.cpp asks.
ALTER TABLE practice_terms ADD COLUMN title_terms TSVECTOR NOT NULL DEFAULT ''::tsvector;
