#include "modules/programmes/projects_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "modules/accounts/roles.hpp"

namespace programmes {
namespace {

using core::Role;
using core::ScopeKind;

core::Error Invalid(std::vector<core::FieldProblem> problems) {
  return core::Error::InvalidFields(std::move(problems));
}
core::Error NoSuchProject() { return core::Error::NotFound("There is no such project."); }
core::Error NoSuchReport() { return core::Error::NotFound("There is no such progress report."); }
core::Error OnlyTheOperator() {
  return core::Error::Forbidden("Only the programme's operator sets up its programmes and projects.");
}
core::Error OnlyTheTeam() {
  return core::Error::Forbidden("Only those who work for the project's municipality, and the operator, keep its work.");
}
core::Error ChangedMeanwhile() {
  return core::Error::Conflict("Someone changed it meanwhile: open it again to see the change.");
}
// For a form that comes back with what was typed beside what is stored now (a report, a risk, an activity's progress).
core::Error SavedWhileEditing() {
  return core::Error::Conflict(
      "Someone saved a change while you were editing it. What is saved now is shown beside what you typed: keep what "
      "you need of both and save again.");
}

bool IsCurrency(const std::string& code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

void CheckPeriod(std::vector<core::FieldProblem>& problems, std::string_view start_field, const std::string& start,
                 std::string_view end_field, const std::string& end) {
  if (!start.empty() && !core::DayOf(start)) {
    problems.push_back({std::string(start_field), "This is not a date: write it as 2026-03-31.", start});
  }
  if (!end.empty() && !core::DayOf(end)) {
    problems.push_back({std::string(end_field), "This is not a date: write it as 2026-03-31.", end});
  }
  if (!start.empty() && !end.empty() && end < start) {
    problems.push_back({std::string(end_field), "The last day comes before the first.", end});
  }
}

}  // namespace

bool ProjectsService::IsOperator(const core::Actor& actor) const { return actor.user_id && OperatesProgrammes(actor); }

bool ProjectsService::OnTeam(const core::Actor& actor, const Project& project) const {
  if (!actor.user_id) return false;
  if (IsOperator(actor)) return true;
  if (project.municipality_code.empty()) return false;
  const core::Scope place{ScopeKind::kMunicipality, project.municipality_code};
  return std::any_of(actor.roles.begin(), actor.roles.end(), [&](const core::RoleAssignment& assignment) {
    const bool works_there = assignment.role == Role::kMunicipalOfficial || assignment.role == Role::kCoordinator ||
                             assignment.role == Role::kCsoEditor;
    return works_there && assignment.scope.kind != ScopeKind::kInstallation &&
           accounts::ScopeCovers(assignment.scope, place);
  });
}

bool ProjectsService::InNetwork(const core::Actor& actor, std::int64_t programme_id) {
  if (IsOperator(actor)) return true;
  if (!actor.user_id) return false;
  const auto projects = store_.ProjectsOf(programme_id);
  return std::any_of(projects.begin(), projects.end(), [&](const Project& project) { return OnTeam(actor, project); });
}

core::Result<Programme> ProjectsService::SaveProgramme(const core::SignedIn& user, Programme programme) {
  if (!IsOperator(user)) return OnlyTheOperator();
  programme.title = core::TrimSpaces(programme.title);
  programme.iati_identifier = core::TrimSpaces(programme.iati_identifier);
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "title", programme.title, 300, true);
  core::CheckText(problems, "description", programme.description, 20000, false);
  core::CheckText(problems, "donor", programme.donor, 300, false);
  core::CheckText(problems, "operator", programme.operator_, 300, false);
  core::CheckText(problems, "iati_identifier", programme.iati_identifier, 200, false);
  if (!IsCurrency(programme.currency)) {
    problems.push_back({"currency", "A currency's three-letter code: EUR, BGN, CHF.", programme.currency});
  }
  if (programme.budget_cents && *programme.budget_cents < 0) {
    problems.push_back({"budget", "An amount of 0 or more.", ""});
  }
  CheckPeriod(problems, "period_start", programme.period_start, "period_end", programme.period_end);
  if (!problems.empty()) return Invalid(std::move(problems));
  const std::int64_t now = clock_.Now();
  if (programme.id == 0) {
    programme.demo = false;
    programme.id = store_.InsertProgramme(programme, now);
    audit_.Write(user, "programme_saved", fmt::format("programme {} set up", programme.id));
  } else {
    const auto stored = store_.FindProgramme(programme.id);
    if (!stored) return core::Error::NotFound("There is no such programme.");
    if (!store_.UpdateProgramme(programme, now)) return ChangedMeanwhile();
    audit_.Write(user, "programme_saved", fmt::format("programme {} changed", programme.id));
  }
  version_.Changed();
  return *store_.FindProgramme(programme.id);
}

core::Result<Project> ProjectsService::SaveProject(const core::SignedIn& user, Project project) {
  if (!IsOperator(user)) return OnlyTheOperator();
  const auto programme = store_.FindProgramme(project.programme_id);
  if (!programme) return core::Error::NotFound("There is no such programme.");
  project.title = core::TrimSpaces(project.title);
  project.iati_identifier = core::TrimSpaces(project.iati_identifier);
  project.exchange_rate = core::TrimSpaces(project.exchange_rate);
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "title", project.title, 300, true);
  core::CheckText(problems, "description", project.description, 20000, false);
  core::CheckText(problems, "iati_identifier", project.iati_identifier, 200, false);
  if (!project.municipality_code.empty() && !places_.FindMunicipality(project.municipality_code)) {
    problems.push_back({"municipality", "There is no such municipality.", project.municipality_code});
  }
  if (!StatusOfCode(project.status)) problems.push_back({"status", "Choose one of the states.", project.status});
  if (!IsCurrency(project.currency)) {
    problems.push_back({"currency", "A currency's three-letter code: EUR, BGN, CHF.", project.currency});
  }
  CheckPeriod(problems, "planned_start", project.planned_start, "planned_end", project.planned_end);
  CheckPeriod(problems, "actual_start", project.actual_start, "actual_end", project.actual_end);
  if (project.currency != programme->currency && project.exchange_rate.empty()) {
    problems.push_back(core::FieldProblem{"exchange_rate",
                                          "The programme counts in {currency}: say what one unit of the project's "
                                          "currency is worth in it, and the day of that rate.",
                                          ""}
                           .With("currency", programme->currency));
  }
  if (!project.exchange_rate.empty() && !Converted(0, project.exchange_rate)) {
    problems.push_back({"exchange_rate", "A positive number with a point: 1.95583.", project.exchange_rate});
  }
  if (!project.exchange_rate.empty() && !core::DayOf(project.exchange_rate_on)) {
    problems.push_back({"exchange_rate_on", "This is not a date: write it as 2026-03-31.", project.exchange_rate_on});
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  if (project.exchange_rate.empty()) project.exchange_rate_on.clear();
  const std::int64_t now = clock_.Now();
  if (project.id == 0) {
    project.demo = false;
    project.id = store_.InsertProject(project, now);
    // Published under its programme's identifier and its own number, which a re-import of the file then finds.
    if (project.iati_identifier.empty() && !programme->iati_identifier.empty()) {
      project.iati_identifier = programme->iati_identifier + "-" + std::to_string(project.id);
      store_.UpdateProject(project, now);
    }
    audit_.Write(user, "programme_saved",
                 fmt::format("project {} set up in programme {}", project.id, project.programme_id));
  } else {
    const auto stored = store_.FindProject(project.id);
    if (!stored) return NoSuchProject();
    project.programme_id = stored->programme_id;
    if (!store_.UpdateProject(project, now)) return ChangedMeanwhile();
    audit_.Write(user, "programme_saved", fmt::format("project {} changed", project.id));
  }
  version_.Changed();
  return *store_.FindProject(project.id);
}

core::Result<ProgrammeView> ProjectsService::ReadProgramme(const core::Actor& actor, std::int64_t id) {
  auto programme = store_.FindProgramme(id);
  if (!programme) return core::Error::NotFound("There is no such programme.");
  ProgrammeView view;
  view.programme = std::move(*programme);
  view.projects = store_.ProjectsOf(id);
  view.may_operate = IsOperator(actor);
  view.in_network = view.may_operate || std::any_of(view.projects.begin(), view.projects.end(),
                                                    [&](const Project& project) { return OnTeam(actor, project); });
  if (view.in_network) view.problems = store_.ProblemsOfProgramme(id);
  for (const Project& project : view.projects) {
    std::vector<LineSpent> lines = SpentByLine(store_.BudgetLinesOf(project.id), store_.SpendingOf(project.id));
    if (lines.empty()) continue;
    if (project.currency != view.programme.currency) {
      bool converted = !project.exchange_rate.empty();
      for (LineSpent& line : lines) {
        const auto planned = Converted(line.line.planned_cents, project.exchange_rate);
        const auto committed = Converted(line.line.committed_cents, project.exchange_rate);
        const auto spent = Converted(line.spent_cents, project.exchange_rate);
        converted = converted && planned && committed && spent;
        if (!converted) break;
        line.line.planned_cents = *planned, line.line.committed_cents = *committed, line.spent_cents = *spent;
      }
      if (!converted) {
        view.without_rate.push_back(project);
        continue;
      }
    }
    AddToBudget(view.budget, lines);
  }
  return view;
}

core::Result<ProjectView> ProjectsService::ReadProject(const core::Actor& actor, std::int64_t id) {
  auto project = store_.FindProject(id);
  if (!project) return NoSuchProject();
  ProjectView view;
  view.programme = *store_.FindProgramme(project->programme_id);
  view.partners = store_.PartnersOf(id);
  view.budgets = store_.BudgetsOf(id);
  view.transactions = store_.TransactionsOf(id);
  view.results = store_.ResultsOf(id);
  view.activities = store_.ActivitiesOf(id);
  view.lines = SpentByLine(store_.BudgetLinesOf(id), store_.SpendingOf(id));
  view.may_operate = IsOperator(actor);
  view.on_team = OnTeam(actor, *project);
  view.in_network = view.on_team || InNetwork(actor, project->programme_id);
  if (view.in_network) {
    view.reports = store_.ReportsOf(id);
    view.problems = store_.ProblemsOf(id);
    view.risks = store_.RisksOf(id);
  }
  view.project = std::move(*project);
  return view;
}

core::Result<Programme> ProjectsService::ProgrammeToChange(const core::Actor& actor, std::int64_t id) {
  auto programme = store_.FindProgramme(id);
  if (!programme) return core::Error::NotFound("There is no such programme.");
  if (!IsOperator(actor)) return OnlyTheOperator();
  return *programme;
}

core::Result<Project> ProjectsService::ProjectToChange(const core::Actor& actor, std::int64_t id) {
  auto project = store_.FindProject(id);
  if (!project) return NoSuchProject();
  if (!IsOperator(actor)) return OnlyTheOperator();
  return *project;
}

core::Result<std::pair<Project, Programme>> ProjectsService::ForTeam(const core::Actor& actor,
                                                                     std::int64_t project_id) {
  auto project = store_.FindProject(project_id);
  if (!project) return NoSuchProject();
  if (!OnTeam(actor, *project)) return OnlyTheTeam();
  auto programme = store_.FindProgramme(project->programme_id);
  return std::pair{std::move(*project), std::move(*programme)};
}

core::Result<Partner> ProjectsService::AddPartner(const core::SignedIn& user, std::int64_t project_id,
                                                  Partner partner) {
  const auto found = ForTeam(user, project_id);
  if (!found) return found.error();
  partner.name = core::TrimSpaces(partner.name);
  partner.ref = core::TrimSpaces(partner.ref);
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "name", partner.name, 300, true);
  core::CheckText(problems, "ref", partner.ref, 200, false);
  if (std::find(std::begin(kPartnerRoles), std::end(kPartnerRoles), partner.role) == std::end(kPartnerRoles)) {
    problems.push_back({"role", "Choose one of the roles.", partner.role});
  }
  if (std::find(std::begin(kPartnerKinds), std::end(kPartnerKinds), partner.kind) == std::end(kPartnerKinds)) {
    problems.push_back({"kind", "Choose one of the kinds.", partner.kind});
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  store_.AddPartner(project_id, partner);
  audit_.Write(user, "project_work_saved", fmt::format("partner of project {}", project_id));
  version_.Changed();
  return partner;
}

core::Result<bool> ProjectsService::RemovePartner(const core::SignedIn& user, std::int64_t project_id,
                                                  std::int64_t position) {
  const auto found = ForTeam(user, project_id);
  if (!found) return found.error();
  if (!store_.RemovePartner(project_id, position)) return core::Error::NotFound("There is no such partner.");
  audit_.Write(user, "project_work_saved", fmt::format("partner {} of project {} taken out", position, project_id));
  version_.Changed();
  return true;
}

core::Result<Activity> ProjectsService::SaveActivity(const core::SignedIn& user, Activity activity) {
  if (activity.id != 0) {
    const auto stored = store_.FindActivity(activity.id);
    if (!stored) return core::Error::NotFound("There is no such activity.");
    activity.project_id = stored->project_id;
  }
  const auto found = ForTeam(user, activity.project_id);
  if (!found) return found.error();
  activity.title = core::TrimSpaces(activity.title);
  std::vector<core::FieldProblem> problems = CheckActivity(activity, found->first.period());
  if (activity.measure_id) {
    const auto item = policies_.FindItem(*activity.measure_id);
    const auto document = item ? policies_.FindDocument(item->document_id) : std::nullopt;
    if (!item || item->withdrawn_at || !document) {
      problems.push_back({"measure", "There is no such measure in a plan.", std::to_string(*activity.measure_id)});
    } else if (!found->first.municipality_code.empty() && !document->municipality_code.empty() &&
               document->municipality_code != found->first.municipality_code) {
      problems.push_back(
          {"measure", "The measure belongs to another municipality's plan.", std::to_string(*activity.measure_id)});
    }
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  const std::int64_t now = clock_.Now();
  if (activity.id == 0) {
    activity.demo = false;
    activity.id = store_.InsertActivity(activity, now);
  } else if (!store_.UpdateActivity(activity, now)) {
    return SavedWhileEditing();
  }
  audit_.Write(user, "project_work_saved", fmt::format("activity {} of project {}", activity.id, activity.project_id));
  version_.Changed();
  return *store_.FindActivity(activity.id);
}

core::Result<BudgetLine> ProjectsService::AddBudgetLine(const core::SignedIn& user, BudgetLine line) {
  const auto found = ForTeam(user, line.project_id);
  if (!found) return found.error();
  line.name = core::TrimSpaces(line.name);
  line.funding_source = core::TrimSpaces(line.funding_source);
  if (auto problems = CheckBudgetLine(line); !problems.empty()) return Invalid(std::move(problems));
  const auto lines = store_.BudgetLinesOf(line.project_id);
  if (std::any_of(lines.begin(), lines.end(), [&](const BudgetLine& each) {
        return each.name == line.name && each.funding_source == line.funding_source && each.year == line.year;
      })) {
    return Invalid({{"name", "The project already has this line for this source and year.", line.name}});
  }
  line.id = store_.InsertBudgetLine(line);
  audit_.Write(user, "project_work_saved", fmt::format("budget line {} of project {}", line.id, line.project_id));
  version_.Changed();
  return line;
}

namespace {

// Why a report in `state` cannot be changed by its team, naming the step that made it so.
core::Error NoLongerChangeable(const Report& report, const std::vector<ReportStep>& steps) {
  const ReportStep* last = steps.empty() ? nullptr : &steps.back();
  const std::string day = last ? core::IsoDay(last->at) : "";
  const std::string by = last ? last->by_name : "";
  if (report.state == ReportState::kAccepted) {
    return core::Error::Conflict("{name} accepted this report on {date}: an accepted report can no longer be changed.")
        .With("name", by)
        .With("date", day, true);
  }
  return core::Error::Conflict(
             "This report was submitted on {date} and is with the operator: it can be changed again only if the "
             "operator returns it.")
      .With("date", day, true);
}

}  // namespace

core::Result<Report> ProjectsService::SaveReport(const core::SignedIn& user, Report report) {
  std::optional<Report> stored;
  if (report.id != 0) {
    stored = store_.FindReport(report.id);
    if (!stored) return NoSuchReport();
    report.project_id = stored->project_id;
  }
  const auto found = ForTeam(user, report.project_id);
  if (!found) return found.error();
  if (stored && stored->state != ReportState::kDraft && stored->state != ReportState::kReturned) {
    return NoLongerChangeable(*stored, store_.StepsOf(stored->id));
  }
  report.overspend_reason = core::TrimSpaces(report.overspend_reason);
  std::vector<core::FieldProblem> problems = CheckReport(report, found->first.period());
  if (problems.empty()) {
    if (const auto other =
            store_.OverlappingReport(report.project_id, report.period_start, report.period_end, report.id)) {
      problems.push_back(core::FieldProblem{"period_start", "The report of {start} – {end} already covers these days.",
                                            report.period_start}
                             .With("start", other->period_start, true)
                             .With("end", other->period_end, true));
    }
  }
  // Spending goes only on the project's lines; a line spent above its plan needs the reason.
  const auto lines = store_.BudgetLinesOf(report.project_id);
  std::erase_if(report.spending, [](const Spending& spending) { return spending.spent_cents == 0; });
  for (const Spending& spending : report.spending) {
    if (std::none_of(lines.begin(), lines.end(),
                     [&](const BudgetLine& line) { return line.id == spending.budget_line_id; })) {
      problems.push_back({"spending", "There is no such budget line in the project.", ""});
    }
  }
  std::vector<Spending> all = store_.SpendingOf(report.project_id, report.id);
  all.insert(all.end(), report.spending.begin(), report.spending.end());
  if (report.overspend_reason.empty()) {
    for (const LineSpent& line : SpentByLine(lines, all)) {
      const bool in_this_report =
          std::any_of(report.spending.begin(), report.spending.end(),
                      [&](const Spending& spending) { return spending.budget_line_id == line.line.id; });
      if (line.over() && in_this_report) {
        problems.push_back(core::FieldProblem{"spent_" + std::to_string(line.line.id),
                                              "This takes the line to {spent}, above the {planned} planned: say why "
                                              "in the field for spending above the budget.",
                                              ""}
                               .WithMoney("spent", line.spent_cents, found->first.currency)
                               .WithMoney("planned", line.line.planned_cents, found->first.currency));
      }
    }
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  const std::int64_t now = clock_.Now();
  if (!stored) {
    report.state = ReportState::kDraft;
    report.demo = false;
    report.id = store_.InsertReport(report, {ReportState::kDraft, "", user.display_name(), now}, user.user_id(), now);
  } else {
    report.state = stored->state;
    report.demo = stored->demo;
    if (!store_.UpdateReport(report, std::nullopt, user.user_id(), now)) return SavedWhileEditing();
  }
  audit_.Write(user, "project_report_changed",
               fmt::format("report {} of project {} written", report.id, report.project_id));
  return *store_.FindReport(report.id);
}

core::Result<Report> ProjectsService::Step(const core::SignedIn& user, std::int64_t id, std::int64_t version,
                                           ReportState to, const std::string& reason) {
  auto report = store_.FindReport(id);
  if (!report) return NoSuchReport();
  const auto project = store_.FindProject(report->project_id);
  if (!project) return NoSuchProject();
  const std::vector<ReportStep> steps = store_.StepsOf(id);
  if (to == ReportState::kSubmitted) {
    if (!OnTeam(user, *project)) return OnlyTheTeam();
    if (report->state != ReportState::kDraft && report->state != ReportState::kReturned) {
      return NoLongerChangeable(*report, steps);
    }
  } else {
    if (!IsOperator(user)) {
      return core::Error::Forbidden("Only the programme's operator accepts a progress report or returns it.");
    }
    if (report->state != ReportState::kSubmitted) {
      if (report->state == ReportState::kAccepted) return NoLongerChangeable(*report, steps);
      return core::Error::Conflict("The project has not submitted this report: the operator reviews it once it does.");
    }
    if (to == ReportState::kReturned) {
      std::vector<core::FieldProblem> problems;
      core::CheckText(problems, "reason", reason, 4000, true);
      if (!problems.empty()) return Invalid(std::move(problems));
    }
  }
  if (report->version != version) return ChangedMeanwhile();
  report->state = to;
  const std::int64_t now = clock_.Now();
  if (!store_.UpdateReport(*report, ReportStep{to, core::TrimSpaces(reason), user.display_name(), now}, user.user_id(),
                           now)) {
    return ChangedMeanwhile();
  }
  audit_.Write(user, "project_report_changed",
               fmt::format("report {} of project {} {}", id, report->project_id, CodeOf(to)));
  version_.Changed();
  return *store_.FindReport(id);
}

core::Result<Report> ProjectsService::Submit(const core::SignedIn& user, std::int64_t id, std::int64_t version) {
  return Step(user, id, version, ReportState::kSubmitted, "");
}
core::Result<Report> ProjectsService::Return(const core::SignedIn& user, std::int64_t id, std::int64_t version,
                                             const std::string& reason) {
  return Step(user, id, version, ReportState::kReturned, reason);
}
core::Result<Report> ProjectsService::Accept(const core::SignedIn& user, std::int64_t id, std::int64_t version) {
  return Step(user, id, version, ReportState::kAccepted, "");
}

core::Result<ReportView> ProjectsService::ReadReport(const core::Actor& actor, std::int64_t id) {
  auto report = store_.FindReport(id);
  if (!report) return NoSuchReport();
  auto project = store_.FindProject(report->project_id);
  if (!project) return NoSuchReport();
  if (!OnTeam(actor, *project) && !InNetwork(actor, project->programme_id)) return NoSuchReport();
  ReportView view;
  view.programme = *store_.FindProgramme(project->programme_id);
  view.steps = store_.StepsOf(id);
  view.lines = SpentByLine(store_.BudgetLinesOf(project->id), store_.SpendingOf(project->id));
  for (Problem& problem : store_.ProblemsOf(project->id)) {
    if (problem.report_id == id) view.problems.push_back(std::move(problem));
  }
  const bool open = report->state == ReportState::kDraft || report->state == ReportState::kReturned;
  view.may_change = open && OnTeam(actor, *project);
  view.may_review = report->state == ReportState::kSubmitted && IsOperator(actor);
  view.report = std::move(*report);
  view.project = std::move(*project);
  return view;
}

core::Result<Problem> ProjectsService::SaveProblem(const core::SignedIn& user, Problem problem) {
  std::optional<Problem> stored;
  if (problem.id != 0) {
    stored = store_.FindProblem(problem.id);
    if (!stored) return core::Error::NotFound("There is no such problem.");
    problem.project_id = stored->project_id;
    problem.report_id = stored->report_id;
  }
  const auto found = ForTeam(user, problem.project_id);
  if (!found) return found.error();
  if (problem.report_id) {
    const auto report = store_.FindReport(*problem.report_id);
    if (!report || report->project_id != problem.project_id) problem.report_id.reset();
  }
  problem.title = core::TrimSpaces(problem.title);
  problem.owner = core::TrimSpaces(problem.owner);
  if (problem.opened_on.empty()) problem.opened_on = stored ? stored->opened_on : Today();
  if (problem.state == "resolved" && problem.resolved_on.empty()) {
    problem.resolved_on = stored && stored->state == "resolved" ? stored->resolved_on : Today();
  }
  if (problem.state == "open") problem.resolved_on.clear();
  if (auto problems = CheckProblem(problem); !problems.empty()) return Invalid(std::move(problems));
  const std::int64_t now = clock_.Now();
  if (!stored) {
    problem.demo = false;
    problem.id = store_.InsertProblem(problem, now);
  } else if (!store_.UpdateProblem(problem, now)) {
    return ChangedMeanwhile();
  }
  audit_.Write(user, "project_work_saved", fmt::format("problem {} of project {}", problem.id, problem.project_id));
  version_.Changed();
  return *store_.FindProblem(problem.id);
}

core::Result<ProblemView> ProjectsService::ReadProblem(const core::Actor& actor, std::int64_t id) {
  auto problem = store_.FindProblem(id);
  if (!problem) return core::Error::NotFound("There is no such problem.");
  auto project = store_.FindProject(problem->project_id);
  if (!project || (!OnTeam(actor, *project) && !InNetwork(actor, project->programme_id))) {
    return core::Error::NotFound("There is no such problem.");
  }
  ProblemView view{*store_.FindProgramme(project->programme_id), std::move(*project), std::move(*problem), false};
  view.may_change = OnTeam(actor, view.project);
  return view;
}

core::Result<Risk> ProjectsService::SaveRisk(const core::SignedIn& user, Risk risk) {
  if (risk.id != 0) {
    const auto stored = store_.FindRisk(risk.id);
    if (!stored) return core::Error::NotFound("There is no such risk.");
    risk.project_id = stored->project_id;
  }
  const auto found = ForTeam(user, risk.project_id);
  if (!found) return found.error();
  risk.title = core::TrimSpaces(risk.title);
  risk.owner = core::TrimSpaces(risk.owner);
  if (auto problems = CheckRisk(risk); !problems.empty()) return Invalid(std::move(problems));
  const std::int64_t now = clock_.Now();
  if (risk.id == 0) {
    risk.demo = false;
    risk.id = store_.InsertRisk(risk, now);
  } else if (!store_.UpdateRisk(risk, now)) {
    return SavedWhileEditing();
  }
  audit_.Write(user, "project_work_saved", fmt::format("risk {} of project {}", risk.id, risk.project_id));
  version_.Changed();
  return *store_.FindRisk(risk.id);
}

std::vector<std::int64_t> ProjectsService::PlanItemsOf(std::int64_t project_id) {
  std::vector<std::int64_t> items;
  const auto add = [&items](std::int64_t id) {
    if (std::find(items.begin(), items.end(), id) == items.end()) items.push_back(id);
  };
  for (const Activity& activity : store_.ActivitiesOf(project_id)) {
    if (!activity.measure_id) continue;
    add(*activity.measure_id);
    // Up to the objective, where indicators are linked.
    for (auto item = policies_.FindItem(*activity.measure_id); item && item->parent_id;
         item = policies_.FindItem(*item->parent_id)) {
      add(*item->parent_id);
    }
  }
  return items;
}

std::vector<kernel::AgendaProposal> ProjectsService::AgendaFor(std::int64_t body_id) {
  std::vector<kernel::AgendaProposal> proposals;
  for (const OpenProblem& problem : store_.OpenProblemsOfNetwork(body_id)) {
    const std::string place = MunicipalityName(problem.municipality_code, false);
    proposals.push_back(
        {(place.empty() ? problem.project_title : place) + ": " + problem.title, ProblemPath(problem.id)});
  }
  return proposals;
}

std::string ProjectsService::MunicipalityName(const std::string& code, bool english) {
  if (code.empty()) return "";
  const auto found = places_.FindMunicipality(code);
  if (!found) return code;
  const places::Municipality& municipality = (*found)->detail.municipality;
  return english ? municipality.name_en : municipality.name_bg;
}

}  // namespace programmes
