#include "db/full_text.hpp"

#include <string_view>

namespace db {
namespace {

// `term` between `quote`s, a quote inside doubled, and for PostgreSQL a backslash too (tsquery reads \ as an escape).
// core::ParseFullTextQuery's terms are ASCII letters and digits and need none of it; a query made by hand may.
void AppendQuoted(std::string& out, std::string_view term, char quote) {
  out += quote;
  for (const char c : term) {
    if (c == quote || (quote == '\'' && c == '\\')) out += c;
    out += c;
  }
  out += quote;
}

// (a OR b) AND (c): the words joined by `all`, each word's alternatives by `any`. A word without alternatives is left
// out, so that no group is empty (a syntax error on both databases).
std::string Written(const core::FullTextQuery& query, std::string_view all, std::string_view any, char quote) {
  std::string text;
  for (const core::FullTextWord& word : query.words) {
    bool first = true;
    for (const std::string& term : word.alternatives) {
      if (term.empty()) continue;
      if (first) {
        if (!text.empty()) text += all;
        text += '(';
      } else {
        text += any;
      }
      AppendQuoted(text, term, quote);
      first = false;
    }
    if (!first) text += ')';
  }
  return text;
}

}  // namespace

std::string Fts5Match(const core::FullTextQuery& query) {
  const std::string text = Written(query, " AND ", " OR ", '"');
  // An empty MATCH text is a syntax error in FTS5; an empty phrase matches nothing.
  return text.empty() ? "\"\"" : text;
}

// PostgreSQL answers an empty tsquery with a notice ("doesn't contain lexemes", which the backend ignores) and no row.
std::string PostgresTsQuery(const core::FullTextQuery& query) { return Written(query, " & ", " | ", '\''); }

std::string FullTextMatch(Backend backend, const core::FullTextQuery& query) {
  return backend == Backend::kPostgres ? PostgresTsQuery(query) : Fts5Match(query);
}

}  // namespace db
