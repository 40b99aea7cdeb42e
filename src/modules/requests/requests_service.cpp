#include "modules/requests/requests_service.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

#include "core/text.hpp"
#include "formats/table.hpp"

namespace requests {
namespace {

core::Result<std::vector<std::vector<std::string>>> RowsOf(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::NotFound(path.string() + ": missing");
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto table = formats::ReadTable(bytes);
  if (!table) return core::Error::InvalidInput(path.string() + ": " + table.error().message);
  std::vector<std::vector<std::string>> rows;
  for (const core::CsvRow& row : table->rows) rows.push_back(row.fields);
  return rows;
}

}  // namespace

std::vector<core::FieldProblem> RuleProblems(const DeadlineRule& rule) {
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "law", rule.law, 100, true);
  core::CheckText(problems, "article", rule.article, 100, true);
  if (rule.days < 0 || rule.days > 3660) {
    problems.push_back({"days", "A whole number of days from 0 to 3,660.", std::to_string(rule.days)});
  }
  if (rule.months < 0 || rule.months > 120) {
    problems.push_back({"months", "A whole number of months from 0 to 120.", std::to_string(rule.months)});
  }
  core::CheckText(problems, "title_bg", rule.title_bg, 300, true);
  core::CheckText(problems, "title_en", rule.title_en, 300, true);
  if (!rule.checked_on.empty() && !DayOf(rule.checked_on)) {
    problems.push_back({"checked_on", "This is not a date: write it as 2026-03-31.", rule.checked_on});
  }
  return problems;
}

core::Result<bool> RequestsService::LoadReferenceData(const std::filesystem::path& directory) {
  if (store_.HasRules()) return false;
  const auto rule_rows = RowsOf(directory / "deadline_rules.csv");
  if (!rule_rows) return rule_rows.error();
  const auto day_rows = RowsOf(directory / "non_working_days.csv");
  if (!day_rows) return day_rows.error();
  const auto rules = ReadDeadlineRules(*rule_rows);
  if (!rules)
    return core::Error::InvalidInput((directory / "deadline_rules.csv").string() + ": " + rules.error().message);
  const auto days = ReadNonWorkingRules(*day_rows);
  if (!days)
    return core::Error::InvalidInput((directory / "non_working_days.csv").string() + ": " + days.error().message);
  store_.InsertReferenceData(*rules, *days);
  return true;
}

Rules RequestsService::CurrentRules() { return Rules(store_.DeadlineRules(), Calendar(store_.NonWorkingDays())); }

Day RequestsService::Today() const {
  return std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(clock_.Now())));
}

core::Result<DeadlineRule> RequestsService::ChangeRule(const core::Actor& actor, DeadlineRule rule) {
  if (!actor.IsAdministrator()) return core::Error::Forbidden("Only an administrator corrects a deadline rule.");
  const Rules current = CurrentRules();
  if (!current.Has(rule.code)) return core::Error::NotFound("There is no such deadline rule.");
  rule.law = core::TrimSpaces(rule.law);
  rule.article = core::TrimSpaces(rule.article);
  rule.title_bg = core::TrimSpaces(rule.title_bg);
  rule.title_en = core::TrimSpaces(rule.title_en);
  rule.starts = core::TrimSpaces(rule.starts);
  rule.checked_on = core::TrimSpaces(rule.checked_on);
  if (auto problems = RuleProblems(rule); !problems.empty()) return core::Error::InvalidFields(std::move(problems));
  const DeadlineRule& before = current.Find(rule.code);
  // The store checks the version again as it writes: two corrections at once from one version both pass this check.
  if (before.version != rule.version || !store_.UpdateRule(rule, actor.user_id, clock_.Now())) {
    return core::Error::Conflict(
        "Someone changed this deadline rule while you were editing it. The rule as saved now is shown beside what you "
        "typed: store it again to keep yours.");
  }
  audit_.Write(actor, "deadline_rule_changed",
               fmt::format("{}: {} {}, {} days {} months{} → {} {}, {} days {} months{}", rule.code, before.law,
                           before.article, before.days, before.months, before.checked ? ", checked" : "", rule.law,
                           rule.article, rule.days, rule.months, rule.checked ? ", checked" : ""));
  return CurrentRules().Find(rule.code);
}

}  // namespace requests
