#pragma once
// What the partner network follows of a project, and the rules each record keeps (pure): its activities on a
// timeline, its budget lines by funding source and year, its progress reports with their review, and its registers
// of problems and risks.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"

namespace programmes {

// Who operates the programmes: sets them up with their projects, imports and exports them, reviews the reports. An
// administrator, or a programme operator of the installation (the command line acts as an administrator).
bool OperatesProgrammes(const core::Actor& actor);

// A project's partners: what they do in it (IATI's OrganisationRole) and what they are (its OrganisationType, folded).
inline constexpr std::string_view kPartnerRoles[] = {"funding", "accountable", "extending", "implementing"};
inline constexpr std::string_view kPartnerKinds[] = {"government", "local_government", "ngo",  "academic",
                                                     "private",    "multilateral",     "other"};

// The types of a problem, by which the network compares the municipalities' problems.
inline constexpr std::string_view kProblemKinds[] = {"partners",  "staff", "funding",  "procurement",
                                                     "community", "legal", "schedule", "other"};

struct Activity {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string title;
  std::string starts_on;
  std::string ends_on;
  int progress = 0;                        // percent done, 0 to 100
  std::optional<std::int64_t> measure_id;  // the measure of a municipal plan it implements
  bool demo = false;
  std::int64_t version = 1;
};

struct BudgetLine {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string name;            // "Staff", "Equipment"
  std::string funding_source;  // "Swiss contribution", "Municipal co-financing"
  int year = 0;
  std::int64_t planned_cents = 0;
  std::int64_t committed_cents = 0;
};

struct Spending {
  std::int64_t budget_line_id = 0;
  std::int64_t spent_cents = 0;
};

// The states of a progress report: the project writes it (draft), submits it, the operator returns it with reasons
// (the project changes and submits it again) or accepts it, after which nobody changes it.
enum class ReportState { kDraft, kSubmitted, kReturned, kAccepted };
std::string_view CodeOf(ReportState state);
std::optional<ReportState> ReportStateOf(std::string_view code);

struct ReportStep {
  ReportState state = ReportState::kDraft;
  std::string reason;   // why it was returned
  std::string by_name;  // who took the step
  std::int64_t at = 0;
};

struct Report {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string period_start;
  std::string period_end;
  std::string narrative;
  std::string overspend_reason;
  std::vector<Spending> spending;
  ReportState state = ReportState::kDraft;
  bool demo = false;
  std::int64_t version = 1;
};

struct Problem {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::optional<std::int64_t> report_id;  // the report that raised it
  std::string title;
  std::string kind = "other";
  std::string impact;  // what it does to the project
  int rating = 3;      // how serious, 1 to 5
  std::string cause;
  std::string owner;
  std::string state = "open";  // or "resolved"
  std::string opened_on;
  std::string resolved_on;
  bool demo = false;
  std::int64_t version = 1;
};

struct Risk {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string title;
  int likelihood = 3;  // 1 to 5
  int impact = 3;      // 1 to 5
  std::string mitigation;
  std::string contingency;
  std::string owner;
  std::string review_on;
  std::string state = "open";  // or "closed"
  bool demo = false;
  std::int64_t version = 1;
  int Score() const { return likelihood * impact; }
};

// A project's period, as far as it is known ("" where not): its records must fall inside it.
struct ProjectPeriod {
  std::string starts_on;
  std::string ends_on;
};

std::vector<core::FieldProblem> CheckActivity(const Activity& activity, const ProjectPeriod& project);
std::vector<core::FieldProblem> CheckBudgetLine(const BudgetLine& line);
// The period (start not after end, inside the project's), the narrative's length, no negative spending.
std::vector<core::FieldProblem> CheckReport(const Report& report, const ProjectPeriod& project);
std::vector<core::FieldProblem> CheckProblem(const Problem& problem);
// Likelihood and impact from 1 to 5, a day to review it, an owner.
std::vector<core::FieldProblem> CheckRisk(const Risk& risk);

// A budget line with what every report of the project says was spent on it.
struct LineSpent {
  BudgetLine line;
  std::int64_t spent_cents = 0;
  bool over() const { return spent_cents > line.planned_cents; }
};
// The lines with their spending: `spending` holds every report's entries of the project.
std::vector<LineSpent> SpentByLine(const std::vector<BudgetLine>& lines, const std::vector<Spending>& spending);

// An amount of cents at `rate` units of another currency for one ("1.95583"), rounded to the cent; nullopt for a
// rate that is not a positive decimal of at most 9 digits before the point and 10 after it (what a form accepts).
std::optional<std::int64_t> Converted(std::int64_t cents, std::string_view rate);

// A programme's budget by funding source and year, in its currency.
struct BudgetRow {
  std::string funding_source;
  int year = 0;
  std::int64_t planned_cents = 0;
  std::int64_t committed_cents = 0;
  std::int64_t spent_cents = 0;
};
// Adds `lines` (already in the programme's currency) into `rows`, kept in order of year, then source.
void AddToBudget(std::vector<BudgetRow>& rows, const std::vector<LineSpent>& lines);

// The colour band of a risk's score (likelihood × impact): "good" up to 4, "warning" up to 12, "bad" above.
std::string_view RiskTone(int score);

}  // namespace programmes
