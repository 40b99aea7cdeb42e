#include "modules/places/places_routes.hpp"

#include <fmt/format.h>

#include <cmath>

#include "modules/places/places_views.hpp"
#include "web/svg_chart.hpp"

namespace places {
namespace {

using nlohmann::json;

constexpr std::string_view kMunicipalityCode = "{code:[A-Z]{3}[0-9]{2}}";
constexpr std::string_view kOblastCode = "{code:[A-Z]{3}}";
constexpr std::int64_t kSettlementHitsShown = 20;

// The name in the reader's language first, the other beside it.
json Names(const web::Reader& reader, const std::string& name_bg, const std::string& name_en) {
  const bool english = reader.english();
  return {{"name", english ? name_en : name_bg},
          {"other_name", english ? name_bg : name_en},
          {"other_lang", english ? "bg" : "en"}};
}

std::string MunicipalityPath(const std::string& code) { return "/places/municipalities/" + code; }
std::string OblastPath(const std::string& code) { return "/places/oblasts/" + code; }

json OblastJson(const Oblast& oblast) {
  return {{"code", oblast.code},
          {"ekatte", oblast.ekatte},
          {"name_bg", oblast.name_bg},
          {"name_en", oblast.name_en},
          {"nuts2", oblast.nuts2},
          {"nuts3", oblast.nuts3},
          {"municipality_count", oblast.municipality_count},
          {"url", OblastPath(oblast.code)}};
}

json MunicipalityJson(const Municipality& municipality) {
  json item = {{"code", municipality.code},
               {"lau", municipality.code},
               {"ekatte", municipality.ekatte},
               {"name_bg", municipality.name_bg},
               {"name_en", municipality.name_en},
               {"oblast_code", municipality.oblast_code},
               {"nuts3", municipality.nuts3},
               {"url", MunicipalityPath(municipality.code)},
               {"api_url", "/api/v1/places/municipalities/" + municipality.code}};
  if (municipality.latest_population) {
    item["population"] = {{"year", municipality.latest_population->year},
                          {"value", municipality.latest_population->population}};
  } else {
    item["population"] = nullptr;
  }
  return item;
}

// {"items": [...], "total": N, "next": URL or null}; `base` is the path with its filters, without limit and offset.
json ListJson(json items, std::int64_t total, const Page& page, const std::string& base) {
  json next = nullptr;
  if (page.offset + page.limit < total) {
    next = fmt::format("{}{}limit={}&offset={}", base, base.find('?') == std::string::npos ? "?" : "&", page.limit,
                       page.offset + page.limit);
  }
  return {{"items", std::move(items)}, {"total", total}, {"next", std::move(next)}};
}

// Links to the previous and next page of an HTML list, keeping the other query parameters.
json Pager(const web::Reader& reader, std::int64_t total, const Page& page, const std::string& base) {
  json pager = json::object();
  const std::string joiner = base.find('?') == std::string::npos ? "?" : "&";
  if (page.offset > 0) {
    pager["previous"] = fmt::format("{}{}offset={}", base, joiner, std::max<std::int64_t>(0, page.offset - page.limit));
  }
  if (page.offset + page.limit < total)
    pager["next"] = fmt::format("{}{}offset={}", base, joiner, page.offset + page.limit);
  pager["summary"] = fmt::format(
      fmt::runtime(reader.Translate("{first}–{last} of {total}")), fmt::arg("first", total == 0 ? 0 : page.offset + 1),
      fmt::arg("last", std::min(total, page.offset + page.limit)), fmt::arg("total", reader.Number(total)));
  pager["show"] = pager.contains("previous") || pager.contains("next");
  return pager;
}

json MunicipalityRow(const web::Reader& reader, const Municipality& municipality) {
  json row = Names(reader, municipality.name_bg, municipality.name_en);
  row["code"] = municipality.code;
  row["url"] = MunicipalityPath(municipality.code);
  row["population"] = municipality.latest_population ? reader.Number(municipality.latest_population->population)
                                                     : reader.Translate("no data");
  return row;
}

std::string KindName(const web::Reader& reader, const std::string& kind) {
  if (kind == "city") return reader.Translate("town");
  if (kind == "monastery") return reader.Translate("monastery");
  return reader.Translate("village");
}

// --- pages -----------------------------------------------------------------------------------------------

http::Response OblastsPage(http::Request& request, const web::Site& site, PlacesService& service) {
  const web::Reader reader = site.ReaderOf(request);
  auto oblasts = service.ListOblasts({kMaxPageLimit, 0});
  if (!oblasts) return site.Fail(request, oblasts.error());
  json rows = json::array();
  for (const auto& oblast : oblasts->items) {
    json row = Names(reader, oblast.name_bg, oblast.name_en);
    row["code"] = oblast.code;
    row["url"] = OblastPath(oblast.code);
    row["nuts3"] = oblast.nuts3;
    row["municipality_count"] = oblast.municipality_count;
    rows.push_back(std::move(row));
  }
  // UTF-8 byte order is alphabetical order for Bulgarian Cyrillic and for Latin names alike.
  std::sort(rows.begin(), rows.end(), [](const json& a, const json& b) { return a["name"] < b["name"]; });
  return site.Page(request, reader.Translate("Oblasts of Bulgaria"), "places/oblasts", {{"oblasts", rows}});
}

http::Response OblastPage(http::Request& request, const web::Site& site, PlacesService& service) {
  const web::Reader reader = site.ReaderOf(request);
  auto oblast = service.FindOblast(request.Parameter("code"));
  if (!oblast) return site.Fail(request, oblast.error());
  const bool by_population = request.Query("sort") == std::optional<std::string>("population");
  auto municipalities = service.ListMunicipalities(
      oblast->code, by_population ? SortMunicipalities::kByPopulation : SortMunicipalities::kByName,
      {kMaxPageLimit, 0});
  if (!municipalities) return site.Fail(request, municipalities.error());
  json rows = json::array();
  for (const auto& municipality : municipalities->items) rows.push_back(MunicipalityRow(reader, municipality));
  json data = Names(reader, oblast->name_bg, oblast->name_en);
  data["code"] = oblast->code;
  data["nuts2"] = oblast->nuts2;
  data["nuts3"] = oblast->nuts3;
  data["municipalities"] = rows;
  data["by_population"] = by_population;
  data["sort_by_name_url"] = OblastPath(oblast->code);
  data["sort_by_population_url"] = OblastPath(oblast->code) + "?sort=population";
  return site.Page(request, data["name"].get<std::string>(), "places/oblast", data);
}

json MunicipalityPageData(const web::Reader& reader, PlaceViews& views, const MunicipalityProfile& profile) {
  const MunicipalityDetail* detail = &profile.detail;
  const Municipality& municipality = detail->municipality;
  json data = Names(reader, municipality.name_bg, municipality.name_en);
  const std::string name = data["name"];
  data["code"] = municipality.code;
  data["ekatte"] = municipality.ekatte;
  data["nuts3"] = municipality.nuts3;
  data["oblast"] = Names(reader, detail->oblast.name_bg, detail->oblast.name_en);
  data["oblast"]["url"] = OblastPath(detail->oblast.code);
  data["settlement_count"] = detail->settlement_count;

  std::vector<web::ChartPoint> points;
  json table = json::array();
  for (const auto& point : detail->population) {
    points.push_back({std::to_string(point.year), static_cast<double>(point.population)});
    table.push_back({{"year", point.year}, {"population", reader.Number(point.population)}});
  }
  data["population"] = table;
  data["has_population"] = !table.empty();
  const std::string chart_title =
      fmt::format(fmt::runtime(reader.Translate("Population of {name} municipality by year")), fmt::arg("name", name));
  data["chart_title"] = chart_title;
  // Figures change only when reference data is loaded: each chart is drawn once per municipality and language.
  web::ChartOptions chart;
  chart.title = chart_title;
  chart.description = reader.Translate("Sum of the populations of its settlements (NSI).");
  chart.id_prefix = "population";
  chart.empty_text = reader.Translate("No population figures");
  chart.format_value = [&reader](double value) { return reader.Number(std::llround(value)); };
  data["chart_svg"] = web::RenderBarChart(points, chart);
  const std::string map_title =
      fmt::format(fmt::runtime(reader.Translate("Where {name} municipality lies in Bulgaria")), fmt::arg("name", name));
  data["map_title"] = map_title;
  data["map_svg"] = views.LocatorMap(municipality.code, map_title);
  data["has_map"] = !data["map_svg"].get<std::string>().empty();

  json settlements = json::array();
  for (const auto& settlement : profile.settlements) {
    json row = Names(reader, settlement.name_bg, settlement.name_en);
    row["ekatte"] = settlement.ekatte;
    row["kind"] = KindName(reader, settlement.kind);
    row["population"] = settlement.population ? reader.Number(*settlement.population) : reader.Translate("no data");
    settlements.push_back(std::move(row));
  }
  data["settlements"] = settlements;
  if (municipality.latest_population) {
    data["latest_year"] = municipality.latest_population->year;
    data["latest_population"] = reader.Number(municipality.latest_population->population);
  }
  return data;
}

http::Response MunicipalityPage(http::Request& request, const web::Site& site, PlacesService& service,
                                PlaceViews& views, const kernel::PlaceSections& sections) {
  auto profile = service.FindMunicipality(request.Parameter("code"));
  if (!profile) return site.Fail(request, profile.error());
  const Municipality& municipality = (*profile)->detail.municipality;
  const web::Reader reader = site.ReaderOf(request);
  // Everything in the body comes from reference data: it is rendered once per municipality and language.
  const auto body = views.fragments().GetOrRender("page/" + municipality.code + "/" + std::string(reader.code()), [&] {
    return site.RenderBody(request, "places/municipality", MunicipalityPageData(reader, views, **profile));
  });
  // What other modules show of the place (its plans, …) changes as people work: never cached.
  return site.PageAround(request, reader.english() ? municipality.name_en : municipality.name_bg,
                         *body + sections.HtmlFor(request, municipality.code));
}

http::Response SearchPage(http::Request& request, const web::Site& site, PlacesService& service) {
  const web::Reader reader = site.ReaderOf(request);
  const std::string query = request.Query("q").value_or("");
  auto page = ParsePage(std::nullopt, request.Query("offset"), 50);
  if (!page) return site.Fail(request, page.error());
  auto found = service.SearchMunicipalities(query, *page);
  if (!found) return site.Fail(request, found.error());
  json rows = json::array();
  for (const auto& municipality : found->items) rows.push_back(MunicipalityRow(reader, municipality));
  json settlements = json::array();
  if (page->offset == 0) {
    for (const auto& hit : service.SearchSettlements(query, kSettlementHitsShown)) {
      json row = Names(reader, hit.name_bg, hit.name_en);
      row["kind"] = KindName(reader, hit.kind);
      row["municipality"] = Names(reader, hit.municipality_name_bg, hit.municipality_name_en);
      row["municipality"]["url"] = MunicipalityPath(hit.municipality_code);
      settlements.push_back(std::move(row));
    }
  }
  json data = {{"query", query},
               {"has_query", !query.empty()},
               {"has_municipalities", !rows.empty()},
               {"municipalities", rows},
               {"has_settlements", !settlements.empty()},
               {"settlements", settlements},
               {"nothing_found", !query.empty() && rows.empty() && settlements.empty()},
               {"pager", Pager(reader, found->total, *page, "/places/search?q=" + http::PercentEncode(query))}};
  const std::string title = query.empty() ? reader.Translate("Search places")
                                          : fmt::format(fmt::runtime(reader.Translate("Places matching “{query}”")),
                                                        fmt::arg("query", query));
  return site.Page(request, title, "places/search", data);
}

// --- JSON API --------------------------------------------------------------------------------------------

http::Response ApiOblasts(http::Request& request, const web::Site& site, PlacesService& service) {
  auto page = ParsePage(request.Query("limit"), request.Query("offset"), 100);
  if (!page) return site.Fail(request, page.error());
  auto oblasts = service.ListOblasts(*page);
  if (!oblasts) return site.Fail(request, oblasts.error());
  json items = json::array();
  for (const auto& oblast : oblasts->items) items.push_back(OblastJson(oblast));
  return web::Site::Json(ListJson(std::move(items), oblasts->total, *page, "/api/v1/places/oblasts"));
}

http::Response ApiMunicipalities(http::Request& request, const web::Site& site, PlacesService& service) {
  auto page = ParsePage(request.Query("limit"), request.Query("offset"), 100);
  if (!page) return site.Fail(request, page.error());
  const std::string oblast = request.Query("oblast").value_or("");
  auto municipalities = service.ListMunicipalities(oblast, SortMunicipalities::kByCode, *page);
  if (!municipalities) return site.Fail(request, municipalities.error());
  json items = json::array();
  for (const auto& municipality : municipalities->items) items.push_back(MunicipalityJson(municipality));
  const std::string base = "/api/v1/places/municipalities" + (oblast.empty() ? "" : "?oblast=" + oblast);
  return web::Site::Json(ListJson(std::move(items), municipalities->total, *page, base));
}

http::Response ApiMunicipality(http::Request& request, const web::Site& site, PlacesService& service) {
  auto profile = service.FindMunicipality(request.Parameter("code"));
  if (!profile) return site.Fail(request, profile.error());
  const MunicipalityDetail* detail = &(*profile)->detail;
  json body = MunicipalityJson(detail->municipality);
  body["oblast"] = OblastJson(detail->oblast);
  body["settlement_count"] = detail->settlement_count;
  json population = json::array();
  for (const auto& point : detail->population)
    population.push_back({{"year", point.year}, {"value", point.population}});
  body["population_by_year"] = std::move(population);
  body["population_source"] = "NSI; sum over the municipality's settlements";
  return web::Site::Json(body);
}

// Every settlement of a municipality with its EKATTE code, kind, names and latest population: what a plan's settlement
// column may name, by code or by name.
http::Response ApiSettlements(http::Request& request, const web::Site& site, PlacesService& service) {
  const std::string code = request.Parameter("code");
  auto profile = service.FindMunicipality(code);
  if (!profile) return site.Fail(request, profile.error());
  json items = json::array();
  for (const Settlement& settlement : service.ListSettlements(code)) {
    items.push_back({{"ekatte", settlement.ekatte},
                     {"kind", settlement.kind},
                     {"name_bg", settlement.name_bg},
                     {"name_en", settlement.name_en},
                     {"population", settlement.population ? json(*settlement.population) : json()}});
  }
  const auto total = static_cast<std::int64_t>(items.size());
  return web::Site::Json({{"items", std::move(items)}, {"total", total}, {"next", nullptr}});
}

http::Response ApiSearch(http::Request& request, const web::Site& site, PlacesService& service) {
  auto page = ParsePage(request.Query("limit"), request.Query("offset"), 20);
  if (!page) return site.Fail(request, page.error());
  const std::string query = request.Query("q").value_or("");
  auto found = service.SearchMunicipalities(query, *page);
  if (!found) return site.Fail(request, found.error());
  json items = json::array();
  for (const auto& municipality : found->items) items.push_back(MunicipalityJson(municipality));
  return web::Site::Json(
      ListJson(std::move(items), found->total, *page, "/api/v1/places/search?q=" + http::PercentEncode(query)));
}

}  // namespace

void AddPlacesRoutes(kernel::Routes& routes, const web::Site& site, PlacesService& service,
                     const kernel::PlaceSections& sections) {
  const auto bind = [&site, &service](http::Response (*handler)(http::Request&, const web::Site&, PlacesService&)) {
    return [handler, &site, &service](http::Request& request) { return handler(request, site, service); };
  };
  routes.Get("/places", core::Access::Anyone(), bind(OblastsPage));
  routes.Get("/places/oblasts/" + std::string(kOblastCode), core::Access::Anyone(), bind(OblastPage));
  // The pages' drawn maps and rendered bodies live as long as the routes.
  auto views = std::make_shared<PlaceViews>(service);
  routes.Get("/places/municipalities/" + std::string(kMunicipalityCode), core::Access::Anyone(),
             [&site, &service, views, &sections](http::Request& request) {
               return MunicipalityPage(request, site, service, *views, sections);
             });
  routes.Get("/places/search", core::Access::Anyone(), bind(SearchPage));
  routes.Get("/api/v1/places/oblasts", core::Access::Anyone(), bind(ApiOblasts));
  routes.Get("/api/v1/places/municipalities", core::Access::Anyone(), bind(ApiMunicipalities));
  routes.Get("/api/v1/places/municipalities/" + std::string(kMunicipalityCode), core::Access::Anyone(),
             bind(ApiMunicipality));
  routes.Get("/api/v1/places/municipalities/" + std::string(kMunicipalityCode) + "/settlements", core::Access::Anyone(),
             bind(ApiSettlements));
  routes.Get("/api/v1/places/search", core::Access::Anyone(), bind(ApiSearch));
}

}  // namespace places
