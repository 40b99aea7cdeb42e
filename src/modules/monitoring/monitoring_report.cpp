// A cycle's shadow report: what the community found, measure by measure, beside the official story, with the
// authority's answers; a page that prints cleanly, and the same as CSV, XLSX and JSON. Also the cycles as open data.
#include <fmt/format.h>

#include "core/days.hpp"
#include "formats/table.hpp"
#include "modules/monitoring/monitoring_routes.hpp"
#include "web/ui.hpp"

namespace monitoring {
namespace {

using nlohmann::json;

constexpr std::string_view kId = "{id:int}";

// What a report is made of: the cycle's measures with both views, and its verified assessments, answers included.
struct Report {
  Cycle cycle;
  std::vector<ScopeItem> items;
  std::map<std::int64_t, CommunityView> community;  // by item
  std::vector<AssessmentView> assessments;          // verified
  std::vector<std::optional<int>> criterion_means;  // by criterion, over every verified assessment
  std::int64_t people = 0;                          // distinct named or pseudonymous monitors
  bool people_known = false;                        // false in an anonymous cycle
};

Report ReportOf(MonitoringService& service, const core::Actor& actor, const Cycle& cycle) {
  Report report{cycle, service.Scope(cycle), {}, {}, {}, 0, cycle.identity_rule != "anonymous"};
  for (const ItemInCycle& view : service.CommunityViewsOfCycle(cycle.id))
    report.community[view.item_id] = view.community;
  std::vector<std::int64_t> totals(cycle.criteria.size(), 0);
  std::vector<std::int64_t> counts(cycle.criteria.size(), 0);
  for (AssessmentView& view : service.AssessmentsOfCycle(actor, cycle)) {
    if (view.assessment.state != "verified") continue;
    for (const Score& score : view.assessment.scores) {
      if (!score.score || score.criterion < 0 || static_cast<std::size_t>(score.criterion) >= totals.size()) continue;
      totals[score.criterion] += *score.score;
      ++counts[score.criterion];
    }
    report.assessments.push_back(std::move(view));
  }
  for (std::size_t n = 0; n < totals.size(); ++n) {
    report.criterion_means.push_back(
        counts[n] > 0 ? std::optional<int>(static_cast<int>((totals[n] * 2 + counts[n]) / (counts[n] * 2)))
                      : std::nullopt);
  }
  report.people = service.CountMonitors(cycle.id);
  return report;
}

std::string PeopleText(const web::Reader& reader, const Report& report, int suppress_below) {
  if (!report.people_known) return reader.Translate("not counted: the cycle is anonymous");
  if (report.people < suppress_below) {
    return reader.Say("fewer than {count}", {{"count", reader.Number(suppress_below)}});
  }
  return reader.Number(report.people);
}

http::Response ReportPage(http::Request& request, const web::Site& site, MonitoringService& service) {
  const auto cycle = service.FindCycle(request.IntParameter("id"));
  if (!cycle) return site.Fail(request, cycle.error());
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor visitor;  // the report is public: what a visitor sees, whoever prints it
  const Report report = ReportOf(service, visitor, *cycle);
  json criteria = json::array();
  for (std::size_t n = 0; n < cycle->criteria.size(); ++n) {
    const auto mean = report.criterion_means[n];
    criteria.push_back(
        {{"name", CriterionName(reader, cycle->criteria[n])},
         {"mean", mean ? reader.Number(*mean) : reader.Translate("not scored")},
         {"progress", web::ui::Progress(reader, mean ? std::optional<double>(*mean) : std::nullopt, "not scored")}});
  }
  json items = json::array();
  int differing = 0;
  bool demo = cycle->demo;
  for (const ScopeItem& item : report.items) {
    const auto community = report.community.find(item.id);
    json entry = ItemJson(reader, item);
    entry["official"] = OfficialJson(reader, item.official);
    const bool assessed = community != report.community.end();
    entry["assessed"] = assessed;
    if (assessed) {
      entry["community"] = CommunityJson(reader, community->second);
      const bool differs = Differs(item.official, community->second, service.threshold());
      entry["differs"] = differs;
      differing += differs ? 1 : 0;
    }
    json assessments = json::array();
    for (const AssessmentView& view : report.assessments) {
      if (view.assessment.item_id == item.id) assessments.push_back(AssessmentJson(reader, view));
    }
    entry["assessments"] = assessments;
    demo = demo || item.demo;
    if (assessed) items.push_back(std::move(entry));
  }
  json data = CycleJson(reader, service, *cycle);
  data["organisation"] = service.OrganisationName(cycle->organisation_id);
  data["criterion_means"] = criteria;
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["demo"] = demo;
  data["printed_on"] = reader.Date(service.Today());
  data["summary"] = web::ui::Cards(
      {{reader.Number(static_cast<long long>(report.assessments.size())), reader.Translate("verified assessments"), "",
        ""},
       {reader.Number(static_cast<long long>(items.size())), reader.Translate("measures and activities assessed"), "",
        ""},
       {reader.Number(differing), reader.Translate("discrepancies"), "", ""},
       {PeopleText(reader, report, service.suppress_below()), reader.Translate("monitors who filed"), "", ""}});
  if (const auto outcome = service.OutcomeOf(cycle->id)) {
    data["outcome"] = {{"meeting_date", reader.Date(outcome->meeting_date)}, {"summary", outcome->summary}};
  }
  json actions = json::array();
  for (const Action& action : service.ActionsOf(cycle->id)) {
    actions.push_back({{"title", action.title},
                       {"owner", action.owner},
                       {"due", action.due_date.empty() ? "" : reader.Date(action.due_date)},
                       {"status", reader.Translate(ActionStatusTitle(action.status))},
                       {"note", action.note}});
  }
  data["joint_plan"] = actions;
  data["has_joint_plan"] = !actions.empty();
  data["csv_url"] = "/monitoring/cycles/" + std::to_string(cycle->id) + "/report.csv";
  data["xlsx_url"] = "/monitoring/cycles/" + std::to_string(cycle->id) + "/report.csv?format=xlsx";
  data["json_url"] = "/api/v1/monitoring/cycles/" + std::to_string(cycle->id) + "/report";
  return site.Page(request, reader.Say("Shadow report: {title}", {{"title", cycle->title}}), "monitoring/report", data);
}

// One row per verified assessment and criterion (a row with no criterion when none was scored), answers joined.
std::vector<std::vector<std::string>> ReportTable(MonitoringService& service, const Report& report) {
  std::vector<std::vector<std::string>> rows = {{"cycle_id",
                                                 "cycle",
                                                 "municipality",
                                                 "item_id",
                                                 "item_code",
                                                 "item",
                                                 "official_status",
                                                 "official_progress",
                                                 "community_status",
                                                 "community_mean_score",
                                                 "discrepancy",
                                                 "assessment_id",
                                                 "filed_on",
                                                 "filed_by",
                                                 "observed_status",
                                                 "criterion",
                                                 "score",
                                                 "reason",
                                                 "suggestion",
                                                 "narrative",
                                                 "authority_answer",
                                                 "answered_on",
                                                 "demo"}};
  std::map<std::int64_t, const ScopeItem*> items;
  for (const ScopeItem& item : report.items) items[item.id] = &item;
  for (const AssessmentView& view : report.assessments) {
    const auto item = items.find(view.assessment.item_id);
    if (item == items.end()) continue;
    const ScopeItem& scope = *item->second;
    const CommunityView community =
        report.community.contains(scope.id) ? report.community.at(scope.id) : CommunityView{};
    std::string answers;
    std::string answered_on;
    for (const Reply& reply : view.assessment.replies) {
      answers += (answers.empty() ? "" : "\n") + reply.body;
      answered_on = core::IsoDay(reply.replied_at);
    }
    const auto row = [&](std::string criterion, std::string score, std::string reason, std::string suggestion) {
      rows.push_back({std::to_string(report.cycle.id),
                      report.cycle.title,
                      report.cycle.municipality_code,
                      std::to_string(scope.id),
                      scope.code,
                      scope.title,
                      scope.official.status,
                      scope.official.progress ? std::to_string(*scope.official.progress) : "",
                      community.status,
                      community.mean_score ? std::to_string(*community.mean_score) : "",
                      Differs(scope.official, community, service.threshold()) ? "yes" : "no",
                      std::to_string(view.assessment.id),
                      core::IsoDay(view.assessment.filed_at),
                      view.filer,
                      view.assessment.observed_status,
                      std::move(criterion),
                      std::move(score),
                      std::move(reason),
                      std::move(suggestion),
                      view.assessment.narrative,
                      answers,
                      answered_on,
                      view.assessment.demo || report.cycle.demo ? "yes" : "no"});
    };
    if (view.assessment.scores.empty()) row("", "", "", "");
    for (const Score& score : view.assessment.scores) {
      const std::string criterion = static_cast<std::size_t>(score.criterion) < report.cycle.criteria.size()
                                        ? report.cycle.criteria[score.criterion].name
                                        : "";
      row(criterion, score.score ? std::to_string(*score.score) : "", score.reason, score.suggestion);
    }
  }
  return rows;
}

json JointPlanJson(MonitoringService& service, std::int64_t cycle_id) {
  json actions = json::array();
  for (const Action& action : service.ActionsOf(cycle_id)) {
    actions.push_back({{"title", action.title},
                       {"owner", action.owner},
                       {"due_date", action.due_date.empty() ? json(nullptr) : json(action.due_date)},
                       {"status", action.status},
                       {"note", action.note}});
  }
  const auto outcome = service.OutcomeOf(cycle_id);
  return {{"meeting_date", outcome ? json(outcome->meeting_date) : json(nullptr)},
          {"summary", outcome ? json(outcome->summary) : json(nullptr)},
          {"actions", actions}};
}

json ReportJson(MonitoringService& service, const Report& report) {
  json criteria = json::array();
  for (std::size_t n = 0; n < report.cycle.criteria.size(); ++n) {
    criteria.push_back({{"name", report.cycle.criteria[n].name},
                        {"name_en", report.cycle.criteria[n].name_en},
                        {"mean_score", report.criterion_means[n] ? json(*report.criterion_means[n]) : json(nullptr)}});
  }
  json items = json::array();
  for (const ScopeItem& item : report.items) {
    const auto community = report.community.find(item.id);
    if (community == report.community.end()) continue;
    json assessments = json::array();
    for (const AssessmentView& view : report.assessments) {
      if (view.assessment.item_id != item.id) continue;
      json scores = json::array();
      for (const Score& score : view.assessment.scores) {
        scores.push_back({{"criterion", score.criterion},
                          {"score", score.score ? json(*score.score) : json(nullptr)},
                          {"reason", score.reason},
                          {"suggestion", score.suggestion}});
      }
      json answers = json::array();
      for (const Reply& reply : view.assessment.replies) {
        answers.push_back({{"body", reply.body}, {"by", reply.replied_by}, {"on", core::IsoDay(reply.replied_at)}});
      }
      assessments.push_back({{"id", view.assessment.id},
                             {"filed_on", core::IsoDay(view.assessment.filed_at)},
                             {"filed_by", view.filer.empty() ? json(nullptr) : json(view.filer)},
                             {"observed_status", view.assessment.observed_status},
                             {"narrative", view.assessment.narrative},
                             {"scores", scores},
                             {"authority_answers", answers},
                             {"demo", view.assessment.demo}});
    }
    items.push_back(
        {{"id", item.id},
         {"code", item.code},
         {"title", item.title},
         {"title_en", item.title_en},
         {"kind", item.kind},
         {"official",
          {{"status", item.official.status},
           {"progress", item.official.progress ? json(*item.official.progress) : json(nullptr)}}},
         {"community",
          {{"status", community->second.status},
           {"mean_score", community->second.mean_score ? json(*community->second.mean_score) : json(nullptr)},
           {"verified_assessments", community->second.assessments}}},
         {"discrepancy", Differs(item.official, community->second, service.threshold())},
         {"assessments", assessments}});
  }
  const bool suppressed = report.people_known && report.people < service.suppress_below();
  return {{"cycle",
           {{"id", report.cycle.id},
            {"title", report.cycle.title},
            {"municipality", report.cycle.municipality_code},
            {"period_start", report.cycle.period_start},
            {"period_end", report.cycle.period_end},
            {"method", report.cycle.method},
            {"identity_rule", report.cycle.identity_rule},
            {"status", report.cycle.status},
            {"demo", report.cycle.demo}}},
          {"criteria", criteria},
          {"monitors", report.people_known && !suppressed ? json(report.people) : json(nullptr)},
          {"monitors_suppressed", suppressed},
          {"discrepancy_threshold", service.threshold()},
          {"joint_action_plan", JointPlanJson(service, report.cycle.id)},
          {"items", items}};
}

json CycleListJson(MonitoringService& service, const std::vector<Cycle>& cycles) {
  json list = json::array();
  for (const Cycle& cycle : cycles) {
    json criteria = json::array();
    for (const Criterion& criterion : cycle.criteria) criteria.push_back(criterion.name);
    list.push_back({{"id", cycle.id},
                    {"title", cycle.title},
                    {"municipality", cycle.municipality_code},
                    {"organisation", service.OrganisationName(cycle.organisation_id)},
                    {"period_start", cycle.period_start},
                    {"period_end", cycle.period_end},
                    {"method", cycle.method},
                    {"identity_rule", cycle.identity_rule},
                    {"status", cycle.status},
                    {"demo", cycle.demo}});
  }
  return list;
}

}  // namespace

void AddReportPages(kernel::Routes& routes, const web::Site& site, MonitoringService& service) {
  const std::string cycle = "/monitoring/cycles/" + std::string(kId);
  routes.Get(cycle + "/report", core::Access::Anyone(),
             [&site, &service](http::Request& request) { return ReportPage(request, site, service); });
  routes.Get(cycle + "/report.csv", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const auto found = service.FindCycle(request.IntParameter("id"));
    if (!found) return site.Fail(request, found.error());
    const auto table = ReportTable(service, ReportOf(service, core::Actor{}, *found));
    const std::string name = fmt::format("khetane-shadow-report-{}", found->id);
    if (request.Query("format").value_or("") == "xlsx") {
      const auto workbook = formats::WriteXlsx(table);
      if (!workbook) return site.Fail(request, core::Error::Internal(workbook.error().message));
      return web::Site::Download(*workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                 name + ".xlsx");
    }
    return web::Site::Download(formats::WriteCsv(table), "text/csv; charset=utf-8", name + ".csv");
  });
  routes.Get("/api/v1/monitoring/cycles/" + std::string(kId) + "/report", core::Access::Anyone(),
             [&site, &service](http::Request& request) {
               const auto found = service.FindCycle(request.IntParameter("id"));
               if (!found) return site.Fail(request, found.error());
               return web::Site::Json(ReportJson(service, ReportOf(service, core::Actor{}, *found)));
             });
  routes.Get("/monitoring/cycles.csv", core::Access::Anyone(), [&service](http::Request& request) {
    std::vector<std::vector<std::string>> rows = {{"id", "title", "municipality", "organisation", "period_start",
                                                   "period_end", "method", "identity_rule", "status", "demo"}};
    for (const Cycle& each : service.Cycles(request.Query("municipality").value_or(""))) {
      rows.push_back({std::to_string(each.id), each.title, each.municipality_code,
                      service.OrganisationName(each.organisation_id), each.period_start, each.period_end, each.method,
                      each.identity_rule, each.status, each.demo ? "yes" : "no"});
    }
    return web::Site::Download(formats::WriteCsv(rows), "text/csv; charset=utf-8", "khetane-monitoring-cycles.csv");
  });
  routes.Get("/api/v1/monitoring/cycles", core::Access::Anyone(), [&service](http::Request& request) {
    return web::Site::List(
        {{"cycles", CycleListJson(service, service.Cycles(request.Query("municipality").value_or("")))}}, "cycles");
  });
}

}  // namespace monitoring
