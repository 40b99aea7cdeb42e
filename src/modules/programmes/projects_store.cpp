#include "modules/programmes/projects_store.hpp"

#include "modules/programmes/results_json.hpp"

namespace programmes {
namespace {

db::Value OptionalId(std::optional<std::int64_t> id) { return id ? db::Value(*id) : db::Value(nullptr); }
db::Value OptionalText(const std::string& text) { return text.empty() ? db::Value(nullptr) : db::Value(text); }
std::int64_t Flag(bool value) { return value ? 1 : 0; }

// "id, title" of the table called `alias` in a join: "a.id, a.title".
std::string Prefixed(std::string_view columns, std::string_view alias) {
  std::string prefixed;
  for (std::string_view rest = columns; !rest.empty();) {
    const std::size_t comma = rest.find(", ");
    prefixed += (prefixed.empty() ? "" : ", ") + std::string(alias) + "." + std::string(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
  }
  return prefixed;
}

constexpr std::string_view kProgrammeColumns =
    "id, COALESCE(iati_identifier, ''), title, description, donor, operator, currency, budget_cents, "
    "COALESCE(period_start, ''), COALESCE(period_end, ''), network_body_id, demo, version";

Programme ProgrammeOf(const db::Row& row) {
  return {row.Int(0),         row.Text(1), row.Text(2), row.Text(3),         row.Text(4),      row.Text(5), row.Text(6),
          row.OptionalInt(7), row.Text(8), row.Text(9), row.OptionalInt(10), row.Int(11) != 0, row.Int(12)};
}

constexpr std::string_view kProjectColumns =
    "id, programme_id, COALESCE(iati_identifier, ''), title, description, COALESCE(municipality_code, ''), status, "
    "currency, COALESCE(planned_start, ''), COALESCE(planned_end, ''), COALESCE(actual_start, ''), "
    "COALESCE(actual_end, ''), exchange_rate, exchange_rate_on, demo, version";

Project ProjectOf(const db::Row& row) {
  Project project;
  project.id = row.Int(0);
  project.programme_id = row.Int(1);
  project.iati_identifier = row.Text(2);
  project.title = row.Text(3);
  project.description = row.Text(4);
  project.municipality_code = row.Text(5);
  project.status = row.Text(6);
  project.currency = row.Text(7);
  project.planned_start = row.Text(8);
  project.planned_end = row.Text(9);
  project.actual_start = row.Text(10);
  project.actual_end = row.Text(11);
  project.exchange_rate = row.Text(12);
  project.exchange_rate_on = row.Text(13);
  project.demo = row.Int(14) != 0;
  project.version = row.Int(15);
  return project;
}

constexpr std::string_view kActivityColumns =
    "id, project_id, title, starts_on, ends_on, progress, measure_id, demo, version";

Activity ActivityOf(const db::Row& row) {
  return {row.Int(0),         row.Int(1),      row.Text(2), row.Text(3), row.Text(4), static_cast<int>(row.Int(5)),
          row.OptionalInt(6), row.Int(7) != 0, row.Int(8)};
}

constexpr std::string_view kReportColumns =
    "id, project_id, period_start, period_end, narrative, overspend_reason, state, demo, version";

Report ReportOf(const db::Row& row) {
  Report report;
  report.id = row.Int(0);
  report.project_id = row.Int(1);
  report.period_start = row.Text(2);
  report.period_end = row.Text(3);
  report.narrative = row.Text(4);
  report.overspend_reason = row.Text(5);
  report.state = ReportStateOf(row.Text(6)).value_or(ReportState::kDraft);
  report.demo = row.Int(7) != 0;
  report.version = row.Int(8);
  return report;
}

constexpr std::string_view kProblemColumns =
    "id, project_id, report_id, title, kind, impact, rating, cause, owner, state, opened_on, resolved_on, demo, "
    "version";

Problem ProblemOf(const db::Row& row, std::size_t at = 0) {
  Problem problem;
  problem.id = row.Int(at);
  problem.project_id = row.Int(at + 1);
  problem.report_id = row.OptionalInt(at + 2);
  problem.title = row.Text(at + 3);
  problem.kind = row.Text(at + 4);
  problem.impact = row.Text(at + 5);
  problem.rating = static_cast<int>(row.Int(at + 6));
  problem.cause = row.Text(at + 7);
  problem.owner = row.Text(at + 8);
  problem.state = row.Text(at + 9);
  problem.opened_on = row.Text(at + 10);
  problem.resolved_on = row.Text(at + 11);
  problem.demo = row.Int(at + 12) != 0;
  problem.version = row.Int(at + 13);
  return problem;
}

constexpr std::string_view kRiskColumns =
    "id, project_id, title, likelihood, impact, mitigation, contingency, owner, review_on, state, demo, version";

Risk RiskOf(const db::Row& row) {
  Risk risk;
  risk.id = row.Int(0);
  risk.project_id = row.Int(1);
  risk.title = row.Text(2);
  risk.likelihood = static_cast<int>(row.Int(3));
  risk.impact = static_cast<int>(row.Int(4));
  risk.mitigation = row.Text(5);
  risk.contingency = row.Text(6);
  risk.owner = row.Text(7);
  risk.review_on = row.Text(8);
  risk.state = row.Text(9);
  risk.demo = row.Int(10) != 0;
  risk.version = row.Int(11);
  return risk;
}

template <typename T, typename Of>
std::vector<T> All(db::Database& database, std::string_view sql, const db::Params& params, Of of) {
  std::vector<T> all;
  for (const db::Row& row : database.Acquire()->Query(sql, params)) all.push_back(of(row));
  return all;
}

template <typename T, typename Of>
std::optional<T> One(db::Database& database, std::string_view sql, const db::Params& params, Of of) {
  const auto row = database.Acquire()->QueryOne(sql, params);
  if (!row) return std::nullopt;
  return of(*row);
}

}  // namespace

std::optional<Programme> ProjectsStore::FindProgramme(std::int64_t id) {
  return One<Programme>(database_, "SELECT " + std::string(kProgrammeColumns) + " FROM programmes WHERE id = $1", {id},
                        ProgrammeOf);
}

std::vector<Programme> ProjectsStore::AllProgrammes() {
  return All<Programme>(
      database_,
      "SELECT " + std::string(kProgrammeColumns) + " FROM programmes ORDER BY COALESCE(period_start, '') DESC, id DESC",
      {}, ProgrammeOf);
}

std::int64_t ProjectsStore::InsertProgramme(const Programme& programme, std::int64_t now) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO programmes (iati_identifier, title, description, donor, operator, currency, budget_cents, "
          "period_start, period_end, network_body_id, demo, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
          "$7, $8, $9, $10, $11, $12, $12) RETURNING id",
          {OptionalText(programme.iati_identifier), programme.title, programme.description, programme.donor,
           programme.operator_, programme.currency, OptionalId(programme.budget_cents),
           OptionalText(programme.period_start), OptionalText(programme.period_end),
           OptionalId(programme.network_body_id), Flag(programme.demo), now})
      ->Int(0);
}

bool ProjectsStore::UpdateProgramme(const Programme& programme, std::int64_t now) {
  return database_.Acquire()->Execute(
             "UPDATE programmes SET iati_identifier = $1, title = $2, description = $3, donor = $4, operator = $5, "
             "currency = $6, budget_cents = $7, period_start = $8, period_end = $9, network_body_id = $10, "
             "updated_at = $11, version = version + 1 WHERE id = $12 AND version = $13",
             {OptionalText(programme.iati_identifier), programme.title, programme.description, programme.donor,
              programme.operator_, programme.currency, OptionalId(programme.budget_cents),
              OptionalText(programme.period_start), OptionalText(programme.period_end),
              OptionalId(programme.network_body_id), now, programme.id, programme.version}) == 1;
}

std::vector<std::int64_t> ProjectsStore::ProgrammesOfNetwork(std::int64_t body_id) {
  return All<std::int64_t>(database_, "SELECT id FROM programmes WHERE network_body_id = $1 ORDER BY id", {body_id},
                           [](const db::Row& row) { return row.Int(0); });
}

std::optional<Project> ProjectsStore::FindProject(std::int64_t id) {
  return One<Project>(database_, "SELECT " + std::string(kProjectColumns) + " FROM programme_projects WHERE id = $1",
                      {id}, ProjectOf);
}

std::vector<Project> ProjectsStore::ProjectsOf(std::int64_t programme_id) {
  return All<Project>(
      database_,
      "SELECT " + std::string(kProjectColumns) + " FROM programme_projects WHERE programme_id = $1 ORDER BY id",
      {programme_id}, ProjectOf);
}

std::int64_t ProjectsStore::InsertProject(const Project& project, std::int64_t now) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO programme_projects (programme_id, iati_identifier, title, description, municipality_code, "
          "status, currency, planned_start, planned_end, actual_start, actual_end, exchange_rate, exchange_rate_on, "
          "demo, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
          "$15) RETURNING id",
          {project.programme_id, OptionalText(project.iati_identifier), project.title, project.description,
           OptionalText(project.municipality_code), project.status, project.currency,
           OptionalText(project.planned_start), OptionalText(project.planned_end), OptionalText(project.actual_start),
           OptionalText(project.actual_end), project.exchange_rate, project.exchange_rate_on, Flag(project.demo), now})
      ->Int(0);
}

bool ProjectsStore::UpdateProject(const Project& project, std::int64_t now) {
  return database_.Acquire()->Execute(
             "UPDATE programme_projects SET iati_identifier = $1, title = $2, description = $3, municipality_code = "
             "$4, status = $5, currency = $6, planned_start = $7, planned_end = $8, actual_start = $9, actual_end = "
             "$10, exchange_rate = $11, exchange_rate_on = $12, updated_at = $13, version = version + 1 WHERE id = "
             "$14 AND version = $15",
             {OptionalText(project.iati_identifier), project.title, project.description,
              OptionalText(project.municipality_code), project.status, project.currency,
              OptionalText(project.planned_start), OptionalText(project.planned_end),
              OptionalText(project.actual_start), OptionalText(project.actual_end), project.exchange_rate,
              project.exchange_rate_on, now, project.id, project.version}) == 1;
}

std::vector<Partner> ProjectsStore::PartnersOf(std::int64_t project_id) {
  return All<Partner>(database_,
                      "SELECT name, ref, role, kind FROM project_partners WHERE project_id = $1 ORDER BY position",
                      {project_id}, [](const db::Row& row) {
                        return Partner{row.Text(0), row.Text(1), row.Text(2), row.Text(3)};
                      });
}

void ProjectsStore::AddPartner(std::int64_t project_id, const Partner& partner) {
  database_.Acquire()->Execute(
      "INSERT INTO project_partners (project_id, position, name, ref, role, kind) VALUES ($1, (SELECT "
      "COALESCE(MAX(position), 0) + 1 FROM project_partners WHERE project_id = $1), $2, $3, $4, $5)",
      {project_id, partner.name, partner.ref, partner.role, partner.kind});
}

bool ProjectsStore::RemovePartner(std::int64_t project_id, std::int64_t position) {
  return database_.Transaction([&](db::Connection& connection) {
    if (connection.Execute("DELETE FROM project_partners WHERE project_id = $1 AND position = $2",
                           {project_id, position}) != 1) {
      return false;
    }
    // The positions stay 1, 2, 3 …: the page names a partner by its place in the list. Through negative numbers, as
    // both databases check the key row by row.
    connection.Execute("UPDATE project_partners SET position = -position WHERE project_id = $1 AND position > $2",
                       {project_id, position});
    connection.Execute("UPDATE project_partners SET position = -position - 1 WHERE project_id = $1 AND position < 0",
                       {project_id});
    return true;
  });
}

std::vector<IatiResult> ProjectsStore::ResultsOf(std::int64_t project_id) {
  const auto row = database_.Acquire()->QueryOne("SELECT results FROM programme_projects WHERE id = $1", {project_id});
  return row ? ResultsFromJson(row->Text(0)) : std::vector<IatiResult>{};
}

std::vector<Budget> ProjectsStore::BudgetsOf(std::int64_t project_id) {
  return All<Budget>(database_,
                     "SELECT period_start, period_end, amount_cents, currency, committed FROM project_budgets WHERE "
                     "project_id = $1 ORDER BY position",
                     {project_id}, [](const db::Row& row) {
                       return Budget{row.Text(0), row.Text(1), Money{row.Int(2), row.Text(3)}, row.Int(4) != 0};
                     });
}

std::vector<Transaction> ProjectsStore::TransactionsOf(std::int64_t project_id) {
  return All<Transaction>(database_,
                          "SELECT kind, day, amount_cents, currency, description FROM project_transactions WHERE "
                          "project_id = $1 ORDER BY position",
                          {project_id}, [](const db::Row& row) {
                            return Transaction{row.Text(0), row.Text(1), Money{row.Int(2), row.Text(3)}, row.Text(4)};
                          });
}

std::vector<Activity> ProjectsStore::ActivitiesOf(std::int64_t project_id) {
  return All<Activity>(database_,
                       "SELECT " + std::string(kActivityColumns) +
                           " FROM project_activities WHERE project_id = $1 ORDER BY starts_on, id",
                       {project_id}, ActivityOf);
}

std::optional<Activity> ProjectsStore::FindActivity(std::int64_t id) {
  return One<Activity>(database_, "SELECT " + std::string(kActivityColumns) + " FROM project_activities WHERE id = $1",
                       {id}, ActivityOf);
}

std::int64_t ProjectsStore::InsertActivity(const Activity& activity, std::int64_t now) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO project_activities (project_id, title, starts_on, ends_on, progress, measure_id, demo, "
          "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
          {activity.project_id, activity.title, activity.starts_on, activity.ends_on,
           static_cast<std::int64_t>(activity.progress), OptionalId(activity.measure_id), Flag(activity.demo), now})
      ->Int(0);
}

bool ProjectsStore::UpdateActivity(const Activity& activity, std::int64_t now) {
  return database_.Acquire()->Execute(
             "UPDATE project_activities SET title = $1, starts_on = $2, ends_on = $3, progress = $4, measure_id = "
             "$5, updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8",
             {activity.title, activity.starts_on, activity.ends_on, static_cast<std::int64_t>(activity.progress),
              OptionalId(activity.measure_id), now, activity.id, activity.version}) == 1;
}

std::vector<ProjectsStore::Implementing> ProjectsStore::ActivitiesImplementing(std::int64_t measure_id) {
  return All<Implementing>(database_,
                           "SELECT " + Prefixed(kActivityColumns, "a") +
                               ", x.title FROM project_activities a JOIN programme_projects x ON x.id = a.project_id "
                               "WHERE a.measure_id = $1 ORDER BY a.starts_on, a.id",
                           {measure_id}, [](const db::Row& row) {
                             return Implementing{ActivityOf(row), row.Text(9)};
                           });
}

std::vector<BudgetLine> ProjectsStore::BudgetLinesOf(std::int64_t project_id) {
  return All<BudgetLine>(database_,
                         "SELECT id, project_id, name, funding_source, year, planned_cents, committed_cents FROM "
                         "project_budget_lines WHERE project_id = $1 ORDER BY year, funding_source, name, id",
                         {project_id}, [](const db::Row& row) {
                           return BudgetLine{
                               row.Int(0), row.Int(1), row.Text(2), row.Text(3), static_cast<int>(row.Int(4)),
                               row.Int(5), row.Int(6)};
                         });
}

std::int64_t ProjectsStore::InsertBudgetLine(const BudgetLine& line) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO project_budget_lines (project_id, name, funding_source, year, planned_cents, committed_cents) "
          "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
          {line.project_id, line.name, line.funding_source, static_cast<std::int64_t>(line.year), line.planned_cents,
           line.committed_cents})
      ->Int(0);
}

std::vector<Spending> ProjectsStore::SpendingOf(std::int64_t project_id, std::int64_t except) {
  return All<Spending>(database_,
                       "SELECT s.budget_line_id, s.spent_cents FROM project_report_spending s JOIN project_reports r "
                       "ON r.id = s.report_id WHERE r.project_id = $1 AND r.id <> $2",
                       {project_id, except}, [](const db::Row& row) {
                         return Spending{row.Int(0), row.Int(1)};
                       });
}

std::vector<Report> ProjectsStore::ReportsOf(std::int64_t project_id) {
  return All<Report>(database_,
                     "SELECT " + std::string(kReportColumns) +
                         " FROM project_reports WHERE project_id = $1 ORDER BY period_start DESC, id",
                     {project_id}, ReportOf);
}

std::optional<Report> ProjectsStore::FindReport(std::int64_t id) {
  auto report = One<Report>(database_, "SELECT " + std::string(kReportColumns) + " FROM project_reports WHERE id = $1",
                            {id}, ReportOf);
  if (report) {
    report->spending =
        All<Spending>(database_, "SELECT budget_line_id, spent_cents FROM project_report_spending WHERE report_id = $1",
                      {id}, [](const db::Row& row) {
                        return Spending{row.Int(0), row.Int(1)};
                      });
  }
  return report;
}

std::vector<ReportStep> ProjectsStore::StepsOf(std::int64_t report_id) {
  return All<ReportStep>(
      database_, "SELECT state, reason, by_name, at FROM project_report_steps WHERE report_id = $1 ORDER BY position",
      {report_id}, [](const db::Row& row) {
        return ReportStep{ReportStateOf(row.Text(0)).value_or(ReportState::kDraft), row.Text(1), row.Text(2),
                          row.Int(3)};
      });
}

std::optional<Report> ProjectsStore::OverlappingReport(std::int64_t project_id, const std::string& start,
                                                       const std::string& end, std::int64_t except) {
  return One<Report>(database_,
                     "SELECT " + std::string(kReportColumns) +
                         " FROM project_reports WHERE project_id = $1 AND id <> $2 AND period_start <= $3 AND "
                         "period_end >= $4 ORDER BY period_start LIMIT 1",
                     {project_id, except, end, start}, ReportOf);
}

namespace {

void WriteSpendingAndStep(db::Connection& connection, std::int64_t report_id, const Report& report,
                          const std::optional<ReportStep>& step, std::optional<std::int64_t> by, std::int64_t now) {
  connection.Execute("DELETE FROM project_report_spending WHERE report_id = $1", {report_id});
  for (const Spending& spending : report.spending) {
    connection.Execute(
        "INSERT INTO project_report_spending (report_id, budget_line_id, spent_cents) VALUES ($1, $2, $3)",
        {report_id, spending.budget_line_id, spending.spent_cents});
  }
  if (!step) return;
  connection.Execute(
      "INSERT INTO project_report_steps (report_id, position, state, reason, by_user, by_name, at) VALUES ($1, "
      "(SELECT COALESCE(MAX(position), 0) + 1 FROM project_report_steps WHERE report_id = $1), $2, $3, $4, $5, $6)",
      {report_id, std::string(CodeOf(step->state)), step->reason, OptionalId(by), step->by_name, now});
}

}  // namespace

std::int64_t ProjectsStore::InsertReport(const Report& report, const ReportStep& step, std::optional<std::int64_t> by,
                                         std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    const std::int64_t id =
        connection
            .QueryOne(
                "INSERT INTO project_reports (project_id, period_start, period_end, narrative, overspend_reason, "
                "state, demo, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                {report.project_id, report.period_start, report.period_end, report.narrative, report.overspend_reason,
                 std::string(CodeOf(report.state)), Flag(report.demo), now})
            ->Int(0);
    WriteSpendingAndStep(connection, id, report, step, by, now);
    return id;
  });
}

bool ProjectsStore::UpdateReport(const Report& report, const std::optional<ReportStep>& step,
                                 std::optional<std::int64_t> by, std::int64_t now) {
  return database_.Transaction([&](db::Connection& connection) {
    if (connection.Execute("UPDATE project_reports SET period_start = $1, period_end = $2, narrative = $3, "
                           "overspend_reason = $4, state = $5, updated_at = $6, version = version + 1 WHERE id = $7 "
                           "AND version = $8",
                           {report.period_start, report.period_end, report.narrative, report.overspend_reason,
                            std::string(CodeOf(report.state)), now, report.id, report.version}) != 1) {
      return false;
    }
    WriteSpendingAndStep(connection, report.id, report, step, by, now);
    return true;
  });
}

std::vector<Problem> ProjectsStore::ProblemsOf(std::int64_t project_id) {
  return All<Problem>(database_,
                      "SELECT " + std::string(kProblemColumns) +
                          " FROM project_problems WHERE project_id = $1 ORDER BY state, opened_on DESC, id",
                      {project_id}, [](const db::Row& row) { return ProblemOf(row); });
}

std::optional<Problem> ProjectsStore::FindProblem(std::int64_t id) {
  return One<Problem>(database_, "SELECT " + std::string(kProblemColumns) + " FROM project_problems WHERE id = $1",
                      {id}, [](const db::Row& row) { return ProblemOf(row); });
}

std::int64_t ProjectsStore::InsertProblem(const Problem& problem, std::int64_t now) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO project_problems (project_id, report_id, title, kind, impact, rating, cause, owner, state, "
          "opened_on, resolved_on, demo, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
          "$11, $12, $13, $13) RETURNING id",
          {problem.project_id, OptionalId(problem.report_id), problem.title, problem.kind, problem.impact,
           static_cast<std::int64_t>(problem.rating), problem.cause, problem.owner, problem.state, problem.opened_on,
           problem.resolved_on, Flag(problem.demo), now})
      ->Int(0);
}

bool ProjectsStore::UpdateProblem(const Problem& problem, std::int64_t now) {
  return database_.Acquire()->Execute(
             "UPDATE project_problems SET title = $1, kind = $2, impact = $3, rating = $4, cause = $5, owner = $6, "
             "state = $7, opened_on = $8, resolved_on = $9, updated_at = $10, version = version + 1 WHERE id = $11 "
             "AND version = $12",
             {problem.title, problem.kind, problem.impact, static_cast<std::int64_t>(problem.rating), problem.cause,
              problem.owner, problem.state, problem.opened_on, problem.resolved_on, now, problem.id,
              problem.version}) == 1;
}

std::vector<ProblemOfProject> ProjectsStore::ProblemsOfProgramme(std::int64_t programme_id) {
  return All<ProblemOfProject>(
      database_,
      "SELECT " + Prefixed(kProblemColumns, "o") +
          ", x.title, COALESCE(x.municipality_code, '') FROM project_problems o JOIN programme_projects x ON x.id = "
          "o.project_id WHERE x.programme_id = $1 ORDER BY o.kind, o.state, o.opened_on DESC, o.id",
      {programme_id}, [](const db::Row& row) {
        return ProblemOfProject{ProblemOf(row), row.Text(14), row.Text(15)};
      });
}

std::vector<OpenProblem> ProjectsStore::OpenProblemsOfNetwork(std::int64_t body_id) {
  return All<OpenProblem>(database_,
                          "SELECT o.id, o.title, COALESCE(x.municipality_code, ''), x.title FROM project_problems o "
                          "JOIN programme_projects x ON x.id = o.project_id JOIN programmes p ON p.id = x.programme_id "
                          "WHERE p.network_body_id = $1 AND o.state = 'open' ORDER BY x.id, o.opened_on, o.id",
                          {body_id}, [](const db::Row& row) {
                            return OpenProblem{row.Int(0), row.Text(1), row.Text(2), row.Text(3)};
                          });
}

std::vector<Risk> ProjectsStore::RisksOf(std::int64_t project_id) {
  return All<Risk>(database_,
                   "SELECT " + std::string(kRiskColumns) +
                       " FROM project_risks WHERE project_id = $1 ORDER BY state DESC, likelihood * impact DESC, id",
                   {project_id}, RiskOf);
}

std::optional<Risk> ProjectsStore::FindRisk(std::int64_t id) {
  return One<Risk>(database_, "SELECT " + std::string(kRiskColumns) + " FROM project_risks WHERE id = $1", {id},
                   RiskOf);
}

std::int64_t ProjectsStore::InsertRisk(const Risk& risk, std::int64_t now) {
  return database_.Acquire()
      ->QueryOne(
          "INSERT INTO project_risks (project_id, title, likelihood, impact, mitigation, contingency, owner, "
          "review_on, state, demo, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
          "$11) RETURNING id",
          {risk.project_id, risk.title, static_cast<std::int64_t>(risk.likelihood),
           static_cast<std::int64_t>(risk.impact), risk.mitigation, risk.contingency, risk.owner, risk.review_on,
           risk.state, Flag(risk.demo), now})
      ->Int(0);
}

bool ProjectsStore::UpdateRisk(const Risk& risk, std::int64_t now) {
  return database_.Acquire()->Execute(
             "UPDATE project_risks SET title = $1, likelihood = $2, impact = $3, mitigation = $4, contingency = $5, "
             "owner = $6, review_on = $7, state = $8, updated_at = $9, version = version + 1 WHERE id = $10 AND "
             "version = $11",
             {risk.title, static_cast<std::int64_t>(risk.likelihood), static_cast<std::int64_t>(risk.impact),
              risk.mitigation, risk.contingency, risk.owner, risk.review_on, risk.state, now, risk.id, risk.version}) ==
         1;
}

std::vector<ProjectsStore::ProjectInScope> ProjectsStore::ProjectsInScope(const std::string& prefix) {
  return All<ProjectInScope>(
      database_,
      "SELECT " + std::string(kProjectColumns) +
          ", (SELECT COUNT(*) FROM project_activities a WHERE a.project_id = programme_projects.id), (SELECT "
          "COUNT(*) FROM project_activities a WHERE a.project_id = programme_projects.id AND a.measure_id IS NOT NULL) "
          "FROM programme_projects WHERE municipality_code LIKE $1 ESCAPE '\\' AND municipality_code NOT LIKE '%-%' "
          "AND status NOT IN ('closed', 'cancelled') ORDER BY municipality_code, id",
      // The prefix escaped for LIKE, without the leading "%": the codes that begin with it.
      {db::LikeContaining(prefix).substr(1)}, [](const db::Row& row) {
        return ProjectInScope{ProjectOf(row), static_cast<int>(row.Int(16)), static_cast<int>(row.Int(17))};
      });
}

bool ProjectsStore::HasDemo() {
  return database_.Acquire()->QueryOne("SELECT 1 FROM programmes WHERE demo = 1 LIMIT 1").has_value();
}

}  // namespace programmes
