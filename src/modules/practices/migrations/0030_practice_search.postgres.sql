-- The terms of each practice's texts in every language (core::IndexTerms), one row per practice, as a tsvector of the
-- `simple` configuration, which only lower-cases what it is given: the terms are ASCII words already.
CREATE TABLE practice_terms (
  practice_id BIGINT PRIMARY KEY REFERENCES practices (id),
  terms       TSVECTOR NOT NULL
);
CREATE INDEX practice_terms_search ON practice_terms USING GIN (terms);
