#pragma once
// Search keys kept beside names (core::SearchKey), so that a list is searched with an index on both databases. The
// stores write a key with its name; when the way keys are made changes (core::kSearchKeyVersion), the keys already
// stored are made again once, at start-up, for every table a module declared (kernel::Module::SearchKeys).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace kernel {

// A table whose `search_key` column is made from `name_column`, row by row under `id_column`.
struct SearchKeyColumn {
  std::string table;
  std::string id_column;
  std::string name_column;
};

// Makes the keys again in the tables whose keys are older than core::kSearchKeyVersion, each table in one
// transaction; `progress` hears each table done. Returns how many rows got a new key.
std::int64_t RefreshSearchKeys(db::Database& database, const std::vector<SearchKeyColumn>& columns,
                               const std::function<void(std::string_view)>& progress = {});

}  // namespace kernel
