#pragma once
// All of the legal clock's SQL: its deadline rules and non-working days, as the tables of migration 0021 hold them.

#include <cstdint>
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "modules/requests/legal_clock.hpp"

namespace requests {

class RequestsStore {
 public:
  explicit RequestsStore(db::Database& database) : database_(database) {}

  bool HasRules();
  // Stores the shipped rules and days, in their order (seeding a fresh database).
  void InsertReferenceData(const std::vector<DeadlineRule>& rules, const std::vector<NonWorkingRule>& days);
  std::vector<DeadlineRule> DeadlineRules();  // in the order of the shipped table
  std::vector<NonWorkingRule> NonWorkingDays();
  // Writes a rule's period, counting, texts and check mark if it is still at `rule.version`, moving the version on:
  // false when there is no rule of its code or someone changed it meanwhile.
  bool UpdateRule(const DeadlineRule& rule, std::optional<std::int64_t> user_id, std::int64_t at);

 private:
  db::Database& database_;
};

}  // namespace requests
