#pragma once
// The legal clock's shipped reference data (data/requests), read as the module reads it, for tests of deadlines.

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "formats/table.hpp"
#include "modules/requests/legal_clock.hpp"

namespace test_support {

inline std::vector<std::vector<std::string>> TableOf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto table = formats::ReadTable(bytes);
  EXPECT_TRUE(table.ok()) << path;
  std::vector<std::vector<std::string>> rows;
  if (table.ok()) {
    for (const core::CsvRow& row : table->rows) rows.push_back(row.fields);
  }
  return rows;
}

// The shipped rules and days, with `decrees` added to the days.
inline requests::Rules Shipped(std::vector<requests::NonWorkingRule> decrees = {}) {
  auto rules = requests::ReadDeadlineRules(TableOf("data/requests/deadline_rules.csv"));
  auto days = requests::ReadNonWorkingRules(TableOf("data/requests/non_working_days.csv"));
  EXPECT_TRUE(rules.ok()) << rules.error().message;
  EXPECT_TRUE(days.ok()) << days.error().message;
  std::vector<requests::NonWorkingRule> all = days.ok() ? *days : std::vector<requests::NonWorkingRule>{};
  all.insert(all.end(), decrees.begin(), decrees.end());
  return requests::Rules(rules.ok() ? *rules : std::vector<requests::DeadlineRule>{},
                         requests::Calendar(std::move(all)));
}

}  // namespace test_support
