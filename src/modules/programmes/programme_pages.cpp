// /programmes: the donor programmes; a programme's page with its projects, its budget by funding source and year, the
// body that meets as its partner network, and, for the network, its problems compared across municipalities by type;
// the forms that set up a programme and its projects.
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "core/text.hpp"
#include "http/multipart.hpp"
#include "modules/programmes/programmes_routes.hpp"
#include "modules/programmes/programmes_service.hpp"
#include "web/ui.hpp"

namespace programmes {
namespace {

using nlohmann::json;

std::string PlaceName(ProjectsService& service, const web::Reader& reader, const std::string& code) {
  return service.MunicipalityName(code, reader.english());
}

Programme TypedProgramme(const http::Request& request, std::vector<core::FieldProblem>& problems) {
  Programme programme;
  programme.title = request.Form("title").value_or("");
  programme.iati_identifier = request.Form("iati_identifier").value_or("");
  programme.donor = request.Form("donor").value_or("");
  programme.operator_ = request.Form("operator").value_or("");
  programme.currency = request.Form("currency").value_or("");
  programme.period_start = request.Form("period_start").value_or("");
  programme.period_end = request.Form("period_end").value_or("");
  programme.description = request.Form("description").value_or("");
  programme.network_body_id = web::IdIn(request.Form("network_body"));
  programme.version = web::IdIn(request.Form("version")).value_or(1);
  const auto budget = request.Form("budget").value_or("");
  if (!budget.empty()) {
    programme.budget_cents = CentsIn(budget);
    if (!programme.budget_cents)
      problems.push_back({"budget", "An amount is a number of at most two decimals and cannot be negative.", budget});
  }
  return programme;
}

http::Response ProgrammeForm(http::Request& request, const web::Site& site, meetings::MeetingsService& meetings,
                             const Programme& typed, const std::string& budget_typed, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto field = [&](std::string_view name, std::string_view label, std::string value,
                         std::string_view type = "text", bool required = false, std::string_view hint = "") {
    return FormField(reader, refusal, "programme", name, label, std::move(value), type, required, hint);
  };
  json networks = json::array();
  for (const meetings::Body& body : meetings.Bodies()) {
    if (body.kind != "partner_network") continue;
    networks.push_back({{"value", body.id}, {"label", body.name}, {"selected", typed.network_body_id == body.id}});
  }
  const json refused = refusal.Data(reader, [](std::string_view name) { return "programme-" + std::string(name); });
  const json data = {
      {"csrf", web::CsrfOf(request)},
      {"action", typed.id == 0 ? "/programmes" : ProgrammePath(typed.id)},
      {"new", typed.id == 0},
      {"url", ProgrammePath(typed.id)},
      {"title", typed.title},
      {"version", typed.version},
      {"fields",
       {field("title", "Title", typed.title, "text", true), field("donor", "Donor", typed.donor),
        field("operator", "Programme operator", typed.operator_),
        field(
            "iati_identifier", "IATI identifier", typed.iati_identifier, "text", false,
            "The donor's identifier of the programme (\"CH-4-2017001234\"), to export it as IATI and import updates."),
        field("currency", "Currency", typed.currency, "text", true, "Its three-letter code: EUR, BGN, CHF."),
        field("budget", "Budget", budget_typed), field("period_start", "Starts on", typed.period_start, "date"),
        field("period_end", "Ends on", typed.period_end, "date")}},
      {"description", typed.description},
      {"networks", networks},
      {"has_networks", !networks.empty()},
      {"refusal", refused},
      {"problems", refused["problems"]}};
  return site.Page(request, reader.Translate(typed.id == 0 ? "Set up a programme" : "Change the programme"),
                   "programmes/programme_form", data, refusal.Empty() ? 200 : refusal.Status());
}

Project TypedProject(const http::Request& request) {
  Project project;
  project.title = request.Form("title").value_or("");
  project.iati_identifier = request.Form("iati_identifier").value_or("");
  project.municipality_code = request.Form("municipality").value_or("");
  project.status = request.Form("status").value_or("implementation");
  project.currency = request.Form("currency").value_or("");
  project.planned_start = request.Form("planned_start").value_or("");
  project.planned_end = request.Form("planned_end").value_or("");
  project.actual_start = request.Form("actual_start").value_or("");
  project.actual_end = request.Form("actual_end").value_or("");
  project.exchange_rate = request.Form("exchange_rate").value_or("");
  project.exchange_rate_on = request.Form("exchange_rate_on").value_or("");
  project.description = request.Form("description").value_or("");
  project.version = web::IdIn(request.Form("version")).value_or(1);
  return project;
}

http::Response ProjectForm(http::Request& request, const web::Site& site, ProjectsService& service,
                           places::PlacesService& places, const Programme& programme, const Project& typed,
                           const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto field = [&](std::string_view name, std::string_view label, std::string value,
                         std::string_view type = "text", bool required = false, std::string_view hint = "") {
    return FormField(reader, refusal, "project", name, label, std::move(value), type, required, hint);
  };
  auto municipalities = places.AllMunicipalities();
  reader.SortByName(municipalities,
                    [&](const places::Municipality& each) { return reader.english() ? each.name_en : each.name_bg; });
  json choices = json::array();
  bool chosen = typed.municipality_code.empty();
  for (const places::Municipality& municipality : municipalities) {
    chosen = chosen || municipality.code == typed.municipality_code;
    choices.push_back({{"value", municipality.code},
                       {"label", reader.english() ? municipality.name_en : municipality.name_bg},
                       {"selected", municipality.code == typed.municipality_code}});
  }
  if (!chosen) {  // a municipality of another country, as an import found it
    choices.push_back({{"value", typed.municipality_code},
                       {"label", PlaceName(service, reader, typed.municipality_code)},
                       {"selected", true}});
  }
  json statuses = json::array();
  for (const std::string_view status :
       {"pipeline", "implementation", "finalisation", "closed", "cancelled", "suspended"}) {
    statuses.push_back(
        {{"value", status}, {"label", reader.Translate(StatusTitle(status))}, {"selected", status == typed.status}});
  }
  const json refused = refusal.Data(reader, [](std::string_view name) { return "project-" + std::string(name); });
  const json data = {
      {"csrf", web::CsrfOf(request)},
      {"action", typed.id == 0 ? ProgrammePath(programme.id) + "/projects" : ProjectPath(typed.id)},
      {"new", typed.id == 0},
      {"programme", programme.title},
      {"programme_url", ProgrammePath(programme.id)},
      {"url", ProjectPath(typed.id)},
      {"title", typed.title},
      {"version", typed.version},
      {"fields",
       {field("title", "Title", typed.title, "text", true),
        field("iati_identifier", "IATI identifier", typed.iati_identifier)}},
      {"dates",
       {field("planned_start", "Planned start", typed.planned_start, "date"),
        field("planned_end", "Planned end", typed.planned_end, "date"),
        field("actual_start", "Actual start", typed.actual_start, "date"),
        field("actual_end", "Actual end", typed.actual_end, "date")}},
      {"money",
       {field("currency", "Currency", typed.currency, "text", true, "Its three-letter code: EUR, BGN, CHF."),
        field("exchange_rate", "Exchange rate to the programme's currency", typed.exchange_rate, "text", false,
              "How much one unit of the project's currency is worth in the programme's: 0.51129 from leva to euros."),
        field("exchange_rate_on", "Day of the rate", typed.exchange_rate_on, "date")}},
      {"programme_currency", reader.Say("The programme counts in {currency}.", {{"currency", programme.currency}})},
      {"municipalities", choices},
      {"statuses", statuses},
      {"description", typed.description},
      {"refusal", refused},
      {"problems", refused["problems"]}};
  return site.Page(request, reader.Translate(typed.id == 0 ? "Add a project" : "Change the project"),
                   "programmes/project_form", data, refusal.Empty() ? 200 : refusal.Status());
}

// The network's problems by type (rows) and municipality (columns): how many are open, of how many.
json ProblemsCompared(const web::Reader& reader, ProjectsService& service, const ProgrammeView& view) {
  std::vector<std::pair<std::int64_t, std::string>> columns;  // project id, its municipality's name
  for (const Project& project : view.projects) {
    const std::string place = PlaceName(service, reader, project.municipality_code);
    columns.emplace_back(project.id, place.empty() ? project.title : place);
  }
  std::map<std::pair<std::string, std::int64_t>, std::pair<int, int>> counts;  // (kind, project) → (open, all)
  std::map<std::int64_t, std::int64_t> project_of_problem;
  for (const ProblemOfProject& each : view.problems) {
    auto& [open, all] = counts[{each.problem.kind, each.problem.project_id}];
    open += each.problem.state == "open" ? 1 : 0;
    ++all;
  }
  json rows = json::array();
  for (const std::string_view kind : kProblemKinds) {
    json cells = json::array();
    int total = 0;
    for (const auto& [project_id, name] : columns) {
      const auto found = counts.find({std::string(kind), project_id});
      const auto [open, all] = found == counts.end() ? std::pair{0, 0} : found->second;
      total += all;
      cells.push_back({{"label", name},
                       {"open", open},
                       {"shown", all == 0 ? "–" : reader.Number(open) + " / " + reader.Number(all)},
                       {"has_open", open > 0}});
    }
    if (total > 0) rows.push_back({{"kind", reader.Translate(ProblemKindTitle(kind))}, {"cells", cells}});
  }
  json heads = json::array();
  for (const auto& [project_id, name] : columns) heads.push_back({{"label", name}});
  json open = json::array();
  for (const ProblemOfProject& each : view.problems) {
    if (each.problem.state != "open") continue;
    const std::string place = PlaceName(service, reader, each.municipality_code);
    open.push_back({{"url", ProblemPath(each.problem.id)},
                    {"title", each.problem.title},
                    {"place", place.empty() ? each.project_title : place},
                    {"facts", reader.Say("{place} · {kind} · rated {rating} of 5 · since {date}",
                                         {{"place", place.empty() ? each.project_title : place},
                                          {"kind", reader.Translate(ProblemKindTitle(each.problem.kind))},
                                          {"rating", reader.Number(each.problem.rating)},
                                          {"date", each.problem.opened_on, true}})},
                    {"demo", each.problem.demo}});
  }
  return {{"heads", heads}, {"rows", rows}, {"has_rows", !rows.empty()}, {"open", open}, {"has_open", !open.empty()}};
}

http::Response ProgrammePage(http::Request& request, const web::Site& site, ProjectsService& service,
                             meetings::MeetingsService& meetings, std::int64_t id) {
  const web::Reader reader = site.ReaderOf(request);
  const auto view = service.ReadProgramme(kernel::ActorOf(request), id);
  if (!view) return site.Fail(request, view.error());
  const Programme& programme = view->programme;
  json projects = json::array();
  bool demo = programme.demo;
  std::int64_t budget_total = 0;
  for (const Project& project : view->projects) {
    demo = demo || project.demo;
    // The donor's budgets when its file gave them, else what the project's budget lines plan.
    const auto stored = service.store().BudgetsOf(project.id);
    std::int64_t cents = 0;
    for (const Budget& budget : stored) cents += budget.amount.currency == project.currency ? budget.amount.cents : 0;
    const auto lines = stored.empty() ? service.store().BudgetLinesOf(project.id) : std::vector<BudgetLine>{};
    for (const BudgetLine& line : lines) cents += line.planned_cents;
    const bool known = !stored.empty() || !lines.empty();
    if (project.currency == programme.currency) {
      budget_total += cents;
    } else if (const auto converted = Converted(cents, project.exchange_rate)) {
      budget_total += *converted;
    }
    const std::string place = PlaceName(service, reader, project.municipality_code);
    projects.push_back(
        {{"url", ProjectPath(project.id)},
         {"title", project.title},
         {"place", place},
         {"status", web::ui::Badge(reader.Translate(StatusTitle(project.status)))},
         {"period", DaysText(reader, project.period().starts_on, project.period().ends_on)},
         {"budget", web::ui::Money(reader, known ? std::optional(cents) : std::nullopt, project.currency)}});
  }
  json budget = json::array();
  for (const BudgetRow& row : view->budget) {
    budget.push_back({{"year", std::to_string(row.year)},
                      {"source", row.funding_source},
                      {"planned", web::ui::Money(reader, row.planned_cents, programme.currency)},
                      {"committed", web::ui::Money(reader, row.committed_cents, programme.currency)},
                      {"spent", web::ui::Money(reader, row.spent_cents, programme.currency)},
                      {"over", row.spent_cents > row.planned_cents}});
  }
  json rates = json::array();
  for (const Project& project : view->projects) {
    if (project.currency == programme.currency || project.exchange_rate.empty()) continue;
    rates.push_back({{"text", reader.Say("{project}: 1 {from} = {rate} {to}, the rate of {date}",
                                         {{"project", project.title},
                                          {"from", project.currency},
                                          {"rate", project.exchange_rate},
                                          {"to", programme.currency},
                                          {"date", project.exchange_rate_on, true}})}});
  }
  json without_rate = json::array();
  for (const Project& project : view->without_rate) {
    without_rate.push_back({{"title", project.title}, {"url", ProjectPath(project.id)}});
  }
  std::vector<web::ui::Card> cards = {
      {reader.Number(static_cast<long>(view->projects.size())), reader.Translate("Projects")},
      {reader.Money(programme.budget_cents.value_or(budget_total), programme.currency), reader.Translate("Budget"),
       programme.budget_cents ? "" : reader.Translate("the sum of its projects' budgets")}};
  if (view->in_network) {  // the problems are the network's to see
    const auto open = std::count_if(view->problems.begin(), view->problems.end(),
                                    [](const ProblemOfProject& each) { return each.problem.state == "open"; });
    cards.push_back({reader.Number(static_cast<long>(open)), reader.Translate("Open problems"), "", "#network"});
  }
  std::optional<meetings::Body> network;
  if (programme.network_body_id) network = meetings.FindBody(*programme.network_body_id);
  const json data = {
      {"id", programme.id},
      {"url", ProgrammePath(programme.id)},
      {"title", programme.title},
      {"description", programme.description},
      {"donor", programme.donor},
      {"operator", programme.operator_},
      {"iati_identifier", programme.iati_identifier},
      {"period", DaysText(reader, programme.period_start, programme.period_end)},
      {"demo", demo},
      {"summary", web::ui::Cards(cards)},
      {"projects", projects},
      {"has_projects", !projects.empty()},
      {"no_projects", web::ui::Empty(reader.Translate("The programme has no project yet."),
                                     view->may_operate ? reader.Translate("Add a project") : "",
                                     view->may_operate ? ProgrammePath(programme.id) + "/projects/new" : "")},
      {"budget", budget},
      {"has_budget", !budget.empty()},
      {"in_currency", reader.Say("In the programme's currency, {currency}.", {{"currency", programme.currency}})},
      {"rates", rates},
      {"without_rate", without_rate},
      {"has_without_rate", !without_rate.empty()},
      {"network", network ? json{{"name", network->name},
                                 {"url", "/meetings/bodies/" + std::to_string(network->id)},
                                 {"schedule_url", "/meetings/new?body=" + std::to_string(network->id)}}
                          : json(nullptr)},
      {"in_network", view->in_network},
      {"problems", view->in_network ? ProblemsCompared(reader, service, *view) : json(nullptr)},
      {"may_operate", view->may_operate},
      {"api_url", "/api/v1/programmes/" + std::to_string(programme.id)}};
  return site.Page(request, programme.title, "programmes/programme", data);
}

}  // namespace

void AddProgrammePages(kernel::Routes& routes, const web::Site& site, ProjectsService& service,
                       meetings::MeetingsService& meetings, places::PlacesService& places) {
  routes.Get("/programmes", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const web::Reader reader = site.ReaderOf(request);
    json rows = json::array();
    bool demo = false;
    for (const Programme& programme : service.Programmes()) {
      demo = demo || programme.demo;
      const long projects = static_cast<long>(service.store().ProjectsOf(programme.id).size());
      rows.push_back({{"url", ProgrammePath(programme.id)},
                      {"title", programme.title},
                      {"donor", programme.donor},
                      {"period", DaysText(reader, programme.period_start, programme.period_end)},
                      {"projects", reader.SayPlural("{count} project", "{count} projects", projects,
                                                    {{"count", reader.Number(projects)}})},
                      {"demo", programme.demo}});
    }
    const bool operates = service.IsOperator(kernel::ActorOf(request));
    const json data = {{"programmes", rows},
                       {"has_programmes", !rows.empty()},
                       {"none", web::ui::Empty(reader.Translate("No donor programme is followed here yet."),
                                               operates ? reader.Translate("Set up a programme") : "",
                                               operates ? "/programmes/new" : "")},
                       {"demo", demo},
                       {"may_operate", operates}};
    return site.Page(request, reader.Translate("Donor programmes"), "programmes/programmes", data);
  });

  routes.Get("/programmes/new", core::Access::SignedIn(),
             [&site, &service, &meetings](http::Request& request, const core::SignedIn& user) {
               if (!service.IsOperator(user)) {
                 return site.Fail(request, core::Error::Forbidden(
                                               "Only the programme's operator sets up its programmes and projects."));
               }
               return ProgrammeForm(request, site, meetings, Programme{}, "", {});
             });
  routes.Post("/programmes", core::Access::SignedIn(),
              [&site, &service, &meetings](http::Request& request, const core::SignedIn& user) {
                std::vector<core::FieldProblem> problems;
                Programme typed = TypedProgramme(request, problems);
                const std::string budget = request.Form("budget").value_or("");
                if (!problems.empty()) {
                  return ProgrammeForm(request, site, meetings, typed, budget,
                                       web::Refusal::Of(core::Error::InvalidFields(problems)));
                }
                const auto saved = service.SaveProgramme(user, typed);
                if (saved) return http::Response::Redirect(ProgrammePath(saved->id));
                if (saved.error().kind == core::ErrorKind::kForbidden) return site.Fail(request, saved.error());
                return ProgrammeForm(request, site, meetings, typed, budget, web::Refusal::Of(saved.error()));
              });

  const std::string programme = "/programmes/{id:int}";
  routes.Get(programme, core::Access::Anyone(), [&site, &service, &meetings](http::Request& request) {
    return ProgrammePage(request, site, service, meetings, request.IntParameter("id"));
  });
  routes.Get(programme + "/edit", core::Access::SignedIn(),
             [&site, &service, &meetings](http::Request& request, const core::SignedIn& user) {
               const auto found = service.ProgrammeToChange(user, request.IntParameter("id"));
               if (!found) return site.Fail(request, found.error());
               return ProgrammeForm(request, site, meetings, *found, AmountText(found->budget_cents), {});
             });
  routes.Post(programme, core::Access::SignedIn(),
              [&site, &service, &meetings](http::Request& request, const core::SignedIn& user) {
                std::vector<core::FieldProblem> problems;
                Programme typed = TypedProgramme(request, problems);
                typed.id = request.IntParameter("id");
                const std::string budget = request.Form("budget").value_or("");
                if (!problems.empty()) {
                  return ProgrammeForm(request, site, meetings, typed, budget,
                                       web::Refusal::Of(core::Error::InvalidFields(problems)));
                }
                const auto saved = service.SaveProgramme(user, typed);
                if (saved) return http::Response::Redirect(ProgrammePath(saved->id));
                const core::ErrorKind kind = saved.error().kind;
                if (kind == core::ErrorKind::kForbidden || kind == core::ErrorKind::kNotFound) {
                  return site.Fail(request, saved.error());
                }
                return ProgrammeForm(request, site, meetings, typed, budget, web::Refusal::Of(saved.error()));
              });

  routes.Get(programme + "/projects/new", core::Access::SignedIn(),
             [&site, &service, &places](http::Request& request, const core::SignedIn& user) {
               const auto found = service.ProgrammeToChange(user, request.IntParameter("id"));
               if (!found) return site.Fail(request, found.error());
               Project typed;
               typed.programme_id = found->id;
               typed.currency = found->currency;
               return ProjectForm(request, site, service, places, *found, typed, {});
             });
  routes.Post(programme + "/projects", core::Access::SignedIn(),
              [&site, &service, &places](http::Request& request, const core::SignedIn& user) {
                const auto found = service.ProgrammeToChange(user, request.IntParameter("id"));
                if (!found) return site.Fail(request, found.error());
                Project typed = TypedProject(request);
                typed.programme_id = found->id;
                const auto saved = service.SaveProject(user, typed);
                if (saved) return http::Response::Redirect(ProjectPath(saved->id));
                return ProjectForm(request, site, service, places, *found, typed, web::Refusal::Of(saved.error()));
              });

  const std::string project = "/programmes/projects/{id:int}";
  routes.Get(project + "/edit", core::Access::SignedIn(),
             [&site, &service, &places](http::Request& request, const core::SignedIn& user) {
               const auto found = service.ProjectToChange(user, request.IntParameter("id"));
               if (!found) return site.Fail(request, found.error());
               const auto programme = service.store().FindProgramme(found->programme_id);
               return ProjectForm(request, site, service, places, *programme, *found, {});
             });
  routes.Post(project, core::Access::SignedIn(),
              [&site, &service, &places](http::Request& request, const core::SignedIn& user) {
                const auto found = service.ProjectToChange(user, request.IntParameter("id"));
                if (!found) return site.Fail(request, found.error());
                Project typed = TypedProject(request);
                typed.id = found->id;
                typed.programme_id = found->programme_id;
                const auto saved = service.SaveProject(user, typed);
                if (saved) return http::Response::Redirect(ProjectPath(saved->id));
                const auto programme = service.store().FindProgramme(found->programme_id);
                return ProjectForm(request, site, service, places, *programme, typed, web::Refusal::Of(saved.error()));
              });
}

}  // namespace programmes

namespace programmes {

namespace {

// The schema, read on the first import or export, not at start-up: most installations never use IATI.
class LazySchema {
 public:
  explicit LazySchema(std::filesystem::path xsd) : xsd_(std::move(xsd)) {}
  const IatiActivitiesSchema& Get() {
    std::call_once(read_, [this] { schema_ = std::make_unique<IatiActivitiesSchema>(xsd_); });
    return *schema_;
  }

 private:
  std::filesystem::path xsd_;
  std::once_flag read_;
  std::unique_ptr<IatiActivitiesSchema> schema_;
};

// The programmes with an IATI identifier, the latest first.
json ImportChoices(ProjectsService& projects, const std::string& chosen) {
  json choices = json::array();
  for (const Programme& programme : projects.Programmes()) {
    if (programme.iati_identifier.empty()) continue;
    choices.push_back({{"value", programme.iati_identifier},
                       {"label", programme.title + " (" + programme.iati_identifier + ")"},
                       {"selected", programme.iati_identifier == chosen}});
  }
  return choices;
}

// The import's form, and after a file was sent, what it did or why it stored nothing.
http::Response ImportPage(http::Request& request, const web::Site& site, ProjectsService& projects,
                          const std::string& programme, bool dry_run, const IatiImportReport* report,
                          const std::string& file_problem) {
  const web::Reader reader = site.ReaderOf(request);
  json data = {{"csrf", web::CsrfOf(request)},
               {"programmes", ImportChoices(projects, programme)},
               {"dry_run", dry_run},
               {"file_problem", file_problem.empty() ? "" : reader.Translate(file_problem)}};
  int status = file_problem.empty() ? 200 : 422;
  if (report) {
    json problems = json::array();
    for (const IatiProblem& problem : report->file_problems) {
      problems.push_back({{"line", problem.line > 0 ? reader.Number(static_cast<long>(problem.line)) : ""},
                          {"identifier", ""},
                          {"message", reader.Translate(problem.message)},
                          {"value", ""}});
    }
    for (const ImportProblem& problem : report->problems) {
      problems.push_back({{"line", reader.Number(static_cast<long>(problem.line))},
                          {"identifier", problem.identifier},
                          {"message", reader.Translate(problem.message)},
                          {"value", problem.value}});
    }
    json warnings = json::array();
    for (const IatiProblem& warning : report->warnings) {
      warnings.push_back({{"line", reader.Number(static_cast<long>(warning.line))}, {"message", warning.message}});
    }
    const auto count = [&](std::size_t n, std::string_view one, std::string_view many) {
      return reader.SayPlural(one, many, static_cast<long>(n), {{"count", reader.Number(static_cast<long>(n))}});
    };
    data["report"] = {
        {"stored", report->stored() && !dry_run},
        {"checked", report->stored() && dry_run},
        {"refused", !report->stored()},
        {"problems", problems},
        {"warnings", warnings},
        {"has_warnings", !warnings.empty()},
        {"programmes", count(report->programmes, "{count} programme", "{count} programmes")},
        {"projects", count(report->projects, "{count} project", "{count} projects")},
        {"saved", reader.Say("Programmes: {programmes_added} added, {programmes_updated} updated; projects: "
                             "{projects_added} added, {projects_updated} updated.",
                             {{"programmes_added", reader.Number(report->saved.programmes_added)},
                              {"programmes_updated", reader.Number(report->saved.programmes_updated)},
                              {"projects_added", reader.Number(report->saved.projects_added)},
                              {"projects_updated", reader.Number(report->saved.projects_updated)}})},
        {"indicators", report->indicators == 0
                           ? ""
                           : count(report->indicators, "The file's results frameworks hold {count} indicator.",
                                   "The file's results frameworks hold {count} indicators.")}};
    if (!report->stored()) status = 422;
  }
  return site.Page(request, reader.Translate("Import an IATI file"), "programmes/import", data, status);
}

}  // namespace

void AddIatiPages(kernel::Routes& routes, const web::Site& site, ProjectsService& projects,
                  ProgrammesService& programmes) {
  auto schema = std::make_shared<LazySchema>(site.share_directory() / "data" / "iati" / "iati-activities-schema.xsd");
  routes.Get("/programmes/import", core::Access::SignedIn(),
             [&site, &projects](http::Request& request, const core::SignedIn& user) {
               if (!projects.IsOperator(user)) {
                 return site.Fail(request, core::Error::Forbidden(std::string(import_message::kOnlyTheOperator)));
               }
               return ImportPage(request, site, projects, request.Query("programme").value_or(""), false, nullptr, "");
             });
  routes.Post("/programmes/import", core::Access::SignedIn(), http::Body::kFiles,
              [&site, &projects, &programmes, schema](http::Request& request, const core::SignedIn& user) {
                if (!projects.IsOperator(user)) {
                  return site.Fail(request, core::Error::Forbidden(std::string(import_message::kOnlyTheOperator)));
                }
                const auto* parts = http::CachedMultipartParts(request);
                const std::string programme = core::TrimSpaces(http::PartText(parts, "programme"));
                const bool dry_run = !http::PartText(parts, "dry_run").empty();
                const http::FormPart* file = http::FindPart(parts, "file");
                if (file == nullptr || !file->filename || file->body.empty()) {
                  return ImportPage(request, site, projects, programme, dry_run, nullptr,
                                    "Choose the donor's IATI activities file.");
                }
                const IatiImportReport report =
                    programmes.ImportIati(user, schema->Get(), file->body, programme, dry_run);
                return ImportPage(request, site, projects, programme, dry_run, &report, "");
              });
  routes.Get("/programmes/{id:int}/iati.xml", core::Access::SignedIn(),
             [&site, &projects, &programmes, schema](http::Request& request, const core::SignedIn& user) {
               const auto programme = projects.ProgrammeToChange(user, request.IntParameter("id"));
               if (!programme) return site.Fail(request, programme.error());
               IatiOrganisation reporting;
               reporting.ref = core::TrimSpaces(request.Query("reporting_org").value_or(""));
               reporting.type = "10";
               const std::string name = core::TrimSpaces(request.Query("reporting_org_name").value_or(""));
               if (!name.empty()) reporting.name = {{"", name}};
               if (programme->iati_identifier.empty()) {
                 return site.Fail(request, core::Error::Conflict(
                                               "Give the programme its IATI identifier first: a published activity is "
                                               "known by it."));
               }
               if (reporting.ref.empty() || !core::IsStorableText(reporting.ref) || reporting.ref.size() > 200) {
                 return site.Fail(request, core::Error::InvalidInput(
                                               "Say which organisation publishes the file: its IATI identifier, such "
                                               "as XM-DAC-12-1."));
               }
               const auto file = programmes.ExportIati(schema->Get(), programme->iati_identifier, reporting);
               if (!file) return site.Fail(request, core::Error::NotFound("There is no such programme."));
               http::Response response = http::Response::Text(*file);
               response.SetHeader("Content-Type", "application/xml; charset=utf-8");
               response.SetHeader("Content-Disposition",
                                  "attachment; filename=\"iati-activities-" + std::to_string(programme->id) + ".xml\"");
               return response;
             });
}

}  // namespace programmes
