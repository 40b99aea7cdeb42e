// Where the official story and the community's differ: a municipality's discrepancies (resolved with a note by
// either side) and its overdue measures, as a page, CSV and JSON; and the two views on a measure's page.
#include <fmt/format.h>

#include "core/days.hpp"
#include "core/text.hpp"
#include "formats/table.hpp"
#include "modules/monitoring/monitoring_routes.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace monitoring {
namespace {

using nlohmann::json;

constexpr std::string_view kMunicipalityCode = "{code:[A-Z]{3}[0-9]{2}}";

std::string PlacePath(const std::string& code) { return "/monitoring/places/" + code; }

// The plan a list is narrowed to (`?plan=ID`), or every plan of the municipality.
std::optional<std::int64_t> PlanOf(const http::Request& request) {
  const std::string plan = request.Query("plan").value_or("");
  if (plan.empty() || plan.size() > 18 || !std::ranges::all_of(plan, ::isdigit)) return std::nullopt;
  return std::stoll(plan);
}

json ResolutionJson(const web::Reader& reader, const Resolution& resolution) {
  return {{"note", resolution.note},
          {"side", reader.Translate(resolution.side == "authority" ? "the municipality" : "the community")},
          {"by", resolution.resolved_by},
          {"date", reader.Date(core::IsoDay(resolution.resolved_at))}};
}

http::Response PlacePage(http::Request& request, const web::Site& site, MonitoringService& service,
                         const web::Refusal& refusal, std::int64_t refused_item, std::int64_t refused_cycle,
                         const std::string& typed_note) {
  const std::string code = request.Parameter("code");
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  const std::string place = service.PlaceName(code, reader.english());
  if (place == code) return site.Fail(request, core::Error::NotFound("There is no such municipality."));
  const auto id_of = [](std::string_view field) { return "resolve-" + std::string(field); };
  json open = json::array();
  json resolved = json::array();
  bool demo = false;
  const std::optional<std::int64_t> plan = PlanOf(request);
  for (const Discrepancy& each : service.Discrepancies(code, plan)) {
    json entry = ItemJson(reader, each.item);
    entry["official"] = OfficialJson(reader, each.item.official);
    entry["community"] = CommunityJson(reader, each.community);
    entry["cycle"] = {{"title", each.cycle.title}, {"url", "/monitoring/cycles/" + std::to_string(each.cycle.id)}};
    entry["cycle_id"] = each.cycle.id;
    entry["may_resolve"] =
        !each.resolution && (MonitoringService::MayModerate(actor, each.cycle) || service.IsOfficialOf(actor, code));
    const bool refused_here = each.item.id == refused_item && each.cycle.id == refused_cycle;
    entry["typed_note"] = refused_here ? typed_note : "";
    entry["problem"] = refused_here ? refusal.ProblemOf(reader, "note") : "";
    demo = demo || each.item.demo || each.cycle.demo;
    if (each.resolution) {
      entry["resolution"] = ResolutionJson(reader, *each.resolution);
      resolved.push_back(std::move(entry));
    } else {
      open.push_back(std::move(entry));
    }
  }
  std::string plan_title;
  for (const policies::Document& each : plan ? service.PlansOf(code) : std::vector<policies::Document>{}) {
    if (each.id == *plan) plan_title = reader.Localised(each.title, each.title_en);
  }
  json overdue = json::array();
  for (const ScopeItem& item : service.Overdue(code)) {
    json entry = ItemJson(reader, item);
    entry["official"] = OfficialJson(reader, item.official);
    demo = demo || item.demo;
    overdue.push_back(std::move(entry));
  }
  const json data = {
      {"place", place},
      {"code", code},
      {"plan_query", plan ? "?plan=" + std::to_string(*plan) : ""},
      {"plan_title", plan_title},
      {"place_url", "/places/municipalities/" + code},
      {"csrf", web::CsrfOf(request)},
      {"open", open},
      {"has_open", !open.empty()},
      {"resolved", resolved},
      {"has_resolved", !resolved.empty()},
      {"overdue", overdue},
      {"has_overdue", !overdue.empty()},
      {"demo", demo},
      {"threshold_text",
       reader.Say("A discrepancy: the official progress of a measure is more than {threshold} points ahead of what the "
                  "community's verified assessments found, or the plan says work is done or under way and the "
                  "community saw nothing on the ground.",
                  {{"threshold", reader.Number(service.threshold())}})},
      {"overdue_text", reader.Say("Past their deadline (or their end, when they have no deadline) on {date}, and not "
                                  "reported as completed or cancelled.",
                                  {{"date", service.Today(), true}})},
      {"refusal", refusal.Data(reader, id_of)},
      {"summary", web::ui::Cards({{reader.Number(static_cast<long long>(open.size())),
                                   reader.Translate("open discrepancies"), "", "#open"},
                                  {reader.Number(static_cast<long long>(overdue.size())),
                                   reader.Translate("overdue measures and activities"), "", "#overdue"}})}};
  return site.Page(request, reader.Say("Monitoring of {place}", {{"place", place}}), "monitoring/place", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

std::vector<std::vector<std::string>> DiscrepancyTable(MonitoringService& service, const std::string& code,
                                                       std::optional<std::int64_t> plan) {
  std::vector<std::vector<std::string>> rows = {{"item_id", "code", "title", "kind", "cycle_id", "cycle",
                                                 "official_status", "official_progress", "community_status",
                                                 "community_mean_score", "verified_assessments", "resolved",
                                                 "resolution_note", "resolved_by_side", "resolved_on", "demo"}};
  for (const Discrepancy& each : service.Discrepancies(code, plan)) {
    rows.push_back({std::to_string(each.item.id), each.item.code, each.item.title, each.item.kind,
                    std::to_string(each.cycle.id), each.cycle.title, each.item.official.status,
                    each.item.official.progress ? std::to_string(*each.item.official.progress) : "",
                    each.community.status, each.community.mean_score ? std::to_string(*each.community.mean_score) : "",
                    std::to_string(each.community.assessments), each.resolution ? "yes" : "no",
                    each.resolution ? each.resolution->note : "", each.resolution ? each.resolution->side : "",
                    each.resolution ? core::IsoDay(each.resolution->resolved_at) : "",
                    each.item.demo || each.cycle.demo ? "yes" : "no"});
  }
  return rows;
}

json DiscrepancyListJson(MonitoringService& service, const std::string& code, std::optional<std::int64_t> plan) {
  json list = json::array();
  for (const Discrepancy& each : service.Discrepancies(code, plan)) {
    list.push_back(
        {{"item",
          {{"id", each.item.id}, {"code", each.item.code}, {"title", each.item.title}, {"kind", each.item.kind}}},
         {"cycle", {{"id", each.cycle.id}, {"title", each.cycle.title}}},
         {"official",
          {{"status", each.item.official.status},
           {"progress", each.item.official.progress ? json(*each.item.official.progress) : json(nullptr)}}},
         {"community",
          {{"status", each.community.status},
           {"mean_score", each.community.mean_score ? json(*each.community.mean_score) : json(nullptr)},
           {"verified_assessments", each.community.assessments}}},
         {"resolution", each.resolution ? json{{"note", each.resolution->note},
                                               {"side", each.resolution->side},
                                               {"resolved_on", core::IsoDay(each.resolution->resolved_at)}}
                                        : json(nullptr)},
         {"demo", each.item.demo || each.cycle.demo}});
  }
  return list;
}

}  // namespace

void AddDiscrepancyPages(kernel::Routes& routes, const web::Site& site, MonitoringService& service) {
  const std::string place = "/monitoring/places/" + std::string(kMunicipalityCode);
  routes.Get(place + "/discrepancies.csv", core::Access::Anyone(), [&service](http::Request& request) {
    return web::Site::Download(formats::WriteCsv(DiscrepancyTable(service, request.Parameter("code"), PlanOf(request))),
                               "text/csv; charset=utf-8",
                               fmt::format("khetane-discrepancies-{}.csv", request.Parameter("code")));
  });
  routes.Get(place + "/overdue.csv", core::Access::Anyone(), [&service](http::Request& request) {
    std::vector<std::vector<std::string>> rows = {
        {"item_id", "code", "title", "kind", "due", "official_status", "official_progress", "demo"}};
    for (const ScopeItem& item : service.Overdue(request.Parameter("code"))) {
      rows.push_back({std::to_string(item.id), item.code, item.title, item.kind,
                      item.deadline.empty() ? item.end_date : item.deadline, item.official.status,
                      item.official.progress ? std::to_string(*item.official.progress) : "", item.demo ? "yes" : "no"});
    }
    return web::Site::Download(formats::WriteCsv(rows), "text/csv; charset=utf-8",
                               fmt::format("khetane-overdue-{}.csv", request.Parameter("code")));
  });
  routes.Get(place, core::Access::Anyone(),
             [&site, &service](http::Request& request) { return PlacePage(request, site, service, {}, 0, 0, ""); });
  routes.Post(place + "/resolve", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t item = std::atoll(request.Form("item").value_or("0").c_str());
                const std::int64_t cycle = std::atoll(request.Form("cycle").value_or("0").c_str());
                const std::string note = request.Form("note").value_or("");
                const auto resolved = service.Resolve(user, item, cycle, note);
                if (!resolved) {
                  if (resolved.error().kind != core::ErrorKind::kInvalidInput)
                    return site.Fail(request, resolved.error());
                  return PlacePage(request, site, service, web::Refusal::Of(resolved.error()), item, cycle, note);
                }
                return http::Response::Redirect(PlacePath(request.Parameter("code")) + "#resolved");
              });
  routes.Post("/monitoring/follow", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::string kind = request.Form("kind").value_or("");
                const std::string target = request.Form("target").value_or("");
                const auto done =
                    request.Form("stop") ? service.Unfollow(user, kind, target) : service.Follow(user, kind, target);
                if (!done) return site.Fail(request, done.error());
                // Back to the page the button was on, on this site only.
                const std::string back = request.Form("back").value_or("");
                const bool local = back.starts_with("/") && !back.starts_with("//") &&
                                   back.find_first_of("\\\r\n") == std::string::npos;
                return http::Response::Redirect(local ? back : "/monitoring");
              });
  routes.Get(
      "/api/v1/monitoring/places/" + std::string(kMunicipalityCode) + "/overdue", core::Access::Anyone(),
      [&site, &service](http::Request& request) {
        const std::string code = request.Parameter("code");
        if (service.PlaceName(code, false) == code) {
          return site.Fail(request, core::Error::NotFound("There is no such municipality."));
        }
        json items = json::array();
        for (const ScopeItem& item : service.Overdue(code)) {
          items.push_back({{"id", item.id},
                           {"code", item.code},
                           {"title", item.title},
                           {"title_en", item.title_en},
                           {"kind", item.kind},
                           {"due", item.deadline.empty() ? item.end_date : item.deadline},
                           {"official",
                            {{"status", item.official.status},
                             {"progress", item.official.progress ? json(*item.official.progress) : json(nullptr)}}},
                           {"demo", item.demo}});
        }
        return web::Site::List({{"municipality", code}, {"today", service.Today()}, {"overdue", items}}, "overdue");
      });
  routes.Get("/api/v1/monitoring/places/" + std::string(kMunicipalityCode) + "/discrepancies", core::Access::Anyone(),
             [&site, &service](http::Request& request) {
               const std::string code = request.Parameter("code");
               if (service.PlaceName(code, false) == code) {
                 return site.Fail(request, core::Error::NotFound("There is no such municipality."));
               }
               return web::Site::List({{"municipality", code},
                                       {"threshold", service.threshold()},
                                       {"discrepancies", DiscrepancyListJson(service, code, PlanOf(request))}},
                                      "discrepancies");
             });
}

kernel::ItemSectionSource CommunityViewOfTheItem(const web::Site& site, MonitoringService& service) {
  return [&site, &service](const http::Request& request, std::int64_t item_id) -> std::optional<std::string> {
    const auto item = service.FindItem(item_id);
    if (!item) return std::nullopt;  // objectives, drafts and other levels are not monitored
    const web::Reader reader = site.ReaderOf(request);
    const core::Actor actor = kernel::ActorOf(request);
    json cycles = json::array();
    for (const SideBySide& view : service.ViewsOfItem(item_id)) {
      cycles.push_back({{"title", view.cycle.title},
                        {"url", "/monitoring/cycles/" + std::to_string(view.cycle.id)},
                        {"community", CommunityJson(reader, view.community)},
                        {"differs", view.differs},
                        {"resolution", view.resolution ? ResolutionJson(reader, *view.resolution) : json(nullptr)},
                        {"demo", view.cycle.demo}});
    }
    json assessments = json::array();
    bool demo = false;
    for (const AssessmentView& view : service.AssessmentsOfItem(actor, item_id)) {
      if (view.assessment.state != "verified") continue;
      demo = demo || view.assessment.demo;
      assessments.push_back(AssessmentJson(reader, view));
      if (assessments.size() == 20) break;
    }
    json open_cycles = json::array();
    for (const Cycle& cycle : service.Cycles(item->municipality_code)) {
      if (cycle.status != "open" || !MonitoringService::MayFile(actor, cycle)) continue;
      if (cycle.document_id && *cycle.document_id != item->document_id) continue;
      open_cycles.push_back(
          {{"label", reader.Say("Assess it in {cycle}", {{"cycle", cycle.title}})},
           {"url", "/monitoring/cycles/" + std::to_string(cycle.id) + "/assess?item=" + std::to_string(item_id)}});
    }
    const json data = {{"follow", FollowJson(request, service, actor, "item", std::to_string(item_id),
                                             "/policies/items/" + std::to_string(item_id))},
                       {"official", OfficialJson(reader, item->official)},
                       {"cycles", cycles},
                       {"has_cycles", !cycles.empty()},
                       {"assessments", assessments},
                       {"has_assessments", !assessments.empty()},
                       {"open_cycles", open_cycles},
                       {"demo", demo},
                       {"place_url", PlacePath(item->municipality_code)},
                       {"threshold", reader.Number(service.threshold())}};
    return site.RenderBody(request, "monitoring/item_section", data);
  };
}

namespace {

// The part of a municipality's page: its cycles, open discrepancies and overdue measures counted, and "Follow".
std::optional<std::string> MonitoringSection(const http::Request& request, const web::Site& site,
                                             MonitoringService& service, const std::string& code) {
  const std::vector<Cycle> cycles = service.Cycles(code);
  // Discrepancies need a cycle: a municipality nobody monitors is spared the query on every visit of its page.
  const auto discrepancies = cycles.empty() ? std::vector<Discrepancy>{} : service.Discrepancies(code);
  const auto open = std::ranges::count_if(discrepancies, [](const Discrepancy& each) { return !each.resolution; });
  const auto overdue = service.Overdue(code).size();
  const core::Actor actor = kernel::ActorOf(request);
  // A visitor sees the part only when there is something to see; a signed-in person may follow the municipality.
  if (cycles.empty() && open == 0 && overdue == 0 && !actor.user_id) return std::nullopt;
  const web::Reader reader = site.ReaderOf(request);
  json list = json::array();
  for (const Cycle& cycle : cycles) list.push_back(CycleJson(reader, service, cycle));
  const json data = {
      {"follow", FollowJson(request, service, actor, "municipality", code, "/places/municipalities/" + code)},
      {"cycles", list},
      {"has_cycles", !list.empty()},
      {"url", PlacePath(code)},
      {"summary",
       web::ui::Cards({{reader.Number(open), reader.Translate("open discrepancies"), "", PlacePath(code) + "#open"},
                       {reader.Number(static_cast<long long>(overdue)),
                        reader.Translate("overdue measures and activities"), "", PlacePath(code) + "#overdue"}})}};
  return site.RenderBody(request, "monitoring/place_section", data);
}

}  // namespace

kernel::PlaceSectionSource MonitoringOfThePlace(const web::Site& site, MonitoringService& service) {
  return [&site, &service](const http::Request& request, std::string_view municipality) {
    return MonitoringSection(request, site, service, std::string(municipality));
  };
}

}  // namespace monitoring
