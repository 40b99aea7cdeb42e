#pragma once
// Full-text indexes kept by modules' stores: terms made by core::TheFullTextAnalyser() beside their texts. When the
// analyser changes (a new Khetane with other rules, Debian's dictionaries updated), the stored terms no longer meet
// the terms of a query, so each index is made again once, at start-up, when its fingerprint differs from the
// analyser's (core::FullTextAnalyser::Fingerprint).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace kernel {

// One module's index: `rebuild` makes every row's terms again and says how many rows it made. `version` moves on
// when the module changes what its terms are (a column added, other fields indexed).
struct FullTextIndex {
  std::string name;  // "practices"
  int version = 1;
  std::function<std::int64_t(db::Database&)> rebuild;
};

// Rebuilds the indexes whose terms were made under another analyser's `fingerprint` or another version of the index,
// or never recorded; each is recorded after its rebuild. `progress` hears each index rebuilt and its rows. Returns
// how many were rebuilt.
int RefreshFullTextIndexes(db::Database& database, const std::vector<FullTextIndex>& indexes,
                           const std::string& fingerprint,
                           const std::function<void(std::string_view, std::int64_t)>& progress = {});

}  // namespace kernel
