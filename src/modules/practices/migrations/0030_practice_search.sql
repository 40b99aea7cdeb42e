-- The terms of each practice's texts in every language (core::IndexTerms), one row per practice (rowid = its id), in
-- an FTS5 table. The terms are ASCII words, so FTS5's ascii tokenizer takes them as they are.
CREATE VIRTUAL TABLE practice_terms USING fts5 (terms, tokenize = 'ascii');
