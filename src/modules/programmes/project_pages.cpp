// A project's page: its municipality, partners and period; its activities drawn as a timeline with today's line and a
// table beside it; its budget lines with what was planned, committed and spent (a line spent above its plan marked);
// the donor's budgets and transactions; and, for the network, its progress reports and its registers of problems and
// risks, with the forms its team keeps them by.
#include <fmt/format.h>

#include "modules/programmes/programmes_routes.hpp"
#include "web/svg_timeline.hpp"
#include "web/ui.hpp"

namespace programmes {
namespace {

using nlohmann::json;

// What a refused form of the page had typed, to show it again.
struct Typed {
  std::string form;  // "activity", "line", "problem", "risk"; "activity_progress", "risk_change" (with "id")
  json values = json::object();

  // What was typed in `name` of `form`, or nothing when another form (or none) came back.
  std::optional<std::string> Of(std::string_view of_form, std::string_view name) const {
    if (form != of_form || !values.contains(name)) return std::nullopt;
    return values.at(std::string(name)).get<std::string>();
  }
  // Whether the form of the record `id` of a table came back (the row's own form: "activity_progress", "risk_change").
  bool IsFor(std::string_view of_form, std::int64_t id) const { return Of(of_form, "id") == std::to_string(id); }
};

// "/policies/items/40", "40" → 40.
std::optional<std::int64_t> MeasureIn(const std::string& text) {
  const std::size_t digits = text.find_last_not_of("0123456789");
  return web::IdIn(digits == std::string::npos ? text : text.substr(digits + 1));
}

json Choices(const web::Reader& reader, const std::vector<std::pair<std::string, std::string>>& options,
             const std::string& chosen) {
  json choices = json::array();
  for (const auto& [value, label] : options) {
    choices.push_back({{"value", value}, {"label", reader.Translate(label)}, {"selected", value == chosen}});
  }
  return choices;
}

json Scale(int chosen) {
  json choices = json::array();
  for (int value = 1; value <= 5; ++value) choices.push_back({{"value", value}, {"selected", value == chosen}});
  return choices;
}

json ProblemKinds(const web::Reader& reader, const std::string& chosen) {
  std::vector<std::pair<std::string, std::string>> options;
  for (const std::string_view kind : kProblemKinds) options.emplace_back(kind, ProblemKindTitle(kind));
  return Choices(reader, options, chosen);
}

// A narrative in the reader's language when the file gives one, else the first.
std::string NarrativeFor(const web::Reader& reader, const std::vector<IatiNarrative>& narratives) {
  for (const IatiNarrative& narrative : narratives) {
    if (narrative.language == reader.code()) return narrative.text;
  }
  return narratives.empty() ? std::string() : narratives.front().text;
}

// "12 (sex: female), 9 (sex: male)": the targets or actuals of a period.
std::string MeasuresText(const std::vector<IatiMeasure>& measures) {
  std::string text;
  for (const IatiMeasure& measure : measures) {
    std::string dimensions;
    for (const auto& [name, value] : measure.dimensions) {
      dimensions += (dimensions.empty() ? "" : ", ") + name + ": " + value;
    }
    text += (text.empty() ? "" : "; ") + measure.value + (dimensions.empty() ? "" : " (" + dimensions + ")");
  }
  return text;
}

// The results framework: each result with its indicators, their baselines and periods with targets and actuals.
json ResultsJson(const web::Reader& reader, const std::vector<IatiResult>& results) {
  json list = json::array();
  for (const IatiResult& result : results) {
    json indicators = json::array();
    for (const IatiIndicator& indicator : result.indicators) {
      json periods = json::array();
      for (const IatiPeriod& period : indicator.periods) {
        periods.push_back({{"days", DaysText(reader, period.start, period.end)},
                           {"targets", MeasuresText(period.targets)},
                           {"actuals", MeasuresText(period.actuals)}});
      }
      indicators.push_back({{"title", NarrativeFor(reader, indicator.title)},
                            {"baseline", indicator.baseline_value.empty()
                                             ? ""
                                             : reader.Say("{value} in {year}", {{"value", indicator.baseline_value},
                                                                                {"year", indicator.baseline_year}})},
                            {"periods", periods}});
    }
    list.push_back({{"title", NarrativeFor(reader, result.title)}, {"indicators", indicators}});
  }
  return list;
}

// What a risk's review form holds: `risk` as stored, or as someone typed it.
json RiskForm(const Risk& risk) {
  return {{"title", risk.title},
          {"likelihoods", Scale(risk.likelihood)},
          {"impacts", Scale(risk.impact)},
          {"mitigation", risk.mitigation},
          {"contingency", risk.contingency},
          {"owner", risk.owner},
          {"review_on", risk.review_on},
          {"closed", risk.state == "closed"},
          {"version", risk.version},
          {"problems", json::object()},
          {"open", false}};
}

json RiskJson(const web::Reader& reader, const Risk& risk) {
  return {{"id", risk.id},
          {"form", RiskForm(risk)},
          {"url", "/programmes/risks/" + std::to_string(risk.id)},
          {"title", risk.title},
          {"likelihood", risk.likelihood},
          {"impact", risk.impact},
          {"likelihoods", Scale(risk.likelihood)},
          {"impacts", Scale(risk.impact)},
          {"score", web::ui::Badge(
                        reader.Say("{likelihood} × {impact} = {score}", {{"likelihood", reader.Number(risk.likelihood)},
                                                                         {"impact", reader.Number(risk.impact)},
                                                                         {"score", reader.Number(risk.Score())}}),
                        RiskTone(risk.Score()))},
          {"mitigation", risk.mitigation},
          {"contingency", risk.contingency},
          {"owner", risk.owner},
          {"review", reader.Date(risk.review_on)},
          {"review_on", risk.review_on},
          {"closed", risk.state == "closed"},
          {"version", risk.version},
          {"demo", risk.demo}};
}

http::Response ProjectPage(http::Request& request, const web::Site& site, ProjectsService& service, std::int64_t id,
                           const Typed& typed, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto view = service.ReadProject(kernel::ActorOf(request), id);
  if (!view) return site.Fail(request, view.error());
  const Project& project = view->project;
  const std::string today = service.Today();
  const bool team = view->on_team;

  // A row's own form that came back keeps what was typed; after someone else's save (a conflict) it carries the
  // version stored now, shown in the row beside it, so that saving again keeps what the person made of both.
  const bool conflict = !refusal.Empty() && refusal.kind == core::ErrorKind::kConflict;
  const auto shown_version = [&](std::string_view form, std::int64_t stored) {
    if (conflict) return stored;
    return web::IdIn(typed.Of(form, "version")).value_or(stored);
  };
  const json refused_fields = refusal.Data(reader, [](std::string_view) { return std::string(); })["problems"];

  std::vector<web::TimelineBar> bars;
  json activities = json::array();
  for (const Activity& activity : view->activities) {
    bars.push_back({activity.title, activity.starts_on, activity.ends_on, activity.progress});
    const bool refused_here = typed.IsFor("activity_progress", activity.id);
    activities.push_back(
        {{"id", activity.id},
         {"url", "/programmes/activities/" + std::to_string(activity.id)},
         {"title", activity.title},
         {"days", DaysText(reader, activity.starts_on, activity.ends_on)},
         {"progress", web::ui::Progress(reader, activity.progress)},
         {"percent", activity.progress},
         {"input",
          refused_here ? typed.Of("activity_progress", "progress").value_or("") : std::to_string(activity.progress)},
         {"problem", refused_here ? refused_fields.value("progress", "") : ""},
         {"late", activity.ends_on < today && activity.progress < 100},
         {"measure_url", activity.measure_id ? "/policies/items/" + std::to_string(*activity.measure_id) : ""},
         {"version", refused_here ? shown_version("activity_progress", activity.version) : activity.version}});
  }
  web::TimelineOptions timeline;
  timeline.title = reader.Translate("The project's activities over time");
  timeline.description = reader.Translate(
      "Each activity from its first to its last day, the part done filled; the "
      "dashed line is today. The table below holds the same.");
  timeline.empty_text = reader.Translate("No activity has its days yet.");
  timeline.today = today;
  timeline.today_label = reader.Translate("today");
  timeline.format_month = [&reader](const std::string& day) { return reader.MonthYear(day); };
  timeline.format_bar = [&reader](const web::TimelineBar& bar) {
    return reader.Say("{title}: {start} – {end}, {percent} done", {{"title", bar.label},
                                                                   {"start", bar.starts_on, true},
                                                                   {"end", bar.ends_on, true},
                                                                   {"percent", reader.Percent(bar.progress)}});
  };

  json lines = json::array();
  for (const LineSpent& line : view->lines) {
    lines.push_back({{"year", std::to_string(line.line.year)},
                     {"name", line.line.name},
                     {"source", line.line.funding_source},
                     {"planned", web::ui::Money(reader, line.line.planned_cents, project.currency)},
                     {"committed", web::ui::Money(reader, line.line.committed_cents, project.currency)},
                     {"spent", web::ui::Money(reader, line.spent_cents, project.currency)},
                     {"over", line.over()}});
  }
  json budgets = json::array();
  for (const Budget& budget : view->budgets) {
    budgets.push_back({{"days", DaysText(reader, budget.period_start, budget.period_end)},
                       {"amount", web::ui::Money(reader, budget.amount.cents, budget.amount.currency)},
                       {"committed", budget.committed}});
  }
  json transactions = json::array();
  for (const Transaction& transaction : view->transactions) {
    transactions.push_back({{"day", reader.Date(transaction.day)},
                            {"kind", reader.Translate(TransactionTitle(transaction.kind))},
                            {"amount", web::ui::Money(reader, transaction.amount.cents, transaction.amount.currency)},
                            {"description", transaction.description}});
  }
  json reports = json::array();
  for (const Report& report : view->reports) {
    reports.push_back(
        {{"url", ReportPath(report.id)},
         {"period", DaysText(reader, report.period_start, report.period_end)},
         {"state", web::ui::Badge(reader.Translate(ReportStateTitle(report.state)), ReportTone(report.state))}});
  }
  json problems = json::array();
  for (const Problem& problem : view->problems) {
    problems.push_back(
        {{"url", ProblemPath(problem.id)},
         {"title", problem.title},
         {"kind", reader.Translate(ProblemKindTitle(problem.kind))},
         {"rating", reader.Number(problem.rating)},
         {"owner", problem.owner},
         {"state", web::ui::Badge(reader.Translate(problem.state == "open" ? "Open" : "Resolved"),
                                  problem.state == "open" ? "warning" : "good")},
         {"days", problem.state == "open" ? reader.Say("since {date}", {{"date", problem.opened_on, true}})
                                          : DaysText(reader, problem.opened_on, problem.resolved_on)}});
  }
  json risks = json::array();
  for (const Risk& risk : view->risks) {
    json row = RiskJson(reader, risk);
    if (typed.IsFor("risk_change", risk.id)) {
      Risk shown = risk;
      shown.title = typed.Of("risk_change", "title").value_or("");
      shown.likelihood = NumberIn(typed.Of("risk_change", "likelihood")).value_or(0);
      shown.impact = NumberIn(typed.Of("risk_change", "impact")).value_or(0);
      shown.mitigation = typed.Of("risk_change", "mitigation").value_or("");
      shown.contingency = typed.Of("risk_change", "contingency").value_or("");
      shown.owner = typed.Of("risk_change", "owner").value_or("");
      shown.review_on = typed.Of("risk_change", "review_on").value_or("");
      shown.state = typed.Of("risk_change", "state").value_or("open");
      shown.version = shown_version("risk_change", risk.version);
      row["form"] = RiskForm(shown);
      row["form"]["problems"] = refused_fields;
      row["form"]["open"] = true;
      row["saved"] = conflict;  // the row shows the risk as stored; this says so beside the form
    }
    risks.push_back(std::move(row));
  }

  const auto empty = web::Refusal{};
  const auto refusal_of = [&](std::string_view form) -> const web::Refusal& {
    return typed.form == form ? refusal : empty;
  };
  const auto typed_of = [&](std::string_view form, std::string_view name, std::string fallback = "") {
    if (typed.form != form || !typed.values.contains(name)) return fallback;
    return typed.values[std::string(name)].get<std::string>();
  };
  const auto field = [&](std::string_view form, std::string_view name, std::string_view label,
                         std::string_view type = "text", bool required = false, std::string_view hint = "",
                         std::string fallback = "") {
    return FormField(reader, refusal_of(form), form, name, label, typed_of(form, name, fallback), type, required, hint);
  };
  json partners = json::array();
  for (std::size_t i = 0; i < view->partners.size(); ++i) {
    const Partner& partner = view->partners[i];
    partners.push_back({{"name", partner.name},
                        {"role", reader.Translate(PartnerRoleTitle(partner.role))},
                        {"kind", reader.Translate(PartnerKindTitle(partner.kind))},
                        {"remove_url", ProjectPath(project.id) + "/partners/" + std::to_string(i + 1) + "/remove"}});
  }
  json roles = json::array(), kinds = json::array();
  for (const std::string_view role : kPartnerRoles) {
    roles.push_back({{"value", role},
                     {"label", reader.Translate(PartnerRoleTitle(role))},
                     {"selected", role == typed_of("partner", "role", "implementing")}});
  }
  for (const std::string_view kind : kPartnerKinds) {
    kinds.push_back({{"value", kind},
                     {"label", reader.Translate(PartnerKindTitle(kind))},
                     {"selected", kind == typed_of("partner", "kind", "ngo")}});
  }
  const std::string place = service.MunicipalityName(project.municipality_code, reader.english());
  // The id of a refused field's element, for the links of the summary: a row's own form names its fields by the row.
  const json refused = refusal.Data(reader, [&](std::string_view name) {
    const std::string row = typed.Of(typed.form, "id").value_or("");
    if (typed.form == "activity_progress") return "activity-progress-" + row;
    if (typed.form == "risk_change") return "risk-" + row + "-" + std::string(name);
    return typed.form + "-" + std::string(name);
  });
  const bool demo = project.demo || view->programme.demo;
  json data = {
      {"id", project.id},
      {"url", ProjectPath(project.id)},
      {"title", project.title},
      {"description", project.description},
      {"programme", view->programme.title},
      {"programme_url", ProgrammePath(view->programme.id)},
      {"place", place},
      {"place_url", project.municipality_code.empty() ? "" : "/places/municipalities/" + project.municipality_code},
      {"status", web::ui::Badge(reader.Translate(StatusTitle(project.status)))},
      {"planned", DaysText(reader, project.planned_start, project.planned_end)},
      {"actual", DaysText(reader, project.actual_start, project.actual_end)},
      {"iati_identifier", project.iati_identifier},
      {"rate", project.exchange_rate.empty() ? ""
                                             : reader.Say("1 {from} = {rate} {to}, the rate of {date}",
                                                          {{"from", project.currency},
                                                           {"rate", project.exchange_rate},
                                                           {"to", view->programme.currency},
                                                           {"date", project.exchange_rate_on, true}})},
      {"partners", partners},
      {"has_partners", !partners.empty()},
      {"partner_fields",
       {field("partner", "name", "Partner", "text", true, "A school, a clinic, an NGO, a university …"),
        field("partner", "ref", "IATI identifier", "text", false)}},
      {"partner_roles", roles},
      {"partner_kinds", kinds},
      {"demo", demo},
      {"timeline_svg", bars.empty() ? "" : web::RenderTimeline(bars, timeline)},
      {"activities", activities},
      {"has_activities", !activities.empty()},
      {"lines", lines},
      {"has_lines", !lines.empty()},
      {"budgets", budgets},
      {"has_budgets", !budgets.empty()},
      {"transactions", transactions},
      {"results", ResultsJson(reader, view->results)},
      {"has_results", !view->results.empty()},
      {"has_transactions", !transactions.empty()},
      {"in_network", view->in_network},
      {"reports", reports},
      {"has_reports", !reports.empty()},
      {"problems_register", problems},
      {"has_problems", !problems.empty()},
      {"risks", risks},
      {"has_risks", !risks.empty()},
      {"team", team},
      {"may_operate", view->may_operate},
      {"no_team", project.municipality_code.empty() && view->may_operate},
      {"csrf", web::CsrfOf(request)},
      {"activity_fields",
       {field("activity", "title", "Activity", "text", true), field("activity", "starts_on", "Starts on", "date", true),
        field("activity", "ends_on", "Ends on", "date", true),
        field("activity", "progress", "Progress, %", "text", false, "", "0"),
        field("activity", "measure", "The plan's measure it implements", "text", false,
              "Its address in Khetane, \"/policies/items/40\": the project then shows in the plan's cascade.")}},
      {"line_fields",
       {field("line", "name", "Budget line", "text", true, "Staff, equipment, training …"),
        field("line", "funding_source", "Funding source", "text", true, "The donor's contribution, co-financing …"),
        field("line", "year", "Year", "text", true), field("line", "planned", "Planned", "text", true),
        field("line", "committed", "Committed")}},
      {"problem_fields",
       {field("problem", "title", "Problem", "text", true),
        field("problem", "owner", "Who deals with it", "text", true),
        field("problem", "impact", "What it does to the project"), field("problem", "cause", "Cause")}},
      {"problem_kinds", ProblemKinds(reader, typed_of("problem", "kind", "other"))},
      {"problem_ratings", Scale(NumberIn(typed_of("problem", "rating")).value_or(3))},
      {"risk_fields",
       {field("risk", "title", "Risk", "text", true), field("risk", "owner", "Who watches it", "text", true),
        field("risk", "mitigation", "What lessens it"), field("risk", "contingency", "What is done if it happens"),
        field("risk", "review_on", "Review on", "date", true)}},
      {"risk_likelihoods", Scale(NumberIn(typed_of("risk", "likelihood")).value_or(3))},
      {"risk_impacts", Scale(NumberIn(typed_of("risk", "impact")).value_or(3))},
      {"refusal", refused},
      {"refused_" + (typed.form.empty() ? std::string("none") : typed.form), true},
      {"api_url", "/api/v1/programmes/projects/" + std::to_string(project.id)}};
  return site.Page(request, project.title, "programmes/project", data, refusal.Empty() ? 200 : refusal.Status());
}

// A form's POST that changes the project: back to its page at the part changed, or the page with the refusal.
template <typename Change>
http::Response Changed(http::Request& request, const web::Site& site, ProjectsService& service, std::int64_t project_id,
                       Typed typed, const std::string& anchor, Change change) {
  const auto result = change();
  if (result) return http::Response::Redirect(ProjectPath(project_id) + "#" + anchor);
  const core::ErrorKind kind = result.error().kind;
  if (kind == core::ErrorKind::kNotFound || kind == core::ErrorKind::kForbidden) {
    return site.Fail(request, result.error());
  }
  return ProjectPage(request, site, service, project_id, typed, web::Refusal::Of(result.error()));
}

// The fields a form sent, as typed, to give back.
json TypedValues(const http::Request& request, std::initializer_list<std::string_view> names) {
  json values = json::object();
  for (const std::string_view name : names) values[std::string(name)] = request.Form(name).value_or("");
  return values;
}

Problem TypedProblem(const http::Request& request) {
  Problem problem;
  problem.title = request.Form("title").value_or("");
  problem.kind = request.Form("kind").value_or("");
  problem.rating = NumberIn(request.Form("rating")).value_or(0);
  problem.impact = request.Form("impact").value_or("");
  problem.cause = request.Form("cause").value_or("");
  problem.owner = request.Form("owner").value_or("");
  problem.state = request.Form("state").value_or("open");
  problem.report_id = web::IdIn(request.Form("report"));
  problem.version = web::IdIn(request.Form("version")).value_or(1);
  return problem;
}

Risk TypedRisk(const http::Request& request) {
  Risk risk;
  risk.title = request.Form("title").value_or("");
  risk.likelihood = NumberIn(request.Form("likelihood")).value_or(0);
  risk.impact = NumberIn(request.Form("impact")).value_or(0);
  risk.mitigation = request.Form("mitigation").value_or("");
  risk.contingency = request.Form("contingency").value_or("");
  risk.owner = request.Form("owner").value_or("");
  risk.review_on = request.Form("review_on").value_or("");
  risk.state = request.Form("closed").has_value() ? "closed" : "open";
  risk.version = web::IdIn(request.Form("version")).value_or(1);
  return risk;
}

}  // namespace

void AddProjectPages(kernel::Routes& routes, const web::Site& site, ProjectsService& service) {
  const std::string project = "/programmes/projects/{id:int}";
  routes.Get(project, core::Access::Anyone(), [&site, &service](http::Request& request) {
    return ProjectPage(request, site, service, request.IntParameter("id"), {}, {});
  });

  routes.Post(project + "/partners", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                Partner partner;
                partner.name = request.Form("name").value_or("");
                partner.ref = request.Form("ref").value_or("");
                partner.role = request.Form("role").value_or("");
                partner.kind = request.Form("kind").value_or("");
                Typed typed{"partner", TypedValues(request, {"name", "ref", "role", "kind"})};
                return Changed(request, site, service, id, typed, "partners",
                               [&] { return service.AddPartner(user, id, partner); });
              });
  routes.Post(project + "/partners/{position:int}/remove", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                return Changed(request, site, service, id, {}, "partners",
                               [&] { return service.RemovePartner(user, id, request.IntParameter("position")); });
              });
  routes.Post(project + "/activities", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                Activity activity;
                activity.project_id = id;
                activity.title = request.Form("title").value_or("");
                activity.starts_on = request.Form("starts_on").value_or("");
                activity.ends_on = request.Form("ends_on").value_or("");
                activity.progress = NumberIn(request.Form("progress")).value_or(-1);
                activity.measure_id = MeasureIn(request.Form("measure").value_or(""));
                Typed typed{"activity", TypedValues(request, {"title", "starts_on", "ends_on", "progress", "measure"})};
                if (!request.Form("measure").value_or("").empty() && !activity.measure_id) activity.measure_id = 0;
                return Changed(request, site, service, id, typed, "activities",
                               [&] { return service.SaveActivity(user, activity); });
              });
  routes.Post("/programmes/activities/{id:int}", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto stored = service.store().FindActivity(request.IntParameter("id"));
                if (!stored) return site.Fail(request, core::Error::NotFound("There is no such activity."));
                Activity activity = *stored;
                activity.progress = NumberIn(request.Form("progress")).value_or(-1);
                activity.version = web::IdIn(request.Form("version")).value_or(0);
                Typed typed{"activity_progress", TypedValues(request, {"progress", "version"})};
                typed.values["id"] = std::to_string(stored->id);
                return Changed(request, site, service, stored->project_id, typed, "activities",
                               [&] { return service.SaveActivity(user, activity); });
              });
  routes.Post(project + "/budget-lines", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                Typed typed{"line", TypedValues(request, {"name", "funding_source", "year", "planned", "committed"})};
                BudgetLine line;
                line.project_id = id;
                line.name = request.Form("name").value_or("");
                line.funding_source = request.Form("funding_source").value_or("");
                line.year = NumberIn(request.Form("year")).value_or(0);
                const auto planned = CentsIn(request.Form("planned"));
                const auto committed = CentsIn(request.Form("committed"));
                line.planned_cents = planned.value_or(-1);
                line.committed_cents = committed.value_or(-1);
                return Changed(request, site, service, id, typed, "budget",
                               [&] { return service.AddBudgetLine(user, line); });
              });
  routes.Post(project + "/problems", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                Problem problem = TypedProblem(request);
                problem.project_id = id;
                problem.id = 0;
                Typed typed{"problem", TypedValues(request, {"title", "kind", "rating", "impact", "cause", "owner"})};
                if (problem.report_id) {  // raised in a report: back to it
                  const auto saved = service.SaveProblem(user, problem);
                  if (saved) return http::Response::Redirect(ReportPath(*problem.report_id) + "#problems");
                  return site.Fail(request, saved.error());
                }
                return Changed(request, site, service, id, typed, "problems",
                               [&] { return service.SaveProblem(user, problem); });
              });
  routes.Post(project + "/risks", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                Risk risk = TypedRisk(request);
                risk.project_id = id;
                risk.id = 0;
                Typed typed{"risk", TypedValues(request, {"title", "likelihood", "impact", "mitigation", "contingency",
                                                          "owner", "review_on"})};
                return Changed(request, site, service, id, typed, "risks",
                               [&] { return service.SaveRisk(user, risk); });
              });
  routes.Post("/programmes/risks/{id:int}", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto stored = service.store().FindRisk(request.IntParameter("id"));
                if (!stored) return site.Fail(request, core::Error::NotFound("There is no such risk."));
                Risk risk = TypedRisk(request);
                risk.id = stored->id;
                risk.project_id = stored->project_id;
                Typed typed{"risk_change", TypedValues(request, {"title", "likelihood", "impact", "mitigation",
                                                                 "contingency", "owner", "review_on", "version"})};
                typed.values["id"] = std::to_string(stored->id);
                typed.values["state"] = risk.state;
                return Changed(request, site, service, stored->project_id, typed, "risks",
                               [&] { return service.SaveRisk(user, risk); });
              });
}

}  // namespace programmes

namespace programmes {

kernel::GapSectionSource ProjectsBesideThePlan(const web::Site& site, ProjectsService& service) {
  return [&site, &service](const http::Request& request, std::string_view scope) -> std::optional<std::string> {
    // "country", "oblast:MON", "municipality:MON24": a Bulgarian municipality's code begins with its oblast's.
    const std::size_t colon = scope.find(':');
    const std::string prefix = colon == std::string_view::npos ? "" : std::string(scope.substr(colon + 1));
    const auto projects = service.store().ProjectsInScope(prefix);
    if (projects.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    nlohmann::json rows = nlohmann::json::array();
    for (const ProjectsStore::ProjectInScope& each : projects) {
      rows.push_back({{"url", ProjectPath(each.project.id)},
                      {"title", each.project.title},
                      {"place", service.MunicipalityName(each.project.municipality_code, reader.english())},
                      {"linked", reader.Say("{linked} of {activities} activities implement a measure of the plan",
                                            {{"linked", reader.Number(each.linked)},
                                             {"activities", reader.Number(each.activities)}})},
                      {"unlinked", each.linked < each.activities},
                      {"demo", each.project.demo}});
    }
    return site.RenderBody(request, "programmes/gap_section", {{"rows", rows}});
  };
}

kernel::ItemSectionSource ProjectsOfTheMeasure(const web::Site& site, ProjectsService& service) {
  return [&site, &service](const http::Request& request, std::int64_t item_id) -> std::optional<std::string> {
    const auto implementing = service.store().ActivitiesImplementing(item_id);
    if (implementing.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    nlohmann::json rows = nlohmann::json::array();
    for (const ProjectsStore::Implementing& each : implementing) {
      rows.push_back({{"url", ProjectPath(each.activity.project_id)},
                      {"project", each.project_title},
                      {"activity", each.activity.title},
                      {"days", DaysText(reader, each.activity.starts_on, each.activity.ends_on)},
                      {"progress", web::ui::Progress(reader, each.activity.progress)},
                      {"demo", each.activity.demo}});
    }
    return site.RenderBody(request, "programmes/item_section", {{"rows", rows}});
  };
}

}  // namespace programmes
