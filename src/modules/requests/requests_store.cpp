#include "modules/requests/requests_store.hpp"

namespace requests {
namespace {

db::Value Flag(bool value) { return std::int64_t{value ? 1 : 0}; }

}  // namespace

bool RequestsStore::HasRules() {
  return database_.Acquire()->QueryOne("SELECT 1 FROM deadline_rules LIMIT 1").has_value();
}

void RequestsStore::InsertReferenceData(const std::vector<DeadlineRule>& rules,
                                        const std::vector<NonWorkingRule>& days) {
  database_.Transaction([&](db::Connection& connection) {
    std::int64_t position = 0;
    for (const DeadlineRule& rule : rules) {
      connection.Execute(
          "INSERT INTO deadline_rules (code, law, article, days, months, day_count, moves, starts, title_bg, "
          "title_en, checked, checked_on, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
          {rule.code, rule.law, rule.article, std::int64_t{rule.days}, std::int64_t{rule.months},
           std::string(rule.count == Count::kWorkingDays ? "working" : "calendar"),
           Flag(rule.moves_off_non_working_day), rule.starts, rule.title_bg, rule.title_en, Flag(rule.checked),
           rule.checked_on, ++position});
    }
    position = 0;
    for (const NonWorkingRule& day : days) {
      connection.Execute(
          "INSERT INTO non_working_days (day_rule, name_bg, name_en, moves_when_on_weekend, checked, position) "
          "VALUES ($1, $2, $3, $4, $5, $6)",
          {day.when, day.name_bg, day.name_en, Flag(day.moves_when_on_weekend), Flag(day.checked), ++position});
    }
  });
}

std::vector<DeadlineRule> RequestsStore::DeadlineRules() {
  std::vector<DeadlineRule> rules;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT code, law, article, days, months, day_count, moves, starts, title_bg, title_en, checked, "
           "checked_on, version FROM deadline_rules ORDER BY position, code")) {
    DeadlineRule rule;
    rule.code = row.Text(0);
    rule.law = row.Text(1);
    rule.article = row.Text(2);
    rule.days = static_cast<int>(row.Int(3));
    rule.months = static_cast<int>(row.Int(4));
    rule.count = row.Text(5) == "working" ? Count::kWorkingDays : Count::kCalendarDays;
    rule.moves_off_non_working_day = row.Int(6) != 0;
    rule.starts = row.Text(7);
    rule.title_bg = row.Text(8);
    rule.title_en = row.Text(9);
    rule.checked = row.Int(10) != 0;
    rule.checked_on = row.Text(11);
    rule.version = row.Int(12);
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::vector<NonWorkingRule> RequestsStore::NonWorkingDays() {
  std::vector<NonWorkingRule> days;
  for (const db::Row& row : database_.Acquire()->Query(
           "SELECT day_rule, name_bg, name_en, moves_when_on_weekend, checked FROM non_working_days "
           "ORDER BY position, day_rule")) {
    days.push_back({row.Text(0), row.Text(1), row.Text(2), row.Int(3) != 0, row.Int(4) != 0});
  }
  return days;
}

bool RequestsStore::UpdateRule(const DeadlineRule& rule, std::optional<std::int64_t> user_id, std::int64_t at) {
  // The version is checked in the write itself, so that of two corrections at once from one version only one goes
  // through.
  return database_.Acquire()->Execute(
             "UPDATE deadline_rules SET law = $1, article = $2, days = $3, months = $4, day_count = $5, moves = $6, "
             "starts = $7, title_bg = $8, title_en = $9, checked = $10, checked_on = $11, changed_at = $12, "
             "changed_by = $13, version = version + 1 WHERE code = $14 AND version = $15",
             {rule.law, rule.article, std::int64_t{rule.days}, std::int64_t{rule.months},
              std::string(rule.count == Count::kWorkingDays ? "working" : "calendar"),
              Flag(rule.moves_off_non_working_day), rule.starts, rule.title_bg, rule.title_en, Flag(rule.checked),
              rule.checked_on, at, user_id ? db::Value(*user_id) : db::Value(nullptr), rule.code, rule.version}) == 1;
}

}  // namespace requests
