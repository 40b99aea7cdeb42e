#include "kernel/search_keys.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace kernel {

std::int64_t RefreshSearchKeys(db::Database& database, const std::vector<SearchKeyColumn>& columns,
                               const std::function<void(std::string_view)>& progress) {
  std::int64_t changed = 0;
  for (const SearchKeyColumn& column : columns) {
    // Table and column names come from the modules' code, never from input.
    const std::string select =
        fmt::format("SELECT {}, {}, search_key FROM {}", column.id_column, column.name_column, column.table);
    const std::string update =
        fmt::format("UPDATE {} SET search_key = $2 WHERE {} = $1", column.table, column.id_column);
    const bool refreshed = database.Transaction([&](db::Connection& connection) {
      const auto stored =
          connection.QueryOne("SELECT version FROM search_key_versions WHERE table_name = $1", {column.table});
      if (stored && stored->Int(0) == core::kSearchKeyVersion) return false;
      for (const db::Row& row : connection.Query(select)) {
        const std::string key = core::SearchKey(row.Text(1));
        if (key == row.Text(2)) continue;
        connection.Execute(update, {row[0], key});
        ++changed;
      }
      connection.Execute(
          "INSERT INTO search_key_versions (table_name, version) VALUES ($1, $2) "
          "ON CONFLICT (table_name) DO UPDATE SET version = excluded.version",
          {column.table, core::kSearchKeyVersion});
      return true;
    });
    if (refreshed && progress) progress(column.table);
  }
  return changed;
}

}  // namespace kernel
