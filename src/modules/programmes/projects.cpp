#include "modules/programmes/projects.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>

#include "core/days.hpp"
#include "core/text.hpp"

namespace programmes {
namespace {

constexpr std::pair<ReportState, std::string_view> kReportStates[] = {{ReportState::kDraft, "draft"},
                                                                      {ReportState::kSubmitted, "submitted"},
                                                                      {ReportState::kReturned, "returned"},
                                                                      {ReportState::kAccepted, "accepted"}};

// A day field: required, a real day.
bool CheckDay(std::vector<core::FieldProblem>& problems, std::string_view field, const std::string& day) {
  if (day.empty()) {
    problems.push_back({std::string(field), "Fill this in.", day});
    return false;
  }
  if (!core::DayOf(day)) {
    problems.push_back({std::string(field), "This is not a date: write it as 2026-03-31.", day});
    return false;
  }
  return true;
}

// `from` … `to` in order and inside the project's period.
void CheckSpan(std::vector<core::FieldProblem>& problems, std::string_view from_field, const std::string& from,
               std::string_view to_field, const std::string& to, const ProjectPeriod& project) {
  const bool from_ok = CheckDay(problems, from_field, from);
  const bool to_ok = CheckDay(problems, to_field, to);
  if (from_ok && to_ok && to < from) {
    problems.push_back({std::string(to_field), "The last day comes before the first.", to});
  }
  if (from_ok && !project.starts_on.empty() && from < project.starts_on) {
    problems.push_back(
        core::FieldProblem{std::string(from_field), "The project begins on {date}: this falls before it.", from}.With(
            "date", project.starts_on, true));
  }
  if (to_ok && !project.ends_on.empty() && to > project.ends_on) {
    problems.push_back(
        core::FieldProblem{std::string(to_field), "The project ends on {date}: this falls after it.", to}.With(
            "date", project.ends_on, true));
  }
}

void CheckScale(std::vector<core::FieldProblem>& problems, std::string_view field, int value) {
  if (value < 1 || value > 5) {
    problems.push_back({std::string(field), "A number from 1 to 5.", std::to_string(value)});
  }
}

}  // namespace

bool OperatesProgrammes(const core::Actor& actor) {
  return actor.IsAdministrator() || actor.Holds(core::Role::kProgrammeOperator, core::ScopeKind::kInstallation);
}

std::string_view CodeOf(ReportState state) {
  for (const auto& [each, code] : kReportStates) {
    if (each == state) return code;
  }
  return "draft";
}

std::optional<ReportState> ReportStateOf(std::string_view code) {
  for (const auto& [state, each] : kReportStates) {
    if (each == code) return state;
  }
  return std::nullopt;
}

std::vector<core::FieldProblem> CheckActivity(const Activity& activity, const ProjectPeriod& project) {
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "title", activity.title, 300, true);
  CheckSpan(problems, "starts_on", activity.starts_on, "ends_on", activity.ends_on, project);
  if (activity.progress < 0 || activity.progress > 100) {
    problems.push_back({"progress", "Progress is a percentage from 0 to 100.", std::to_string(activity.progress)});
  }
  return problems;
}

std::vector<core::FieldProblem> CheckBudgetLine(const BudgetLine& line) {
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "name", line.name, 200, true);
  core::CheckText(problems, "funding_source", line.funding_source, 200, true);
  if (line.year < 2000 || line.year > 2100) {
    problems.push_back({"year", "A year such as 2027.", line.year == 0 ? "" : std::to_string(line.year)});
  }
  if (line.planned_cents < 0) problems.push_back({"planned", "An amount of 0 or more.", ""});
  if (line.committed_cents < 0) problems.push_back({"committed", "An amount of 0 or more.", ""});
  return problems;
}

std::vector<core::FieldProblem> CheckReport(const Report& report, const ProjectPeriod& project) {
  std::vector<core::FieldProblem> problems;
  CheckSpan(problems, "period_start", report.period_start, "period_end", report.period_end, project);
  core::CheckText(problems, "narrative", report.narrative, 20000, false);
  core::CheckText(problems, "overspend_reason", report.overspend_reason, 2000, false);
  for (const Spending& spending : report.spending) {
    if (spending.spent_cents < 0) {
      problems.push_back({"spent_" + std::to_string(spending.budget_line_id), "An amount of 0 or more.", ""});
    }
  }
  return problems;
}

std::vector<core::FieldProblem> CheckProblem(const Problem& problem) {
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "title", problem.title, 300, true);
  if (std::find(std::begin(kProblemKinds), std::end(kProblemKinds), problem.kind) == std::end(kProblemKinds)) {
    problems.push_back({"kind", "Choose one of the types.", problem.kind});
  }
  core::CheckText(problems, "impact", problem.impact, 2000, false);
  CheckScale(problems, "rating", problem.rating);
  core::CheckText(problems, "cause", problem.cause, 2000, false);
  core::CheckText(problems, "owner", problem.owner, 200, true);
  if (problem.state != "open" && problem.state != "resolved") {
    problems.push_back({"state", "Choose one of the states.", problem.state});
  }
  if (CheckDay(problems, "opened_on", problem.opened_on) && problem.state == "resolved" &&
      !problem.resolved_on.empty() && problem.resolved_on < problem.opened_on) {
    problems.push_back(
        core::FieldProblem{"resolved_on", "It cannot be resolved before it was opened ({date}).", problem.resolved_on}
            .With("date", problem.opened_on, true));
  }
  return problems;
}

std::vector<core::FieldProblem> CheckRisk(const Risk& risk) {
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "title", risk.title, 300, true);
  CheckScale(problems, "likelihood", risk.likelihood);
  CheckScale(problems, "impact", risk.impact);
  core::CheckText(problems, "mitigation", risk.mitigation, 2000, false);
  core::CheckText(problems, "contingency", risk.contingency, 2000, false);
  core::CheckText(problems, "owner", risk.owner, 200, true);
  CheckDay(problems, "review_on", risk.review_on);
  if (risk.state != "open" && risk.state != "closed") {
    problems.push_back({"state", "Choose one of the states.", risk.state});
  }
  return problems;
}

std::vector<LineSpent> SpentByLine(const std::vector<BudgetLine>& lines, const std::vector<Spending>& spending) {
  std::map<std::int64_t, std::int64_t> spent;
  for (const Spending& each : spending) spent[each.budget_line_id] += each.spent_cents;
  std::vector<LineSpent> result;
  result.reserve(lines.size());
  for (const BudgetLine& line : lines) result.push_back({line, spent[line.id]});
  return result;
}

std::optional<std::int64_t> Converted(std::int64_t cents, std::string_view rate) {
  // The rate as a whole number of 10^-10 units, so that the product stays exact: at most 9 digits before the point.
  const std::size_t point = rate.find('.');
  const std::string_view whole = rate.substr(0, point);
  std::string_view part = point == std::string_view::npos ? std::string_view() : rate.substr(point + 1);
  if (whole.empty() || whole.size() > 9 || part.size() > 10) return std::nullopt;
  if (point != std::string_view::npos && part.empty()) return std::nullopt;  // "1." is no rate anyone writes
  __int128 scaled = 0;
  for (const char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    scaled = scaled * 10 + (c - '0');
  }
  for (std::size_t i = 0; i < 10; ++i) {
    const char c = i < part.size() ? part[i] : '0';
    if (c < '0' || c > '9') return std::nullopt;
    scaled = scaled * 10 + (c - '0');
  }
  if (scaled <= 0) return std::nullopt;
  constexpr __int128 kScale = 10'000'000'000;
  const __int128 product = static_cast<__int128>(cents) * scaled;
  const __int128 rounded = (product >= 0 ? product + kScale / 2 : product - kScale / 2) / kScale;
  if (rounded > INT64_MAX || rounded < INT64_MIN) return std::nullopt;
  return static_cast<std::int64_t>(rounded);
}

void AddToBudget(std::vector<BudgetRow>& rows, const std::vector<LineSpent>& lines) {
  for (const LineSpent& line : lines) {
    auto row = std::find_if(rows.begin(), rows.end(), [&](const BudgetRow& each) {
      return each.year == line.line.year && each.funding_source == line.line.funding_source;
    });
    if (row == rows.end()) {
      rows.push_back({line.line.funding_source, line.line.year, 0, 0, 0});
      row = rows.end() - 1;
    }
    row->planned_cents += line.line.planned_cents;
    row->committed_cents += line.line.committed_cents;
    row->spent_cents += line.spent_cents;
  }
  std::sort(rows.begin(), rows.end(), [](const BudgetRow& a, const BudgetRow& b) {
    return std::tie(a.year, a.funding_source) < std::tie(b.year, b.funding_source);
  });
}

std::string_view RiskTone(int score) {
  if (score <= 4) return "good";
  if (score <= 12) return "warning";
  return "bad";
}

}  // namespace programmes
