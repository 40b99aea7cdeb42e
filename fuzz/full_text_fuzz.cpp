// libFuzzer target for full-text search (issue 21): whatever a person types, and whatever a text holds, the analyser
// gives ASCII terms of letters and digits only, at most kMaxFullTextQueryWords words, and the query texts for FTS5 and
// PostgreSQL quote every term, so no typed character reaches either database's query syntax.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target full_text_fuzz -j2
//   mkdir -p build/fuzz/full_text && build/fuzz/full_text_fuzz -max_total_time=300 build/fuzz/full_text
//   fuzz/corpus/full_text

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/full_text.hpp"
#include "db/full_text.hpp"

namespace {

bool IsTerm(std::string_view term) {
  if (term.empty() || term.size() > core::kMaxFullTextTermBytes) return false;
  for (const char c : term) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view typed(reinterpret_cast<const char*>(data), size);
  const core::FullTextQuery query = core::ParseFullTextQuery(typed);
  if (query.words.size() > core::kMaxFullTextQueryWords) std::abort();
  for (const core::FullTextWord& word : query.words) {
    if (word.alternatives.empty()) std::abort();
    for (const std::string& term : word.alternatives) {
      if (!IsTerm(term)) std::abort();
    }
  }
  // Outside the quotes the FTS5 text holds only its own operators: ( ) " OR AND and spaces.
  const std::string fts5 = db::Fts5Match(query);
  bool quoted = false;
  for (const char c : fts5) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && std::string_view("()ORAND ").find(c) == std::string_view::npos) {
      std::abort();
    }
  }
  for (const std::string_view language : {"bg", "en", "cs", "nl", "xx"}) {
    const std::string terms = core::IndexTerms(typed, language);
    std::size_t start = 0;
    while (start < terms.size()) {
      const std::size_t end = std::min(terms.find(' ', start), terms.size());
      if (end > start && !IsTerm(std::string_view(terms).substr(start, end - start))) std::abort();
      start = end + 1;
    }
  }
  return 0;
}
