// /api/v1/programmes: the programmes (a list, also CSV and XLSX), one with its projects and its budget by funding
// source and year, a project with its activities, budget lines, partners and, for the network, its reports, problems
// and risks; the network's problems (a list); and a programme as an IATI 2.03 file for its operator.
#include "modules/programmes/programmes_routes.hpp"

namespace programmes {
namespace {

using nlohmann::json;

json Nullable(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json ProgrammeJson(const Programme& programme) {
  return {{"id", programme.id},
          {"iati_identifier", Nullable(programme.iati_identifier)},
          {"title", programme.title},
          {"description", programme.description},
          {"donor", programme.donor},
          {"operator", programme.operator_},
          {"currency", programme.currency},
          {"budget", programme.budget_cents ? json(AmountText(programme.budget_cents)) : json(nullptr)},
          {"period_start", Nullable(programme.period_start)},
          {"period_end", Nullable(programme.period_end)},
          {"network_body_id", programme.network_body_id ? json(*programme.network_body_id) : json(nullptr)},
          {"demo", programme.demo},
          {"url", ProgrammePath(programme.id)}};
}

json ProjectJson(const Project& project) {
  return {{"id", project.id},
          {"programme_id", project.programme_id},
          {"iati_identifier", Nullable(project.iati_identifier)},
          {"title", project.title},
          {"municipality", Nullable(project.municipality_code)},
          {"status", project.status},
          {"currency", project.currency},
          {"planned_start", Nullable(project.planned_start)},
          {"planned_end", Nullable(project.planned_end)},
          {"actual_start", Nullable(project.actual_start)},
          {"actual_end", Nullable(project.actual_end)},
          {"exchange_rate", Nullable(project.exchange_rate)},
          {"exchange_rate_on", Nullable(project.exchange_rate_on)},
          {"demo", project.demo},
          {"url", ProjectPath(project.id)}};
}

json ProblemJson(const Problem& problem) {
  return {{"id", problem.id},
          {"project_id", problem.project_id},
          {"report_id", problem.report_id ? json(*problem.report_id) : json(nullptr)},
          {"title", problem.title},
          {"kind", problem.kind},
          {"impact", problem.impact},
          {"rating", problem.rating},
          {"cause", problem.cause},
          {"owner", problem.owner},
          {"state", problem.state},
          {"opened_on", problem.opened_on},
          {"resolved_on", Nullable(problem.resolved_on)},
          {"demo", problem.demo},
          {"url", ProblemPath(problem.id)}};
}

json RiskJson(const Risk& risk) {
  return {{"id", risk.id},
          {"title", risk.title},
          {"likelihood", risk.likelihood},
          {"impact", risk.impact},
          {"score", risk.Score()},
          {"mitigation", risk.mitigation},
          {"contingency", risk.contingency},
          {"owner", risk.owner},
          {"review_on", risk.review_on},
          {"state", risk.state}};
}

}  // namespace

void AddProgrammesApi(kernel::Routes& routes, const web::Site& site, ProjectsService& service) {
  routes.Get("/api/v1/programmes", core::Access::Anyone(), [&service](http::Request&) {
    json list = json::array();
    for (const Programme& programme : service.Programmes()) list.push_back(ProgrammeJson(programme));
    return web::Site::List({{"programmes", list}}, "programmes");
  });
  routes.Get("/api/v1/programmes/{id:int}", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const auto view = service.ReadProgramme(kernel::ActorOf(request), request.IntParameter("id"));
    if (!view) return site.Fail(request, view.error());
    json body = ProgrammeJson(view->programme);
    body["projects"] = json::array();
    for (const Project& project : view->projects) body["projects"].push_back(ProjectJson(project));
    body["budget"] = json::array();
    for (const BudgetRow& row : view->budget) {
      body["budget"].push_back({{"year", row.year},
                                {"funding_source", row.funding_source},
                                {"planned", AmountText(row.planned_cents)},
                                {"committed", AmountText(row.committed_cents)},
                                {"spent", AmountText(row.spent_cents)}});
    }
    return web::Site::Json(body);
  });
  routes.Get("/api/v1/programmes/{id:int}/problems", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto view = service.ReadProgramme(user, request.IntParameter("id"));
               if (!view) return site.Fail(request, view.error());
               if (!view->in_network) {
                 return site.Fail(request,
                                  core::Error::Forbidden("Only the programme's network sees its projects' problems."));
               }
               json list = json::array();
               for (const ProblemOfProject& each : view->problems) {
                 json problem = ProblemJson(each.problem);
                 problem["project"] = each.project_title;
                 problem["municipality"] = Nullable(each.municipality_code);
                 list.push_back(std::move(problem));
               }
               return web::Site::List({{"problems", list}}, "problems");
             });
  // The network's reports and risks of every project, as lists (CSV and XLSX too).
  const auto network_list = [&site, &service](std::string member, auto rows_of) {
    return [&site, &service, member, rows_of](http::Request& request, const core::SignedIn& user) {
      const auto view = service.ReadProgramme(user, request.IntParameter("id"));
      if (!view) return site.Fail(request, view.error());
      if (!view->in_network) {
        return site.Fail(request,
                         core::Error::Forbidden("Only the programme's network sees its projects' reports and risks."));
      }
      json list = json::array();
      for (const Project& project : view->projects) {
        for (json& row : rows_of(project)) {
          row["project_id"] = project.id;
          row["project"] = project.title;
          row["municipality"] = Nullable(project.municipality_code);
          list.push_back(std::move(row));
        }
      }
      return web::Site::List({{member, list}}, member);
    };
  };
  routes.Get("/api/v1/programmes/{id:int}/reports", core::Access::SignedIn(),
             network_list("reports", [&service](const Project& project) {
               std::vector<json> rows;
               for (const Report& report : service.store().ReportsOf(project.id)) {
                 rows.push_back({{"id", report.id},
                                 {"period_start", report.period_start},
                                 {"period_end", report.period_end},
                                 {"state", CodeOf(report.state)},
                                 {"overspend_reason", report.overspend_reason},
                                 {"url", ReportPath(report.id)}});
               }
               return rows;
             }));
  routes.Get("/api/v1/programmes/{id:int}/risks", core::Access::SignedIn(),
             network_list("risks", [&service](const Project& project) {
               std::vector<json> rows;
               for (const Risk& risk : service.store().RisksOf(project.id)) rows.push_back(RiskJson(risk));
               return rows;
             }));
  routes.Get("/api/v1/programmes/projects/{id:int}", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const auto view = service.ReadProject(kernel::ActorOf(request), request.IntParameter("id"));
    if (!view) return site.Fail(request, view.error());
    json body = ProjectJson(view->project);
    body["partners"] = json::array();
    for (const Partner& partner : view->partners) {
      body["partners"].push_back(
          {{"name", partner.name}, {"ref", partner.ref}, {"role", partner.role}, {"kind", partner.kind}});
    }
    body["activities"] = json::array();
    for (const Activity& activity : view->activities) {
      body["activities"].push_back({{"id", activity.id},
                                    {"title", activity.title},
                                    {"starts_on", activity.starts_on},
                                    {"ends_on", activity.ends_on},
                                    {"progress", activity.progress},
                                    {"measure_id", activity.measure_id ? json(*activity.measure_id) : json(nullptr)}});
    }
    body["budget_lines"] = json::array();
    for (const LineSpent& line : view->lines) {
      body["budget_lines"].push_back({{"id", line.line.id},
                                      {"name", line.line.name},
                                      {"funding_source", line.line.funding_source},
                                      {"year", line.line.year},
                                      {"planned", AmountText(line.line.planned_cents)},
                                      {"committed", AmountText(line.line.committed_cents)},
                                      {"spent", AmountText(line.spent_cents)},
                                      {"above_plan", line.over()}});
    }
    if (view->in_network) {
      body["reports"] = json::array();
      for (const Report& report : view->reports) {
        body["reports"].push_back({{"id", report.id},
                                   {"period_start", report.period_start},
                                   {"period_end", report.period_end},
                                   {"state", CodeOf(report.state)},
                                   {"url", ReportPath(report.id)}});
      }
      body["problems"] = json::array();
      for (const Problem& problem : view->problems) body["problems"].push_back(ProblemJson(problem));
      body["risks"] = json::array();
      for (const Risk& risk : view->risks) body["risks"].push_back(RiskJson(risk));
    }
    return web::Site::Json(body);
  });
}

}  // namespace programmes
