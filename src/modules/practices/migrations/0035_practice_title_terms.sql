-- The terms of each practice's titles beside those of all its texts: a search ranks by the titles alone (a practice
-- whose title holds the words first), then the newest. FTS5 adds no column to a table, so the table is made
-- again; its terms are made again at start-up (kernel::RefreshFullTextIndexes), as the index's version in
-- practices_module.cpp asks.
DROP TABLE practice_terms;
CREATE VIRTUAL TABLE practice_terms USING fts5 (title_terms, terms, tokenize = 'ascii');
