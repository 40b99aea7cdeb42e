#include "kernel/full_text_indexes.hpp"

namespace kernel {

int RefreshFullTextIndexes(db::Database& database, const std::vector<FullTextIndex>& indexes,
                           const std::string& fingerprint,
                           const std::function<void(std::string_view, std::int64_t)>& progress) {
  int rebuilt = 0;
  for (const FullTextIndex& index : indexes) {
    const std::string made_under = fingerprint + " index v" + std::to_string(index.version);
    const auto stored =
        database.Acquire()->QueryOne("SELECT fingerprint FROM full_text_versions WHERE index_name = $1", {index.name});
    if (stored && stored->Text(0) == made_under) continue;
    const std::int64_t rows = index.rebuild(database);
    database.Acquire()->Execute(
        "INSERT INTO full_text_versions (index_name, fingerprint) VALUES ($1, $2) "
        "ON CONFLICT (index_name) DO UPDATE SET fingerprint = excluded.fingerprint",
        {index.name, made_under});
    ++rebuilt;
    if (progress) progress(index.name, rows);
  }
  return rebuilt;
}

}  // namespace kernel
