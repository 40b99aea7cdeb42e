#pragma once
// A programme and its projects as their pages show them, and what the partner network follows of each project
// (migration 0037): activities, budget lines, progress reports with their steps and spending, problems and risks.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/programmes/iati_import.hpp"
#include "modules/programmes/projects.hpp"

namespace programmes {

struct Programme {
  std::int64_t id = 0;
  std::string iati_identifier;  // "" for one entered by hand without one
  std::string title;
  std::string description;
  std::string donor;
  std::string operator_;
  std::string currency = "EUR";
  std::optional<std::int64_t> budget_cents;
  std::string period_start;
  std::string period_end;
  std::optional<std::int64_t> network_body_id;  // the body that meets as its partner network
  bool demo = false;
  std::int64_t version = 1;
};

struct Project {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  std::string iati_identifier;
  std::string title;
  std::string description;
  std::string municipality_code;
  std::string status = "implementation";
  std::string currency = "EUR";
  std::string planned_start, planned_end, actual_start, actual_end;
  std::string exchange_rate;     // units of the programme's currency for one of the project's, as stated
  std::string exchange_rate_on;  // the day of that rate
  bool demo = false;
  std::int64_t version = 1;
  // Its period as far as it is known: the actual days where there are, else the planned.
  ProjectPeriod period() const {
    return {actual_start.empty() ? planned_start : actual_start, actual_end.empty() ? planned_end : actual_end};
  }
};

// An open problem as a network meeting's agenda names it.
struct OpenProblem {
  std::int64_t id = 0;
  std::string title;
  std::string municipality_code;
  std::string project_title;
};

// A problem of one of a programme's projects, for the network's comparison.
struct ProblemOfProject {
  Problem problem;
  std::string project_title;
  std::string municipality_code;
};

class ProjectsStore {
 public:
  explicit ProjectsStore(db::Database& database) : database_(database) {}

  std::optional<Programme> FindProgramme(std::int64_t id);
  std::vector<Programme> AllProgrammes();  // the latest first
  std::int64_t InsertProgramme(const Programme& programme, std::int64_t now);
  bool UpdateProgramme(const Programme& programme, std::int64_t now);  // false when its version moved on
  // The programmes whose partner network is the body.
  std::vector<std::int64_t> ProgrammesOfNetwork(std::int64_t body_id);

  std::optional<Project> FindProject(std::int64_t id);
  std::vector<Project> ProjectsOf(std::int64_t programme_id);
  std::int64_t InsertProject(const Project& project, std::int64_t now);
  bool UpdateProject(const Project& project, std::int64_t now);
  std::vector<Partner> PartnersOf(std::int64_t project_id);
  void AddPartner(std::int64_t project_id, const Partner& partner);
  // Takes out the partner at `position` (1 for the first, as PartnersOf lists them); false when there is none.
  bool RemovePartner(std::int64_t project_id, std::int64_t position);
  // Its results framework as the donor's file gave it.
  std::vector<IatiResult> ResultsOf(std::int64_t project_id);
  std::vector<Budget> BudgetsOf(std::int64_t project_id);
  std::vector<Transaction> TransactionsOf(std::int64_t project_id);

  std::vector<Activity> ActivitiesOf(std::int64_t project_id);
  std::optional<Activity> FindActivity(std::int64_t id);
  std::int64_t InsertActivity(const Activity& activity, std::int64_t now);
  bool UpdateActivity(const Activity& activity, std::int64_t now);

  // The projects' activities that implement a plan's measure, with their projects' titles.
  struct Implementing {
    Activity activity;
    std::string project_title;
  };
  std::vector<Implementing> ActivitiesImplementing(std::int64_t measure_id);

  std::vector<BudgetLine> BudgetLinesOf(std::int64_t project_id);
  std::int64_t InsertBudgetLine(const BudgetLine& line);
  // Every report's spending on the project's lines, but the report `except`'s.
  std::vector<Spending> SpendingOf(std::int64_t project_id, std::int64_t except = 0);

  std::vector<Report> ReportsOf(std::int64_t project_id);  // without their spending, newest period first
  std::optional<Report> FindReport(std::int64_t id);       // with its spending
  std::vector<ReportStep> StepsOf(std::int64_t report_id);
  // Another report of the project whose period meets start … end.
  std::optional<Report> OverlappingReport(std::int64_t project_id, const std::string& start, const std::string& end,
                                          std::int64_t except);
  std::int64_t InsertReport(const Report& report, const ReportStep& step, std::optional<std::int64_t> by,
                            std::int64_t now);
  // Changes the report if it is still at `report.version`, replacing its spending, and records the step (a submission,
  // a return, an acceptance; a change of the text is none).
  bool UpdateReport(const Report& report, const std::optional<ReportStep>& step, std::optional<std::int64_t> by,
                    std::int64_t now);

  std::vector<Problem> ProblemsOf(std::int64_t project_id);
  std::optional<Problem> FindProblem(std::int64_t id);
  std::int64_t InsertProblem(const Problem& problem, std::int64_t now);
  bool UpdateProblem(const Problem& problem, std::int64_t now);
  std::vector<ProblemOfProject> ProblemsOfProgramme(std::int64_t programme_id);
  // The open problems of the projects of every programme whose partner network is the body, by municipality.
  std::vector<OpenProblem> OpenProblemsOfNetwork(std::int64_t body_id);

  std::vector<Risk> RisksOf(std::int64_t project_id);
  std::optional<Risk> FindRisk(std::int64_t id);
  std::int64_t InsertRisk(const Risk& risk, std::int64_t now);
  bool UpdateRisk(const Risk& risk, std::int64_t now);

  // The projects of Bulgarian municipalities whose code begins with `prefix` ("" every one, "MON" an oblast's, "MON24"
  // one's), with how many of their activities implement a plan's measure.
  struct ProjectInScope {
    Project project;
    int activities = 0;
    int linked = 0;
  };
  std::vector<ProjectInScope> ProjectsInScope(const std::string& prefix);

  bool HasDemo();

 private:
  db::Database& database_;
};

}  // namespace programmes
