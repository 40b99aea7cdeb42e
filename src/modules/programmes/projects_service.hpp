#pragma once
// What the partner network does with a programme's projects. The operator (an administrator, or a programme operator
// of the installation) sets up programmes and projects, reviews progress reports — accepts them, or returns them with
// reasons — and names the body that meets as the network. A project's team (who works for its municipality: its
// officials, coordinators and CSO editors) keeps its activities, reports, problems and risks. The network (the
// operator and every project's team) reads each other's reports, problems and risks; everyone reads programmes,
// projects, activities and budgets. A meeting of the network's body gets the open problems on its agenda.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/days.hpp"
#include "core/error.hpp"
#include "kernel/agenda_sources.hpp"
#include "kernel/audit_log.hpp"
#include "kernel/data_version.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/policies_service.hpp"
#include "modules/programmes/projects_store.hpp"

namespace programmes {

struct ProgrammeView {
  Programme programme;
  std::vector<Project> projects;
  std::vector<ProblemOfProject> problems;  // the network's only
  // Its projects' budget lines by funding source and year, in the programme's currency: each project's at the
  // exchange rate its operator stated; a project in another currency without a rate is left out, and named.
  std::vector<BudgetRow> budget;
  std::vector<Project> without_rate;
  bool may_operate = false;
  bool in_network = false;
};

struct ProjectView {
  Programme programme;
  Project project;
  std::vector<Partner> partners;
  std::vector<Budget> budgets;
  std::vector<Transaction> transactions;
  std::vector<IatiResult> results;  // its results framework, as the donor's file gave it
  std::vector<Activity> activities;
  std::vector<LineSpent> lines;
  std::vector<Report> reports;  // the network's only, as are problems and risks
  std::vector<Problem> problems;
  std::vector<Risk> risks;
  bool may_operate = false;
  bool on_team = false;
  bool in_network = false;
};

struct ReportView {
  Programme programme;
  Project project;
  Report report;
  std::vector<ReportStep> steps;
  std::vector<LineSpent> lines;   // every report's spending, this one's included
  std::vector<Problem> problems;  // raised in this report
  bool may_change = false;        // the team, while it is a draft or returned
  bool may_review = false;        // the operator, while it is submitted
};

struct ProblemView {
  Programme programme;
  Project project;
  Problem problem;
  bool may_change = false;
};

class ProjectsService {
 public:
  ProjectsService(ProjectsStore& store, places::PlacesService& places, policies::PoliciesService& policies,
                  kernel::AuditLog& audit, const core::Clock& clock, kernel::DataVersion& version)
      : store_(store), places_(places), policies_(policies), audit_(audit), clock_(clock), version_(version) {}

  bool IsOperator(const core::Actor& actor) const;
  bool OnTeam(const core::Actor& actor, const Project& project) const;

  core::Result<Programme> SaveProgramme(const core::SignedIn& user, Programme programme);
  core::Result<Project> SaveProject(const core::SignedIn& user, Project project);
  std::vector<Programme> Programmes() { return store_.AllProgrammes(); }
  core::Result<ProgrammeView> ReadProgramme(const core::Actor& actor, std::int64_t id);
  // The programme as its operator may change it (kNotFound, kForbidden).
  core::Result<Programme> ProgrammeToChange(const core::Actor& actor, std::int64_t id);
  core::Result<ProjectView> ReadProject(const core::Actor& actor, std::int64_t id);
  // The project as its operator may change it (kNotFound, kForbidden).
  core::Result<Project> ProjectToChange(const core::Actor& actor, std::int64_t id);

  // A partner of the project (a school, a clinic, an NGO …) by its role and kind; its team or the operator.
  core::Result<Partner> AddPartner(const core::SignedIn& user, std::int64_t project_id, Partner partner);
  core::Result<bool> RemovePartner(const core::SignedIn& user, std::int64_t project_id, std::int64_t position);

  core::Result<Activity> SaveActivity(const core::SignedIn& user, Activity activity);
  core::Result<BudgetLine> AddBudgetLine(const core::SignedIn& user, BudgetLine line);

  // Writes a new report (id 0) or changes one still a draft or returned. Spending that takes a budget line above what
  // it planned is refused beside the line unless the report says why (overspend_reason).
  core::Result<Report> SaveReport(const core::SignedIn& user, Report report);
  core::Result<Report> Submit(const core::SignedIn& user, std::int64_t id, std::int64_t version);
  core::Result<Report> Return(const core::SignedIn& user, std::int64_t id, std::int64_t version,
                              const std::string& reason);
  core::Result<Report> Accept(const core::SignedIn& user, std::int64_t id, std::int64_t version);
  core::Result<ReportView> ReadReport(const core::Actor& actor, std::int64_t id);

  core::Result<Problem> SaveProblem(const core::SignedIn& user, Problem problem);
  core::Result<ProblemView> ReadProblem(const core::Actor& actor, std::int64_t id);
  core::Result<Risk> SaveRisk(const core::SignedIn& user, Risk risk);

  // The plan items the project's activities implement, and the objectives above them: what the indicators that
  // measure its results are linked to.
  std::vector<std::int64_t> PlanItemsOf(std::int64_t project_id);

  // What a meeting of the body should discuss: the open problems of the programmes whose network it is, each as
  // "Русе: a partner school withdrew", linking to the problem's page.
  std::vector<kernel::AgendaProposal> AgendaFor(std::int64_t body_id);

  // The municipality's name in the reader's language ("" for none).
  std::string MunicipalityName(const std::string& code, bool english);
  std::string Today() const { return core::IsoDay(clock_.Now()); }
  ProjectsStore& store() { return store_; }

 private:
  bool InNetwork(const core::Actor& actor, std::int64_t programme_id);
  // The project and its programme for `actor` to change as its team (or operator).
  core::Result<std::pair<Project, Programme>> ForTeam(const core::Actor& actor, std::int64_t project_id);
  core::Result<Report> Step(const core::SignedIn& user, std::int64_t id, std::int64_t version, ReportState to,
                            const std::string& reason);

  ProjectsStore& store_;
  places::PlacesService& places_;
  policies::PoliciesService& policies_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
  kernel::DataVersion& version_;
};

inline std::string ProgrammePath(std::int64_t id) { return "/programmes/" + std::to_string(id); }
inline std::string ProjectPath(std::int64_t id) { return "/programmes/projects/" + std::to_string(id); }
inline std::string ReportPath(std::int64_t id) { return "/programmes/reports/" + std::to_string(id); }
inline std::string ProblemPath(std::int64_t id) { return "/programmes/problems/" + std::to_string(id); }

}  // namespace programmes
