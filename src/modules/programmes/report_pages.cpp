// A project's progress reports: written by its team for a period with the narrative and what was spent on each budget
// line (a line spent above its plan needs the reason), submitted, then accepted by the operator or returned with
// reasons, every step kept in its history; and a problem's page, where the network sees what its meetings decided.
#include <fmt/format.h>

#include "modules/indicators/indicator_views.hpp"
#include "modules/programmes/programmes_routes.hpp"
#include "web/ui.hpp"

namespace programmes {
namespace {

using nlohmann::json;

Report TypedReport(const http::Request& request, const std::vector<BudgetLine>& lines,
                   std::vector<core::FieldProblem>& problems) {
  Report report;
  report.period_start = request.Form("period_start").value_or("");
  report.period_end = request.Form("period_end").value_or("");
  report.narrative = request.Form("narrative").value_or("");
  report.overspend_reason = request.Form("overspend_reason").value_or("");
  report.version = web::IdIn(request.Form("version")).value_or(1);
  for (const BudgetLine& line : lines) {
    const std::string field = "spent_" + std::to_string(line.id);
    const auto cents = CentsIn(request.Form(field));
    if (!cents) {
      problems.push_back(
          {field, "An amount is a number of at most two decimals and cannot be negative.", *request.Form(field)});
    } else if (*cents > 0) {
      report.spending.push_back({line.id, *cents});
    }
  }
  return report;
}

// The fields of a report as a form shows them: the period, the narrative, a box for each budget line, the reason.
json ReportFields(const web::Reader& reader, const web::Refusal& refusal, const Report& report,
                  const std::vector<LineSpent>& lines, const std::string& currency, const http::Request* typed) {
  json spending = json::array();
  for (const LineSpent& line : lines) {
    const std::string name = "spent_" + std::to_string(line.line.id);
    std::string value;
    if (typed) {
      value = typed->Form(name).value_or("");
    } else {
      for (const Spending& each : report.spending) {
        if (each.budget_line_id == line.line.id) value = AmountText(each.spent_cents);
      }
    }
    json field =
        FormField(reader, refusal, "report", name,
                  fmt::format("{} · {} · {}", line.line.year, line.line.name, line.line.funding_source), value);
    field["hint"] = reader.Say("Planned {planned}; spent so far in every report, this one included: {spent}.",
                               {{"planned", std::to_string(line.line.planned_cents), false, "", currency},
                                {"spent", std::to_string(line.spent_cents), false, "", currency}});
    field["described_by"] = field["id"].get<std::string>() + "-hint";
    spending.push_back(std::move(field));
  }
  const json refused = refusal.Data(reader, [](std::string_view name) { return "report-" + std::string(name); });
  return {
      {"period",
       {FormField(reader, refusal, "report", "period_start", "First day of the period", report.period_start, "date",
                  true),
        FormField(reader, refusal, "report", "period_end", "Last day of the period", report.period_end, "date", true)}},
      {"narrative", report.narrative},
      {"spending", spending},
      {"has_spending", !spending.empty()},
      {"currency", currency},
      {"overspend_reason", report.overspend_reason},
      {"version", report.version},
      {"problems", refused["problems"]}};
}

http::Response NewReportPage(http::Request& request, const web::Site& site, ProjectsService& service,
                             std::int64_t project_id, const Report& typed, const http::Request* typed_request,
                             const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto view = service.ReadProject(kernel::ActorOf(request), project_id);
  if (!view) return site.Fail(request, view.error());
  if (!view->on_team) {
    return site.Fail(
        request,
        core::Error::Forbidden("Only those who work for the project's municipality, and the operator, keep its work."));
  }
  const json data = {
      {"csrf", web::CsrfOf(request)},
      {"action", ProjectPath(project_id) + "/reports"},
      {"project", view->project.title},
      {"project_url", ProjectPath(project_id)},
      {"programme", view->programme.title},
      {"programme_url", ProgrammePath(view->programme.id)},
      {"form", ReportFields(reader, refusal, typed, view->lines, view->project.currency, typed_request)},
      {"refusal", refusal.Data(reader, [](std::string_view name) { return "report-" + std::string(name); })}};
  return site.Page(request, reader.Translate("Write a progress report"), "programmes/report_new", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

// The indicators that measure what the project's activities implement, with their latest value in its municipality,
// and where its team enters a value (with its breakdowns, through the indicators module).
json IndicatorValues(const web::Reader& reader, ProjectsService& service, indicators::IndicatorsService& indicators,
                     const core::Actor& actor, const Project& project, bool may_enter) {
  std::vector<indicators::Indicator> measured;
  for (const std::int64_t item : service.PlanItemsOf(project.id)) {
    for (indicators::Indicator& indicator : indicators.IndicatorsOfItem(item)) {
      const bool known = std::any_of(measured.begin(), measured.end(),
                                     [&](const indicators::Indicator& each) { return each.id == indicator.id; });
      if (!known) measured.push_back(std::move(indicator));
    }
  }
  json rows = json::array();
  for (const indicators::Indicator& indicator : measured) {
    std::optional<indicators::Observation> latest;
    if (!project.municipality_code.empty()) {
      for (indicators::Observation& each :
           indicators.Current({{indicator.id}, {project.municipality_code}, {}, "total"})) {
        if (!latest || each.period > latest->period) latest = std::move(each);
      }
    }
    json row = {
        {"name", reader.english() ? indicator.name_en : indicator.name_bg},
        {"url", "/indicators/" + indicator.code},
        {"period", latest ? latest->period : ""},
        {"enter_url", may_enter && !project.municipality_code.empty()
                          ? "/indicators/values/new?indicator=" + indicator.code + "&place=" + project.municipality_code
                          : ""}};
    row["value"] = latest ? indicators::ValueCell(reader, indicators, actor, indicator, *latest) : json(nullptr);
    rows.push_back(std::move(row));
  }
  return rows;
}

http::Response ReportPage(http::Request& request, const web::Site& site, ProjectsService& service,
                          indicators::IndicatorsService& indicators, std::int64_t id, const std::string& refused_form,
                          const http::Request* typed_request, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto view = service.ReadReport(kernel::ActorOf(request), id);
  if (!view) return site.Fail(request, view.error());
  const Report& report = view->report;
  const std::string& currency = view->project.currency;
  json steps = json::array();
  for (const ReportStep& step : view->steps) {
    steps.push_back({{"what", reader.Translate(ReportStepTitle(step.state))},
                     {"by", step.by_name},
                     {"when", reader.DateTime(step.at)},
                     {"reason", step.reason}});
  }
  json spending = json::array();
  for (const LineSpent& line : view->lines) {
    std::int64_t here = 0;
    for (const Spending& each : report.spending) here += each.budget_line_id == line.line.id ? each.spent_cents : 0;
    spending.push_back({{"line", fmt::format("{} · {} · {}", line.line.year, line.line.name, line.line.funding_source)},
                        {"here", web::ui::Money(reader, here, currency)},
                        {"planned", web::ui::Money(reader, line.line.planned_cents, currency)},
                        {"spent", web::ui::Money(reader, line.spent_cents, currency)},
                        {"over", line.over()}});
  }
  json problems = json::array();
  for (const Problem& problem : view->problems) {
    problems.push_back({{"url", ProblemPath(problem.id)},
                        {"title", problem.title},
                        {"kind", reader.Translate(ProblemKindTitle(problem.kind))},
                        {"open", problem.state == "open"}});
  }
  json kinds = json::array();
  for (const std::string_view kind : kProblemKinds) {
    kinds.push_back(
        {{"value", kind}, {"label", reader.Translate(ProblemKindTitle(kind))}, {"selected", kind == "other"}});
  }
  const web::Refusal none;
  const json refused = refusal.Data(reader, [](std::string_view name) { return "report-" + std::string(name); });
  // The report's form that came back keeps what was typed. After someone else's save it carries the version stored
  // now, with the report as it is now beside it, so that saving again keeps what the person made of both.
  Report shown = report;
  json saved = nullptr;
  if (refused_form == "report" && typed_request) {
    std::vector<core::FieldProblem> read_again;  // the spending's problems, in `refusal` already
    const Report typed = TypedReport(*typed_request, {}, read_again);
    shown.period_start = typed.period_start;
    shown.period_end = typed.period_end;
    shown.narrative = typed.narrative;
    shown.overspend_reason = typed.overspend_reason;
    if (refusal.kind == core::ErrorKind::kConflict) {
      saved = {{"period", DaysText(reader, report.period_start, report.period_end)},
               {"narrative", report.narrative},
               {"overspend_reason", report.overspend_reason}};
    } else {
      shown.version = typed.version;
    }
  }
  const bool demo = report.demo || view->project.demo;
  const json indicator_rows = IndicatorValues(reader, service, indicators, kernel::ActorOf(request), view->project,
                                              view->may_change || view->may_review);
  const json data = {
      {"id", report.id},
      {"url", ReportPath(report.id)},
      {"title", reader.Say("Progress report of {start} – {end}",
                           {{"start", report.period_start, true}, {"end", report.period_end, true}})},
      {"project", view->project.title},
      {"project_url", ProjectPath(view->project.id)},
      {"project_problems_url", ProjectPath(view->project.id) + "/problems"},
      {"programme", view->programme.title},
      {"programme_url", ProgrammePath(view->programme.id)},
      {"period", DaysText(reader, report.period_start, report.period_end)},
      {"state", web::ui::Badge(reader.Translate(ReportStateTitle(report.state)), ReportTone(report.state))},
      {"demo", demo},
      {"narrative", report.narrative},
      {"overspend_reason", report.overspend_reason},
      {"spending", spending},
      {"has_spending", !spending.empty()},
      {"steps", steps},
      {"problems_raised", problems},
      {"indicators", indicator_rows},
      {"has_indicators", !indicator_rows.empty()},
      {"has_problems", !problems.empty()},
      {"problem_kinds", kinds},
      {"may_change", view->may_change},
      {"may_raise", view->may_change},
      {"may_review", view->may_review},
      {"version", report.version},
      {"form", view->may_change ? ReportFields(reader, refused_form == "report" ? refusal : none, shown, view->lines,
                                               currency, refused_form == "report" ? typed_request : nullptr)
                                : json(nullptr)},
      {"saved", saved},
      {"csrf", web::CsrfOf(request)},
      {"refusal", refused},
      {"problems", refused["problems"]},
      {"refused_" + (refused_form.empty() ? std::string("none") : refused_form), true},
      {"typed_reason", typed_request ? typed_request->Form("reason").value_or("") : ""}};
  return site.Page(request, data["title"].get<std::string>(), "programmes/report", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

http::Response ProblemPage(http::Request& request, const web::Site& site, ProjectsService& service,
                           const kernel::DiscussedSections& discussed, std::int64_t id, const http::Request* typed,
                           const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto view = service.ReadProblem(kernel::ActorOf(request), id);
  if (!view) return site.Fail(request, view.error());
  const Problem& problem = view->problem;
  const auto value = [&](std::string_view name, const std::string& stored) {
    return typed ? typed->Form(name).value_or("") : stored;
  };
  json kinds = json::array();
  const std::string kind = value("kind", problem.kind);
  for (const std::string_view each : kProblemKinds) {
    kinds.push_back({{"value", each}, {"label", reader.Translate(ProblemKindTitle(each))}, {"selected", each == kind}});
  }
  json ratings = json::array();
  const std::string rating = value("rating", std::to_string(problem.rating));
  for (int each = 1; each <= 5; ++each) {
    ratings.push_back({{"value", each}, {"selected", std::to_string(each) == rating}});
  }
  const std::string place = service.MunicipalityName(view->project.municipality_code, reader.english());
  const json refused = refusal.Data(reader, [](std::string_view name) { return "problem-" + std::string(name); });
  const json data = {
      {"url", ProblemPath(problem.id)},
      {"title", problem.title},
      {"project", view->project.title},
      {"project_url", ProjectPath(view->project.id)},
      {"programme", view->programme.title},
      {"programme_url", ProgrammePath(view->programme.id)},
      {"place", place},
      {"kind", reader.Translate(ProblemKindTitle(problem.kind))},
      {"rating", reader.Say("{rating} of 5", {{"rating", reader.Number(problem.rating)}})},
      {"impact", problem.impact},
      {"cause", problem.cause},
      {"owner", problem.owner},
      {"state", web::ui::Badge(reader.Translate(problem.state == "open" ? "Open" : "Resolved"),
                               problem.state == "open" ? "warning" : "good")},
      {"opened", reader.Date(problem.opened_on)},
      {"resolved", problem.resolved_on.empty() ? "" : reader.Date(problem.resolved_on)},
      {"report_url", problem.report_id ? ReportPath(*problem.report_id) : ""},
      {"demo", problem.demo || view->project.demo},
      {"discussed", discussed.HtmlFor(request, ProblemPath(problem.id))},
      {"may_change", view->may_change},
      {"csrf", web::CsrfOf(request)},
      {"version", problem.version},
      {"fields",
       {FormField(reader, refusal, "problem", "title", "Problem", value("title", problem.title), "text", true),
        FormField(reader, refusal, "problem", "owner", "Who deals with it", value("owner", problem.owner), "text",
                  true),
        FormField(reader, refusal, "problem", "impact", "What it does to the project", value("impact", problem.impact)),
        FormField(reader, refusal, "problem", "cause", "Cause", value("cause", problem.cause))}},
      {"kinds", kinds},
      {"ratings", ratings},
      {"is_open", value("state", problem.state) == "open"},
      {"refusal", refused}};
  return site.Page(request, problem.title, "programmes/problem", data, refusal.Empty() ? 200 : refusal.Status());
}

}  // namespace

void AddReportPages(kernel::Routes& routes, const web::Site& site, ProjectsService& service,
                    indicators::IndicatorsService& indicators, const kernel::DiscussedSections& discussed) {
  const std::string project = "/programmes/projects/{id:int}";
  routes.Get(project + "/reports/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn&) {
               return NewReportPage(request, site, service, request.IntParameter("id"), Report{}, nullptr, {});
             });
  routes.Post(project + "/reports", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                std::vector<core::FieldProblem> problems;
                Report report = TypedReport(request, service.store().BudgetLinesOf(id), problems);
                report.project_id = id;
                const auto saved = problems.empty() ? service.SaveReport(user, report)
                                                    : core::Result<Report>(core::Error::InvalidFields(problems));
                if (saved) return http::Response::Redirect(ReportPath(saved->id));
                const core::ErrorKind kind = saved.error().kind;
                if (kind == core::ErrorKind::kNotFound || kind == core::ErrorKind::kForbidden) {
                  return site.Fail(request, saved.error());
                }
                return NewReportPage(request, site, service, id, report, &request, web::Refusal::Of(saved.error()));
              });

  const std::string report = "/programmes/reports/{id:int}";
  routes.Get(report, core::Access::SignedIn(),
             [&site, &service, &indicators](http::Request& request, const core::SignedIn&) {
               return ReportPage(request, site, service, indicators, request.IntParameter("id"), "", nullptr, {});
             });
  // The steps and changes of a report: back to its page, or its page with the refusal beside the form.
  const auto step = [&site, &service, &indicators](std::string form, auto change) {
    return [&site, &service, &indicators, form, change](http::Request& request, const core::SignedIn& user) {
      const std::int64_t id = request.IntParameter("id");
      const auto result = change(request, user, id);
      if (result) return http::Response::Redirect(ReportPath(id));
      const core::ErrorKind kind = result.error().kind;
      if (kind == core::ErrorKind::kNotFound || kind == core::ErrorKind::kForbidden) {
        return site.Fail(request, result.error());
      }
      return ReportPage(request, site, service, indicators, id, form, &request, web::Refusal::Of(result.error()));
    };
  };
  routes.Post(report, core::Access::SignedIn(),
              step("report", [&service](http::Request& request, const core::SignedIn& user, std::int64_t id) {
                const auto stored = service.store().FindReport(id);
                if (!stored) return core::Result<Report>(core::Error::NotFound("There is no such progress report."));
                std::vector<core::FieldProblem> problems;
                Report typed = TypedReport(request, service.store().BudgetLinesOf(stored->project_id), problems);
                typed.id = id;
                if (!problems.empty()) return core::Result<Report>(core::Error::InvalidFields(problems));
                return service.SaveReport(user, typed);
              }));
  const auto version_of = [](const http::Request& request) { return web::IdIn(request.Form("version")).value_or(0); };
  routes.Post(
      report + "/submit", core::Access::SignedIn(),
      step("submit", [&service, version_of](http::Request& request, const core::SignedIn& user, std::int64_t id) {
        return service.Submit(user, id, version_of(request));
      }));
  routes.Post(
      report + "/return", core::Access::SignedIn(),
      step("return", [&service, version_of](http::Request& request, const core::SignedIn& user, std::int64_t id) {
        return service.Return(user, id, version_of(request), request.Form("reason").value_or(""));
      }));
  routes.Post(
      report + "/accept", core::Access::SignedIn(),
      step("accept", [&service, version_of](http::Request& request, const core::SignedIn& user, std::int64_t id) {
        return service.Accept(user, id, version_of(request));
      }));

  const std::string problem = "/programmes/problems/{id:int}";
  routes.Get(problem, core::Access::SignedIn(),
             [&site, &service, &discussed](http::Request& request, const core::SignedIn&) {
               return ProblemPage(request, site, service, discussed, request.IntParameter("id"), nullptr, {});
             });
  routes.Post(problem, core::Access::SignedIn(),
              [&site, &service, &discussed](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                Problem typed;
                typed.id = id;
                typed.title = request.Form("title").value_or("");
                typed.kind = request.Form("kind").value_or("");
                typed.rating = NumberIn(request.Form("rating")).value_or(0);
                typed.impact = request.Form("impact").value_or("");
                typed.cause = request.Form("cause").value_or("");
                typed.owner = request.Form("owner").value_or("");
                typed.state = request.Form("state").value_or("open");
                typed.version = web::IdIn(request.Form("version")).value_or(0);
                const auto saved = service.SaveProblem(user, typed);
                if (saved) return http::Response::Redirect(ProblemPath(id));
                const core::ErrorKind kind = saved.error().kind;
                if (kind == core::ErrorKind::kNotFound || kind == core::ErrorKind::kForbidden) {
                  return site.Fail(request, saved.error());
                }
                return ProblemPage(request, site, service, discussed, id, &request, web::Refusal::Of(saved.error()));
              });
}

}  // namespace programmes
