#pragma once
// Many rows in few statements: "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), …", a batch at a time.
// Loading reference data row by row costs a round trip per row on PostgreSQL; batches make it one per batch.

#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace db {

// `insert_into` is the statement up to VALUES, e.g. "INSERT INTO settlements (ekatte, name_bg)"; `after_values` what
// follows them, e.g. "ON CONFLICT (ekatte) DO UPDATE SET name_bg = excluded.name_bg" (the same on both databases).
// Every row must have the same number of values.
inline void InsertRows(Connection& connection, std::string_view insert_into, const std::vector<Params>& rows,
                       std::size_t rows_per_statement = 250, std::string_view after_values = {}) {
  if (rows.empty()) return;
  const std::size_t columns = rows.front().size();
  for (std::size_t start = 0; start < rows.size(); start += rows_per_statement) {
    const std::size_t count = std::min(rows_per_statement, rows.size() - start);
    std::string sql(insert_into);
    sql += " VALUES ";
    Params params;
    params.reserve(count * columns);
    for (std::size_t r = 0; r < count; ++r) {
      sql += r == 0 ? "(" : ", (";
      for (std::size_t c = 0; c < columns; ++c) {
        if (c > 0) sql += ", ";
        sql += "$" + std::to_string(params.size() + 1);
        params.push_back(rows[start + r].at(c));
      }
      sql += ")";
    }
    if (!after_values.empty()) (sql += " ") += after_values;
    connection.Execute(sql, params);
  }
}

}  // namespace db
