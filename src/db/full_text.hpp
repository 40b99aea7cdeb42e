#pragma once
// A full-text query in each database's own words, from what core::ParseFullTextQuery made of what a person typed. The
// texts are indexed by core::IndexTerms, the same terms on both databases, so both find the same rows:
//
//   SQLite (FTS5, a contentless table of terms; SQLite 3.40 cannot DELETE from it: remove a row with
//   INSERT INTO practice_terms(practice_terms, rowid, terms) VALUES ('delete', $1, $2) and the terms it was given):
//     CREATE VIRTUAL TABLE practice_terms USING fts5(terms, content='')
//     INSERT INTO practice_terms (rowid, terms) VALUES ($1, $2)
//     SELECT rowid FROM practice_terms WHERE practice_terms MATCH $1
//   PostgreSQL (a tsvector of the `simple` configuration, which takes the terms as they are):
//     CREATE TABLE practice_terms (id BIGINT PRIMARY KEY, terms TSVECTOR NOT NULL)
//     CREATE INDEX practice_terms_search ON practice_terms USING GIN (terms)
//     INSERT INTO practice_terms (id, terms) VALUES ($1, to_tsvector('simple', $2))
//     SELECT id FROM practice_terms WHERE terms @@ to_tsquery('simple', $1)
//
// with $1 = db::FullTextMatch(connection.backend(), core::ParseFullTextQuery(typed)). An empty query (nothing
// searchable typed) gives a text that matches nothing without an error on either; better not to ask at all.

#include <string>

#include "core/full_text.hpp"
#include "db/database.hpp"

namespace db {

// FTS5's MATCH text: ("school" OR "schol") AND ("lom"); `""` (matches nothing) for an empty query.
std::string Fts5Match(const core::FullTextQuery& query);

// PostgreSQL's text for to_tsquery('simple', $1): ('school' | 'schol') & ('lom'); "" (matches nothing) for an empty
// query.
std::string PostgresTsQuery(const core::FullTextQuery& query);

// The text for the database `backend` names (Connection::backend(), Database::backend()).
std::string FullTextMatch(Backend backend, const core::FullTextQuery& query);

}  // namespace db
